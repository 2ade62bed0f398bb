// The local cache belongs to one org: signing in to another replaces it, and every
// (re)connect syncs at once — against two demo orgs with different org ids.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-preload/contract';
import type { DemoOrgLauncher } from '../../../src-main/core/salesforce/connection-service';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { answerConsent } from '../../support/demo-consent';
import { FakeClock } from '../../support/fake-clock';
import { readOrgLeads } from '../../support/org-leads';
import { makeTempDirectory } from '../../support/temp-directory';
import { createTestCore, memorySecretStore } from '../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

let orgA: DemoOrgHandle;
let orgB: DemoOrgHandle;
/** "Try with a demo org" signs in to whichever org this names. */
let target: DemoOrgHandle;
let clock: FakeClock;
let core: TestCore;
let temp: ReturnType<typeof makeTempDirectory>;

const demoOrg: DemoOrgLauncher = {
  loginUrl: async () => target.url,
  runningAt: () => target.url,
};

function startCore(launcher = demoOrg): Promise<TestCore> {
  return createTestCore({
    dataDirectory: temp.path,
    secretStore: memorySecretStore(),
    clock,
    demoOrg: launcher,
  });
}

beforeEach(async () => {
  orgA = await startDemoOrg({ leads: 30, seed: 'org-a' });
  orgB = await startDemoOrg({ orgId: '00D5f000000AbCdEAK', leads: 20, seed: 'org-b' });
  temp = makeTempDirectory('lb-switch');
  clock = new FakeClock();
  core = await startCore();
});
afterEach(async () => {
  core.dispose();
  temp.remove();
  await orgA.close();
  await orgB.close();
});

async function signIn(org: DemoOrgHandle): Promise<void> {
  target = org;
  const { authorizeUrl } = await core.handlers['connection:connect']({ org: 'demo' });
  await core.connection.handleCallback(await answerConsent(authorizeUrl, 'allow'));
}

/** The sync that is due now (not at the next interval) runs to its end. */
async function runSyncDueNow(): Promise<void> {
  expect(clock.nextTimerAt()).toBe(clock.now());
  clock.advance(0);
  await core.sync.idle();
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Org A's import has written its first page; the second (query/<cursor>) is slow to come. */
async function startImportWithSecondPageOnItsWay(): Promise<void> {
  orgA.seedLeads(2_500, 'more');
  await signIn(orgA);
  orgA.injectFault('slow', { ms: 800, match: 'query/' });
  clock.advance(0);
  await waitUntil(() => (core.sync.status().progress?.records ?? 0) >= 2_000);
}

const cachedIds = () =>
  core.leads
    .search('', 10_000, 0)
    .leads.map((lead) => lead.id)
    .sort();
const orgIds = async (org: DemoOrgHandle) => [...(await readOrgLeads(org, ['Id'])).keys()].sort();
const kinds = () =>
  core.log
    .list({ limit: 500 })
    .entries.map((entry) => entry.kind)
    .reverse();

describe('switching orgs', () => {
  it('a sign-in to another org deletes the first org’s Leads and imports the new org in full', async () => {
    await signIn(orgA);
    await runSyncDueNow();
    expect(cachedIds()).toEqual(await orgIds(orgA));
    await core.handlers['connection:disconnect']({ deleteCache: false });
    expect(core.connection.status().cachedOrg).toEqual({
      organizationId: orgA.orgId,
      instanceUrl: orgA.url,
    });

    await signIn(orgB);
    expect(core.connection.status()).toMatchObject({
      state: 'connected',
      org: { organizationId: orgB.orgId },
      cachedOrg: { organizationId: orgB.orgId, instanceUrl: orgB.url },
      cacheReplaced: { previous: { organizationId: orgA.orgId }, leadsDeleted: 30 },
    });
    expect(cachedIds()).toEqual([]);
    await runSyncDueNow();

    const idsOfB = await orgIds(orgB);
    expect(idsOfB).toHaveLength(20);
    expect(cachedIds()).toEqual(idsOfB);
    expect(core.sync.status()).toMatchObject({ state: 'idle', cachedLeads: 20 });
    const after = kinds().slice(kinds().lastIndexOf('sync.cache-replaced'));
    expect(after).toContain('sync.import-completed');
    expect(after).not.toContain('lead.created');
  });

  it('lets a sync of the first org end before the new org’s session is used', async () => {
    await startImportWithSecondPageOnItsWay();
    await signIn(orgB);
    await runSyncDueNow();
    expect(cachedIds()).toEqual(await orgIds(orgB));
  });

  it('replaces the cache too when the demo org’s session ended with the app', async () => {
    await signIn(orgA);
    await runSyncDueNow();
    core.dispose();
    // The built-in demo org lives inside the app: after a restart it runs somewhere else.
    core = await startCore({ loginUrl: async () => target.url, runningAt: () => undefined });
    expect(core.connection.status()).toMatchObject({
      state: 'disconnected',
      cachedOrg: { organizationId: orgA.orgId },
    });

    await signIn(orgB);
    expect(core.connection.status().cacheReplaced?.leadsDeleted).toBe(30);
    await runSyncDueNow();
    expect(cachedIds()).toEqual(await orgIds(orgB));
  });

  it('keeps the cache when the same org signs in again, and syncs at once', async () => {
    await signIn(orgA);
    await runSyncDueNow();
    await core.handlers['connection:disconnect']({ deleteCache: false });
    const [someLead] = cachedIds();
    orgA.updateRecord('Lead', someLead!, { Company: 'Changed while disconnected' });

    await signIn(orgA);
    expect(core.connection.status().cacheReplaced).toBeNull();
    expect(core.sync.status().cachedLeads).toBe(30);
    await runSyncDueNow();
    expect(core.leads.timeline(someLead!)?.lead.company).toBe('Changed while disconnected');
    expect(
      core.log.list({ limit: 1, kinds: ['sync.completed'] }).entries[0]?.details,
    ).toMatchObject({ phase: 'incremental' });
  });
});

describe('deleting the cache', () => {
  it('a reconnect after "Delete cached leads" imports at once, never "up to date" while empty', async () => {
    await signIn(orgA);
    await runSyncDueNow();
    const statuses: SyncStatus[] = [];
    core.sync.onChange((status) => statuses.push(status));

    await core.handlers['connection:disconnect']({ deleteCache: true });
    expect(core.sync.status()).toMatchObject({ cachedLeads: 0, lastRun: null, lastSyncAt: null });
    expect(core.connection.status().cachedOrg).toBeNull();

    await signIn(orgA);
    expect(core.sync.status().message).not.toMatch(/up to date/i);
    await runSyncDueNow();

    expect(cachedIds()).toEqual(await orgIds(orgA));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s.cachedLeads === 0 && s.state === 'idle')).toEqual([]);
    const afterDisconnect = kinds().slice(kinds().lastIndexOf('connection.disconnected'));
    expect(afterDisconnect).toContain('sync.import-started');
  });
});
