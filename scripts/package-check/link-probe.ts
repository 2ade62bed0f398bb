// Run by package:check in its own Node 24 process: imports the packed app's main script,
// every module of its main bundle, every package the bundle names (a runtime require such as
// the demo org's faye included) and every dependency, from the folder app.asar was extracted
// to, with `electron` answered by the stub. Any import the package cannot satisfy (a
// dependency left out, a missing export) fails here as it would in the app.
// Usage: node link-probe.ts <extracted app folder> <electron stub file> <package names as JSON>
import fs from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [appFolder, stubFile, namedPackages] = process.argv.slice(2);
if (!appFolder || !stubFile || !namedPackages) {
  throw new Error('Usage: link-probe.ts <app folder> <electron stub> <package names as JSON>');
}

const packageFile = path.join(appFolder, 'package.json');
const appPackage = JSON.parse(fs.readFileSync(packageFile, 'utf8')) as {
  main: string;
  dependencies?: Record<string, string>;
};
const stubUrl = pathToFileURL(stubFile).href;
const appPackageUrl = pathToFileURL(packageFile).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: stubUrl, shortCircuit: true };
    // The dependencies this probe imports resolve as the packed app's own imports do.
    const parentURL = context.parentURL === import.meta.url ? appPackageUrl : context.parentURL;
    return nextResolve(specifier, { ...context, parentURL });
  },
});

const mainScript = path.join(appFolder, appPackage.main);
const chunks = path.join(path.dirname(mainScript), 'chunks');
const modules = [
  mainScript,
  ...(fs.existsSync(chunks) ? fs.readdirSync(chunks).map((file) => path.join(chunks, file)) : []),
].map((file) => pathToFileURL(file).href);
const packages = [
  ...new Set([
    ...(JSON.parse(namedPackages) as string[]),
    ...Object.keys(appPackage.dependencies ?? {}),
  ]),
];

for (const specifier of [...modules, ...packages]) {
  try {
    await import(specifier);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${specifier.replace(pathToFileURL(appFolder).href, '')}: ${reason}\n`);
    process.exit(1);
  }
}
// The native binary loads only when a database opens: open one, as the app does at start.
const sqlite = (await import('better-sqlite3')) as {
  default: new (file: string) => { close(): void };
};
new sqlite.default(':memory:').close();
process.stdout.write(
  `${modules.length} main modules, ${packages.length} packages, an SQLite database opened\n`,
);
process.exit(0);
