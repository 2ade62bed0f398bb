import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildWhenStale } from '../../scripts/start/build-when-stale';

export const builtHeadless = path.resolve('out/main/headless.js');

/**
 * Builds the app unless every output is newer than every source: a test of the built host
 * must not run yesterday's build (`npm test` builds only after vitest). The check `npm start`
 * makes.
 */
export function ensureHeadlessBuild(): void {
  const status = buildWhenStale(process.cwd());
  if (status !== 0) throw new Error(`the app's build failed (exit ${status})`);
}

export interface HeadlessProcess {
  origin: string;
  pid: number;
  /** POSTs a contract method with the launch token, as a script would. */
  call<T>(method: string, input?: unknown): Promise<T>;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  kill(signal: NodeJS.Signals): Promise<string>;
  /** What the host wrote to stderr, for a failing test's message. */
  stderr(): string;
  /** What the host has written to stdout so far (its start-up lines). */
  stdout(): string;
}

export interface HeadlessLaunch {
  dataDirectory: string;
  secretsKeyFile: string;
  token: string;
  /** A running demo org to use; without it the host has its built-in one (started on connect). */
  demoOrgUrl?: string;
  /** `--demo` too: the built-in demo scheduler starts beside the demo org. */
  demo?: boolean;
}

/** Starts the built headless host on 127.0.0.1 and a free port. */
export async function spawnHeadless(launch: HeadlessLaunch): Promise<HeadlessProcess> {
  const child = spawn(
    process.execPath,
    [
      builtHeadless,
      '--port',
      '0',
      '--data-dir',
      launch.dataDirectory,
      '--token',
      launch.token,
      ...(launch.demoOrgUrl ? ['--demo-org', launch.demoOrgUrl] : []),
      ...(launch.demo ? ['--demo'] : []),
    ],
    {
      env: { ...process.env, LEADBRIDGE_SECRETS_KEY_FILE: launch.secretsKeyFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-8000);
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const uiUrl = await readUiLine(child, exited, () => errors);
  const origin = new URL(uiUrl).origin;
  return {
    origin,
    pid: child.pid!,
    exited,
    stderr: () => errors,
    stdout: () => output,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    call: async <T>(method: string, input: unknown = {}) => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${launch.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      }).catch((error: unknown) => {
        // undici's "fetch failed" names neither the call nor the host's state.
        const state = child.exitCode ?? child.signalCode ?? 'running';
        throw new Error(`${method} failed (host ${state}); host stderr: ${errors.slice(-2000)}`, {
          cause: error,
        });
      });
      if (!response.ok)
        throw new Error(`${method} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

function readUiLine(
  child: ChildProcess,
  exited: Promise<string>,
  errors: () => string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${errors()}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^UI: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${how}) before it listened: ${errors()}`));
    });
  });
}
