// Salesforce reports the org's API usage on every answer, not who made the calls: Leadbridge
// counts the requests Salesforce counted for it, so Sync health can show its share.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ApiCallSample } from '../../../src-main/core/store/api-usage-history';
import { SalesforceConnection } from '../../../src-main/core/salesforce/salesforce-connection';
import { SessionRefresher } from '../../../src-main/core/salesforce/session-refresher';
import { SessionVault } from '../../../src-main/core/salesforce/session-vault';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { admin } from '../../support/demo-org-admin';
import { createConnectedCore, secretsSignedInTo, syncNow } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';

let org: DemoOrgHandle;
const disposals: (() => void)[] = [];

beforeAll(async () => {
  org = await startDemoOrg({ leads: 30, seed: 'api-call-history' });
});
afterEach(() => {
  for (const dispose of disposals.splice(0)) dispose();
});
afterAll(async () => org.close());

const orgUsed = async () =>
  ((await admin(org.url, 'GET', 'settings')) as { apiUsage: number }).apiUsage;

it('counts each request the org counted, and none it answered without its usage (an error page)', async () => {
  const vault = new SessionVault(
    await secretsSignedInTo(org.url, org.issueSession({ refreshToken: true })),
  );
  const clock = new FakeClock();
  const salesforce = new SalesforceConnection(vault, new SessionRefresher(vault, clock), clock, {
    retryDelayMs: 1,
  });
  const query = () =>
    salesforce.call((connection) =>
      connection.request('/services/data/v62.0/query?q=SELECT+Id+FROM+Lead+LIMIT+5'),
    );
  const samples: ApiCallSample[] = [];
  salesforce.onCalls((sample) => samples.push(sample));
  const before = await orgUsed();

  await salesforce.measureApiUsage();
  await query();
  // Retried after an internal error: one call of ours, answered twice.
  org.injectFault('500', { times: 1, match: '/query' });
  await query();
  // A maintenance page reports no usage: whatever it was, Salesforce did not count it for us.
  org.injectFault('503-html', { times: 3, match: '/query' });
  await expect(query()).rejects.toMatchObject({ code: 'SALESFORCE_UNAVAILABLE' });

  const after = await orgUsed();
  expect(samples.reduce((sum, sample) => sum + sample.calls, 0)).toBe(after - before);
  expect(samples.at(-1)?.orgUsage).toEqual({ used: after, max: expect.any(Number) });
});

it('health:get shows the calls a sync made as Leadbridge’s share, and a failed sync as an error to retry until a sync succeeds', async () => {
  const { core } = await createConnectedCore(org, undefined, {
    salesforceCallLimits: { retryDelayMs: 1 },
  });
  disposals.push(() => core.dispose());
  await admin(org.url, 'PATCH', 'settings', { apiUsage: 1_000 });

  await syncNow(core);
  const calls = (await orgUsed()) - 1_000;
  const healthy = await core.handlers['health:get']({});
  expect(healthy.apiUsage).toMatchObject({
    org: { used: 1_000 + calls },
    leadbridgeCalls: calls,
    leadbridgeShare: calls / (1_000 + calls),
  });
  expect(healthy.errors.groups).toEqual([]);

  org.injectFault('503', { times: 3 });
  expect((await syncNow(core)).state).toBe('error');
  const failed = await core.handlers['health:get']({});
  expect(failed.errors.groups).toMatchObject([
    {
      code: 'SERVER_UNAVAILABLE',
      count: 1,
      kinds: ['sync.failed'],
      newest: { kind: 'sync.failed', details: { message: expect.stringMatching(/try again/) } },
      retry: { syncNow: true, outboxItemIds: [], bookingIds: [] },
    },
  ]);

  await syncNow(core);
  const [recovered] = (await core.handlers['health:get']({})).errors.groups;
  expect(recovered).toMatchObject({ code: 'SERVER_UNAVAILABLE', count: 1, retry: null });
});
