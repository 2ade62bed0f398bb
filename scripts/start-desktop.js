// `npm start`: build, then open the desktop window — or say plainly why it cannot open here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or undefined when it is absent. This reads what the
 * `electron` package's index.js reads instead of requiring it: that file tries to
 * download the binary when it is missing, which hangs or fails on machines without access.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, relative || 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  return binary && fs.existsSync(binary) ? binary : undefined;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const binary = electronBinary();
if (!binary) {
  process.stderr.write(
    'No Electron binary is installed on this machine (it could not be downloaded), so the desktop window cannot start here.\n' +
      'Use `npm run serve` for the headless host: it runs the same app and UI in your browser on 127.0.0.1.\n' +
      'Where Electron can be installed, run `npx install-electron` (or reinstall node_modules) and try `npm start` again.\n',
  );
  process.exit(1);
}

const electronVite = path.join(
  path.dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
const built = run(process.execPath, [electronVite, 'build']);
if (built !== 0) process.exit(built);
process.exit(run(binary, [projectRoot]));
