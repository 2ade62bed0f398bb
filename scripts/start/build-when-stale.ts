// Builds the app before a start, unless every output is newer than every source: a second
// `npm start` opens in a second instead of five, and never runs yesterday's build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const sources = [
  'src-main',
  'src-preload',
  'src-renderer',
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
];
const outputs = [
  'out/main/index.js',
  'out/main/headless.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const file of fs.readdirSync(entry, { withFileTypes: true, recursive: true })) {
    if (file.isFile()) {
      newest = Math.max(newest, fs.statSync(path.join(file.parentPath, file.name)).mtimeMs);
    }
  }
  return newest;
}

function isCurrent(projectRoot: string): boolean {
  const at = (relative: string) => path.join(projectRoot, relative);
  if (!outputs.every((output) => fs.existsSync(at(output)))) return false;
  const oldestOutput = Math.min(...outputs.map((output) => fs.statSync(at(output)).mtimeMs));
  return sources.every((source) => newestMtime(at(source)) < oldestOutput);
}

/** Returns the build's exit status (0 when nothing needed building). Errors print; the rest is quiet. */
export function buildWhenStale(projectRoot: string): number {
  if (isCurrent(projectRoot)) return 0;
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const electronVite = path.join(
    path.dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const result = spawnSync(process.execPath, [electronVite, 'build', '--logLevel', 'error'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}
