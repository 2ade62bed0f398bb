// An `electron` module for plain Node: every main-process export Electron's own type
// definitions declare, each an inert object that accepts any call. Its app never becomes
// ready (whenReady() never settles), so importing the main script runs only what runs
// before `ready`: the imports, which are what the probe is after.
import fs from 'node:fs';

/** Names `require('electron')` gives the main process: the Main and Common namespaces. */
export function electronMainExports(typeDefinitions: string): string[] {
  const names = new Set<string>();
  for (const namespace of ['Main', 'Common']) {
    const start = typeDefinitions.indexOf(`\n  namespace ${namespace} {`);
    const end = typeDefinitions.indexOf('\n  }', start);
    if (start < 0 || end < 0) throw new Error(`electron.d.ts has no namespace ${namespace}.`);
    for (const [, name] of typeDefinitions
      .slice(start, end)
      .matchAll(/\n {4}(?:const|class) (\w+)/g)) {
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

const inertSource = `
function inert(name) {
  return new Proxy(function () {}, {
    get(_target, key) {
      if (key === 'then') return undefined;
      if (key === 'whenReady') return () => new Promise(() => {});
      if (key === Symbol.toPrimitive) return () => '[electron stub ' + name + ']';
      return inert(name + '.' + String(key));
    },
    apply: () => inert(name + '()'),
    construct: () => inert('new ' + name),
  });
}
`;

export function writeElectronStub(typeDefinitionsFile: string, stubFile: string): void {
  const names = electronMainExports(fs.readFileSync(typeDefinitionsFile, 'utf8'));
  const exports = names.map((name) => `export const ${name} = inert('${name}');`).join('\n');
  const defaultExport = `export default { ${names.join(', ')} };`;
  fs.writeFileSync(stubFile, `${inertSource}\n${exports}\n${defaultExport}\n`);
}
