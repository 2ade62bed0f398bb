import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus, SyncStatus } from '../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../src-main/demo-org';
import { answerConsent } from '../support/demo-consent';
import {
  ensureHeadlessBuild,
  spawnHeadless,
  type HeadlessProcess,
} from '../support/headless-process';
import { makeTempDirectory } from '../support/temp-directory';

// The built headless host against connections that drop mid-body: jsforce used to pipe those
// bodies without an error handler, and the process exited with code 1.
const temp = makeTempDirectory('lb-dropped');
let org: DemoOrgHandle;
let host: HeadlessProcess | undefined;

beforeAll(async () => {
  ensureHeadlessBuild();
  org = await startDemoOrg({ leads: 300, seed: 'dropped-connections' });
}, 180_000);

afterAll(async () => {
  await host?.kill('SIGKILL');
  await org?.close();
  temp.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function syncSettled(running: HeadlessProcess): Promise<SyncStatus> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await running.call<SyncStatus>('sync:status');
    if (status.state !== 'syncing' && (status.lastRun || status.state === 'error')) return status;
    if (Date.now() > deadline) throw new Error(`still syncing: ${status.message}`);
    await sleep(50);
  }
}

async function stillRunning(running: HeadlessProcess): Promise<boolean> {
  const outcome = await Promise.race([running.exited, sleep(200).then(() => 'running')]);
  return outcome === 'running';
}

describe('the headless host when Salesforce connections drop mid-body', () => {
  it('survives a reset on /limits (connection:status) and on /describe (a sync)', async () => {
    host = await spawnHeadless({
      dataDirectory: path.join(temp.path, 'data'),
      secretsKeyFile: path.join(temp.path, 'secrets.key'),
      token: 'dropped-connections-token-0123456789',
      demoOrgUrl: org.url,
    });
    // Every attempt meets it: the sign-in's /limits and the first sync's describe.
    org.injectFault('reset', { times: 3, match: '/limits' });
    org.injectFault('reset', { times: 3, match: '/sobjects/Lead/describe' });
    const { authorizeUrl } = await host.call<{ authorizeUrl: string }>('connection:connect', {
      org: 'demo',
    });
    const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
    expect((await fetch(`${host.origin}${callback.pathname}${callback.search}`)).ok).toBe(true);

    const failed = await syncSettled(host);
    expect(failed.state).toBe('error');
    expect(failed.message).toMatch(
      /dropped before the answer was complete.*tries again in 1 minute/,
    );
    expect(await stillRunning(host)).toBe(true);

    org.injectFault('reset', { times: 3, match: '/limits' });
    const connection = await host.call<ConnectionStatus>('connection:status');
    expect(connection.state).toBe('connected');
    expect(await stillRunning(host)).toBe(true);

    // jsforce's old fallback path: a 500 on a query, then the retry's body drops.
    org.injectFault('500', { match: '/queryAll' });
    org.injectFault('reset', { match: '/queryAll' });
    await host.call('sync:now');
    const recovered = await syncSettled(host);
    expect(recovered.state).toBe('idle');
    expect(recovered.cachedLeads).toBe(300);
    expect(await stillRunning(host)).toBe(true);
    expect(host.stderr()).not.toMatch(/uncaught/);
  }, 60_000);
});
