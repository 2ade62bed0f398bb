import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { makeTempDirectory } from '../support/temp-directory';

export interface HeadlessHost {
  uiUrl: string;
  /** The built-in demo org's address when the host was started with --demo. */
  demoOrgUrl: string | null;
  origin: string;
  port: number;
  token: string;
  dataDirectory: string;
  /** Calls a contract method from outside the page, as a script or the tray would. */
  call(method: string, input?: unknown): Promise<Response>;
}

/** Starts the built headless host (`out/main/headless.js`) as a child process, as a user would. */
export async function startHeadlessHost(
  extraArgs: readonly string[] = [],
): Promise<HeadlessHost & { stop(): Promise<void> }> {
  const temp = makeTempDirectory('lb-e2e');
  const token = `e2e-${Math.random().toString(36).slice(2)}-token-value`;
  const child = spawn(
    process.execPath,
    [
      path.resolve('out/main/headless.js'),
      '--port',
      '0',
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
  const { uiUrl, demoOrgUrl } = await readStartupLines(child, extraArgs.includes('--demo'));
  const origin = new URL(uiUrl).origin;
  return {
    uiUrl,
    demoOrgUrl,
    origin,
    port: Number(new URL(uiUrl).port),
    token,
    dataDirectory: path.join(temp.path, 'data'),
    call: (method, input = {}) =>
      fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      temp.remove();
    },
  };
}

/** Waits for the `UI:` line (and the `Demo org:` line when one is expected). */
function readStartupLines(
  child: ChildProcess,
  expectDemoOrg: boolean,
): Promise<{ uiUrl: string; demoOrgUrl: string | null }> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${errors}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ui = /^UI: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(output)?.[1];
      const demo = /^Demo org: (http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1] ?? null;
      if (ui && (demo || !expectDemoOrg)) {
        clearTimeout(timer);
        resolve({ uiUrl: ui, demoOrgUrl: demo });
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${errors}`)));
  });
}

export const test = base.extend<{ host: HeadlessHost; demoHost: HeadlessHost }>({
  // Playwright reads a fixture's dependencies from its destructuring: this one has none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHeadlessHost();
    await use(host);
    await host.stop();
  },
  // eslint-disable-next-line no-empty-pattern
  demoHost: async ({}, use) => {
    const host = await startHeadlessHost(['--demo']);
    await use(host);
    await host.stop();
  },
});
export { expect } from '@playwright/test';
