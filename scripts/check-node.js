// npm puts node_modules/.bin first on PATH, so `node` here is the project's own Node 24
// (the `node` devDependency). Fail early and clearly if that did not happen.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `Leadbridge runs on Node 24 (Electron 45's Node), but this is Node ${process.versions.node}. ` +
      'Run `npm ci` so the project installs its own Node 24, then use the npm scripts.',
  );
  process.exit(1);
}
console.log(`Node ${process.versions.node}`);
