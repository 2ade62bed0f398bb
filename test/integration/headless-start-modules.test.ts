// What the built headless host loads before it prints its UI line: the demo org (and the SOQL
// parser it brings, slower to load than the rest of the start) only once someone opens it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { builtHeadless, ensureHeadlessBuild } from '../support/headless-process';

beforeAll(() => ensureHeadlessBuild(), 180_000);

/** Every module the file imports statically, transitively: `import()` calls are not followed. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const text = fs.readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gms)) {
    if (!specifier || seen.has(specifier)) continue;
    seen.add(specifier);
    if (specifier.startsWith('.')) staticImports(path.resolve(path.dirname(file), specifier), seen);
  }
  return seen;
}

it('starts without loading the demo org or its SOQL parser, which load when the demo org starts', () => {
  const loaded = [...staticImports(builtHeadless)];
  expect(loaded).toContain('better-sqlite3');
  expect(loaded.filter((name) => /soql-parser|demo-org-/.test(name))).toEqual([]);
});
