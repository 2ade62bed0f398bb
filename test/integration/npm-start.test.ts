// `npm start` on a machine without Electron's binary (this one, or any: the test points the
// electron package at an empty folder): it starts the headless host with the demo org and
// scheduler, says so and where to open it, answers there, and stops everything on a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { ensureHeadlessBuild } from '../support/headless-process';
import { until } from '../support/poll-until';
import { makeTempDirectory } from '../support/temp-directory';

beforeAll(() => ensureHeadlessBuild(), 180_000);

interface StartRun {
  child: ChildProcess;
  dataDirectory: string;
  stdout(): string;
  exited: Promise<number | null>;
}

const runs: StartRun[] = [];
const temps: ReturnType<typeof makeTempDirectory>[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
    await run.exited;
  }
  for (const temp of temps.splice(0)) temp.remove();
});

/**
 * Runs the start script with the electron package pointed at a folder of our own: empty (no
 * binary), or holding a binary that fails as Electron does as root without --no-sandbox.
 */
function startScript(port: number, electron: 'absent' | 'failing' = 'absent'): StartRun {
  const temp = makeTempDirectory('lb-npm-start');
  temps.push(temp);
  const electronDist = path.join(temp.path, 'electron-dist');
  fs.mkdirSync(electronDist);
  if (electron === 'failing') {
    fs.writeFileSync(
      path.join(electronDist, 'electron'),
      '#!/bin/sh\necho "Running as root without --no-sandbox is not supported." >&2\nexit 1\n',
      { mode: 0o755 },
    );
  }
  // Its own process group, as a terminal gives `npm start`: Ctrl-C signals the whole group.
  const child = spawn(
    process.execPath,
    ['scripts/start.ts', '--port', String(port), '--data-dir', path.join(temp.path, 'data')],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: electronDist,
        DISPLAY: ':0',
        LEADBRIDGE_SECRETS_KEY_FILE: path.join(temp.path, 'secrets.key'),
      },
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.resume();
  const run = {
    child,
    dataDirectory: path.join(temp.path, 'data'),
    stdout: () => output,
    exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
  };
  runs.push(run);
  return run;
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (response) => response.ok,
    () => false,
  );
}

it.each([
  [
    'Ctrl-C (SIGINT to its process group)',
    (child: ChildProcess) => process.kill(-child.pid!, 'SIGINT'),
  ],
  ['SIGTERM to the script alone', (child: ChildProcess) => child.kill('SIGTERM')],
])(
  'starts the headless host with the demo org and scheduler, says which, why and where, and stops on %s',
  async (_how, stop) => {
    const port = await freePort();
    const run = startScript(port);
    await until(
      'the start lines',
      () => (run.stdout().includes('Ctrl-C stops Leadbridge.') ? true : undefined),
      90_000,
    );

    const lines = run.stdout().trimEnd().split('\n');
    expect(lines).toEqual([
      'Leadbridge: starting the headless host with the demo org and demo scheduler, because no Electron binary is installed on this machine (it could not be downloaded).',
      expect.stringMatching(new RegExp(`^UI: http://127\\.0\\.0\\.1:${port}/#token=\\S+$`)),
      expect.stringMatching(
        /^Demo org: http:\/\/127\.0\.0\.1:\d+ \(its page lets you edit leads\)$/,
      ),
      expect.stringMatching(/^Demo scheduler: http:\/\/127\.0\.0\.1:\d+ \(book a meeting/),
      'Open the UI address in your browser. Ctrl-C stops Leadbridge.',
    ]);
    const uiUrl = new URL(lines[1]!.slice('UI: '.length));
    const token = uiUrl.hash.slice('#token='.length);
    const demoOrg = /(http:\/\/\S+)/.exec(lines[2]!)![1]!;
    const scheduler = /(http:\/\/\S+)/.exec(lines[3]!)![1]!;

    const page = await fetch(uiUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const status = await fetch(new URL('/api/sync:status', uiUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(status.status).toBe(200);
    expect(await answers(demoOrg)).toBe(true);
    expect(await answers(scheduler)).toBe(true);

    stop(run.child);
    expect(await run.exited).toBe(0);
    expect(run.stdout().trimEnd().split('\n').at(-1)).toBe('Leadbridge stopped.');
    for (const url of [uiUrl.origin, demoOrg, scheduler]) expect(await answers(url)).toBe(false);
    // SQLite removes the write-ahead log when the last connection closes: the host shut down.
    expect(fs.existsSync(path.join(run.dataDirectory, 'leadbridge.db'))).toBe(true);
    expect(fs.existsSync(path.join(run.dataDirectory, 'leadbridge.db-wal'))).toBe(false);
  },
  120_000,
);

it('starts the headless host when the desktop app fails as it starts, and says why', async () => {
  const port = await freePort();
  const run = startScript(port, 'failing');
  await until(
    'the start lines',
    () => (run.stdout().includes('Ctrl-C stops Leadbridge.') ? true : undefined),
    90_000,
  );
  const lines = run.stdout().trimEnd().split('\n');
  expect(lines.slice(0, 2)).toEqual([
    'Leadbridge: starting the desktop app (Electron).',
    'Leadbridge: starting the headless host with the demo org and demo scheduler, because the desktop app did not start (Electron exited with code 1; its message is above).',
  ]);
  expect(lines[2]).toMatch(new RegExp(`^UI: http://127\\.0\\.0\\.1:${port}/#token=`));
  expect(await answers(new URL(lines[2]!.slice('UI: '.length)).origin)).toBe(true);
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}, 120_000);
