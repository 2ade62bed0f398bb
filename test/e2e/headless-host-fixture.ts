import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test as base, type TestInfo } from '@playwright/test';
import { makeTempDirectory } from '../support/temp-directory';

export interface HeadlessHost {
  uiUrl: string;
  /** The built-in demo org's address when the host was started with --demo. */
  demoOrgUrl: string | null;
  /** The demo scheduler's address (--demo): its booking pages reach the host as webhooks. */
  demoSchedulerUrl: string | null;
  origin: string;
  port: number;
  token: string;
  dataDirectory: string;
  /** Calls a contract method from outside the page, as a script or the tray would. */
  call(method: string, input?: unknown): Promise<Response>;
  /** The same, for a call that must succeed: its parsed answer. */
  callJson<T>(method: string, input?: unknown): Promise<T>;
}

/**
 * Starts the built headless host (`out/main/headless.js`) as a child process, as a user would;
 * on a free port with a new token unless `again` names the ones of a host stopped before.
 */
export async function startHeadlessHost(
  extraArgs: readonly string[] = [],
  again: { port: number; token: string } | null = null,
): Promise<HeadlessHost & { stop(): Promise<void> }> {
  const temp = makeTempDirectory('lb-e2e');
  const token = again?.token ?? `e2e-${Math.random().toString(36).slice(2)}-token-value`;
  const child = spawn(
    process.execPath,
    [
      path.resolve('out/main/headless.js'),
      '--port',
      String(again?.port ?? 0),
      '--data-dir',
      path.join(temp.path, 'data'),
      '--token',
      token,
      ...extraArgs,
    ],
    {
      env: { ...process.env, LEADBRIDGE_SECRETS_KEY_FILE: path.join(temp.path, 'secrets.key') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { uiUrl, demoOrgUrl, demoSchedulerUrl } = await readStartupLines(
    child,
    extraArgs.includes('--demo'),
  );
  const origin = new URL(uiUrl).origin;
  const call = (method: string, input: unknown = {}) =>
    fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
  return {
    uiUrl,
    demoOrgUrl,
    demoSchedulerUrl,
    origin,
    port: Number(new URL(uiUrl).port),
    token,
    dataDirectory: path.join(temp.path, 'data'),
    call,
    async callJson<T>(method: string, input?: unknown) {
      const response = await call(method, input);
      if (!response.ok) throw new Error(`${method} answered ${response.status}`);
      return (await response.json()) as T;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      temp.remove();
    },
  };
}

/** Waits for the `UI:` line (and the `Demo org:` and `Demo scheduler:` lines with --demo). */
function readStartupLines(
  child: ChildProcess,
  expectDemo: boolean,
): Promise<{ uiUrl: string; demoOrgUrl: string | null; demoSchedulerUrl: string | null }> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${errors}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ui = /^UI: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(output)?.[1];
      const demo = /^Demo org: (http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1] ?? null;
      const scheduler = /^Demo scheduler: (http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1] ?? null;
      if (ui && ((demo && scheduler) || !expectDemo)) {
        clearTimeout(timer);
        resolve({ uiUrl: ui, demoOrgUrl: demo, demoSchedulerUrl: scheduler });
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${errors}`)));
  });
}

/** Runs a host for one test; when the test fails, keeps what the host knew (status, log). */
async function hostFixture(
  args: readonly string[],
  use: (host: HeadlessHost) => Promise<void>,
  testInfo: TestInfo,
): Promise<void> {
  const host = await startHeadlessHost(args);
  await use(host);
  if (testInfo.status !== testInfo.expectedStatus) {
    const [status, log] = await Promise.all([
      host.callJson('sync:status').catch((error: unknown) => String(error)),
      host.callJson('log:list', { limit: 30 }).catch((error: unknown) => String(error)),
    ]);
    await testInfo.attach('host-state.json', {
      body: JSON.stringify({ status, log }, null, 2),
      contentType: 'application/json',
    });
  }
  await host.stop();
}

export const test = base.extend<{ host: HeadlessHost; demoHost: HeadlessHost }>({
  // Playwright reads a fixture's dependencies from its destructuring: these have none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use, testInfo) => hostFixture([], use, testInfo),
  // eslint-disable-next-line no-empty-pattern
  demoHost: async ({}, use, testInfo) => hostFixture(['--demo'], use, testInfo),
});
export { expect } from '@playwright/test';
