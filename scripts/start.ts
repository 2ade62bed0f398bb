// `npm start`: the desktop app where Electron can open a window; elsewhere the headless host
// with the demo org and demo scheduler. Either way it says which it started and why, and
// Ctrl-C stops everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { buildWhenStale } from './start/build-when-stale.ts';
import {
  chooseHost,
  fallbackAfterDesktopEnd,
  type DesktopEnd,
  type HostChoice,
} from './start/host-choice.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function electronPackageDir(): string | undefined {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * On POSIX the host runs in its own process group, so a terminal's Ctrl-C reaches it once,
 * from here: a second SIGINT would end the headless host before it closed its database.
 * (On Windows a detached process would get a console window of its own.)
 */
const ownProcessGroup = process.platform !== 'win32';

function startHost(choice: HostChoice, options: readonly string[]): ChildProcess {
  if (choice.host === 'desktop') {
    return spawn(choice.electronBinary, [projectRoot], {
      cwd: projectRoot,
      detached: ownProcessGroup,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  const demo = options.includes('--demo') ? [] : ['--demo'];
  return spawn(
    process.execPath,
    [path.join(projectRoot, 'out/main/headless.js'), ...demo, ...options],
    { cwd: projectRoot, detached: ownProcessGroup, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** Passes the host's lines on, and says what to do once it has printed its last address. */
function relayHeadlessLines(child: ChildProcess): void {
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    if (line.startsWith('Demo scheduler: ')) {
      process.stdout.write('Open the UI address in your browser. Ctrl-C stops Leadbridge.\n');
    }
  });
}

function announce(choice: HostChoice): void {
  process.stdout.write(
    choice.host === 'desktop'
      ? 'Leadbridge: starting the desktop app (Electron).\n'
      : `Leadbridge: starting the headless host with the demo org and demo scheduler, because ${choice.reason}.\n`,
  );
}

let child: ChildProcess | undefined;
let stopping = false;

/** Starts a host; a desktop app that could not start gives way to the headless host. */
function launch(choice: HostChoice, options: readonly string[]): void {
  const launchedAt = Date.now();
  const host = startHost(choice, options);
  child = host;
  if (choice.host === 'headless') relayHeadlessLines(host);
  // Node may report a failed spawn by 'error' alone, or by 'error' and then 'exit'.
  let ended = false;
  const end = (how: DesktopEnd, exitCode: number) => {
    if (ended) return;
    ended = true;
    const fallback =
      choice.host === 'desktop' && !stopping ? fallbackAfterDesktopEnd(how) : undefined;
    if (fallback) {
      announce(fallback);
      return launch(fallback, options);
    }
    if (stopping) process.stdout.write('Leadbridge stopped.\n');
    if ('spawnError' in how)
      process.stderr.write(`Leadbridge could not start: ${how.spawnError}\n`);
    process.exit(exitCode);
  };
  host.on('error', (error) => end({ spawnError: error.message }, 1));
  host.on('exit', (code, signal) =>
    // A host ended by the signal passed on has stopped as asked; ended by another, it crashed.
    end({ code, signal, ranForMs: Date.now() - launchedAt }, code ?? (stopping ? 0 : 1)),
  );
}

const choice = chooseHost({
  electronPackageDir: electronPackageDir(),
  platform: process.platform,
  env: process.env,
});
announce(choice);
const built = buildWhenStale(projectRoot);
if (built !== 0) process.exit(built);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    child?.kill(signal);
  });
}
// Should this script end another way, the host it started must not outlive it.
process.on('exit', () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});
launch(choice, process.argv.slice(2));
