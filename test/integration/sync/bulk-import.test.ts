// The initial import as a Bulk API 2.0 query job: the cache it leaves is the one the REST import
// leaves, row for row and byte for byte, and it is chosen by the org's size.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { readCacheFile } from '../../support/cache-snapshot';
import { createConnectedCore } from '../../support/connected-core';
import type { FakeClock } from '../../support/fake-clock';
import { cacheMismatches } from '../../support/lead-ledger';
import { until } from '../../support/poll-until';

const LEADS = 1_200;
/** The least threshold the setting allows: an org of LEADS Leads is over it. */
const THRESHOLD = 1_000;

let org: DemoOrgHandle;
const cores: Awaited<ReturnType<typeof createConnectedCore>>[] = [];

afterEach(async () => {
  for (const harness of cores.splice(0)) harness.core.dispose();
  await org.close();
});

async function createLeadAsUser(values: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${org.url}/__admin/sobjects/Lead`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(values),
  });
  return ((await response.json()) as { id: string }).id;
}

/** A core signed in to the org that imports with the given threshold and waits for it. */
async function importWith(threshold: number | null) {
  const harness = await createConnectedCore(org);
  cores.push(harness);
  const { core, clock } = harness;
  if (threshold !== null)
    await core.handlers['settings:update']({ bulkImportThreshold: threshold });
  core.sync.requestSync();
  await untilIdle(core, clock);
  return core;
}

/** The Bulk import polls its job on the core's (fake) clock: lets time pass until it is idle. */
async function untilIdle(core: { sync: { idle(): Promise<unknown> } }, clock: FakeClock) {
  let idle = false;
  const done = core.sync.idle().then(() => (idle = true));
  while (!idle) {
    clock.advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await done;
}

interface CachedRow {
  id: string;
  system_modstamp: string;
  is_deleted: number;
  is_converted: number;
  name: string | null;
  email: string | null;
  company: string | null;
  status: string | null;
  fields: string;
}

function cachedRows(core: { dataDirectory: string }): CachedRow[] {
  const db = new Database(path.join(core.dataDirectory, 'leadbridge.db'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT id, system_modstamp, is_deleted, is_converted, name, email, company, status, fields FROM leads ORDER BY id',
      )
      .all() as CachedRow[];
  } finally {
    db.close();
  }
}

const calls = (fragment: string) => org.requests().filter((r) => r.path.includes(fragment));

describe('the initial import by Bulk API 2.0', () => {
  it('leaves the cache the REST import leaves, byte for byte (nulls, booleans, numbers, datetimes, unicode, quotes, commas, newlines)', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-import' });
    await createLeadAsUser({
      LastName: 'O\'Brien, "the elder"\nsecond line',
      FirstName: 'Zoë 🚀 漢字',
      Company: 'Acme, Inc; "Quoted"',
      Email: null,
      AnnualRevenue: 1234567.89,
      NumberOfEmployees: 0,
      Lead_Score__c: -12.5,
      IsUnreadByOwner: false,
      Description: 'line one\r\nline two, with "quotes"',
    });
    const rest = cachedRows(await importWith(null));
    org.clearRequests();
    const bulk = cachedRows(await importWith(THRESHOLD));
    expect(calls('/jobs/query').length).toBeGreaterThan(0);
    expect(calls('/query').filter((r) => r.path.endsWith('/query'))).toHaveLength(2);
    expect(bulk).toHaveLength(LEADS + 1);
    expect(bulk).toEqual(rest);
    const special = bulk.find((row) => row.name?.startsWith('Zoë'));
    expect(JSON.parse(special!.fields)).toMatchObject({
      Email: null,
      IsUnreadByOwner: false,
      IsConverted: false,
      NumberOfEmployees: 0,
      AnnualRevenue: 1234567.89,
      SystemModstamp: expect.stringMatching(/\.000\+0000$/),
    });
  });

  it('imports by REST below the threshold and by Bulk at or above it, in few API calls', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-threshold' });
    await importWith(LEADS + 1);
    expect(calls('/jobs/query')).toHaveLength(0);
    org.clearRequests();
    const core = await importWith(LEADS);
    const bulkCalls = calls('/jobs/query');
    expect(bulkCalls.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(bulkCalls.filter((r) => r.path.endsWith('/results'))).toHaveLength(1);
    expect(core.leads.search('', 1, 0).total).toBe(LEADS);
    const log = core.handlers['log:list']({ limit: 50 });
    expect((await log).entries.map((entry) => entry.kind)).toContain('sync.bulk-job-started');
  });

  it('resumes after a result set it could not read with the same job, from the set it stopped at', async () => {
    // Two result sets of 5,000 (the import's maxRecords); the second arrives garbled.
    org = await startDemoOrg({ leads: 5_001, seed: 'bulk-resume' });
    org.injectFault('slow', { times: 1, ms: 1, match: '/results' });
    org.injectFault('malformed-json', { times: 1, match: '/results' });
    const core = await importWith(THRESHOLD);
    expect(core.sync.status().state).toBe('error');
    expect(core.leads.search('', 1, 0).total).toBe(5_000);
    const [firstRead, failedRead] = calls('/results');
    const job = firstRead!.path.split('/').at(-2);

    org.clearRequests();
    core.sync.requestSync();
    await untilIdle(core, cores.at(-1)!.clock);
    expect(core.sync.status().state).toBe('idle');
    expect(calls('/jobs/query').filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(calls('/results').map((r) => [r.path.split('/').at(-2), r.query])).toEqual([
      [job, failedRead!.query],
    ]);
    expect(core.leads.search('', 1, 0).total).toBe(5_001);
  });

  it('refreshes a session that expires while result sets are read, and goes on with the same job', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-session' });
    org.injectFault('expired-session', { times: 1, match: '/results' });
    const core = await importWith(THRESHOLD);
    expect(core.leads.search('', 1, 0).total).toBe(LEADS);
    const reads = calls('/results').map((r) => r.status);
    expect(reads).toEqual([401, 200]);
    expect(calls('/jobs/query').filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(calls('/oauth2/token')).toHaveLength(1);
  });

  it('starts a new job when the one it was reading expired, and says so in the log', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-expired', bulkQueryRunMs: 50 });
    const harness = await createConnectedCore(org);
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    core.sync.requestSync();
    let idle = false;
    const done = core.sync.idle().then(() => (idle = true));
    let expired = false;
    while (!idle) {
      if (!expired && calls('/jobs/query').some((r) => r.method === 'POST')) {
        expired = org.expireBulkJobs() > 0;
      }
      clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await done;
    expect(expired).toBe(true);
    expect(calls('/jobs/query').filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(core.leads.search('', 1, 0).total).toBe(LEADS);
    const kinds = (await core.handlers['log:list']({ limit: 50 })).entries.map((e) => e.kind);
    expect(kinds).toContain('sync.bulk-job-restarted');
  });

  it('starts a new job when the org failed the one it ran, logs why, and ends with the cache equal to the org', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-failed', bulkQueryRunMs: 60_000 });
    const harness = await createConnectedCore(org);
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    core.sync.requestSync();
    await until(
      'the job to be created',
      () => calls('/jobs/query').length > 0 || undefined,
      10_000,
    );
    // The org fails the running job, as a real one does when the query runs too long on its
    // servers; the job after it runs at once.
    org.settings.bulkQueryRunMs = 0;
    const failed = await fetch(`${org.url}/__admin/fail-bulk-jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ errorMessage: 'Query timed out on the server' }),
    });
    expect(await failed.json()).toEqual({ failed: 1 });
    await untilIdle(core, clock);

    expect(calls('/jobs/query').filter((r) => r.method === 'POST')).toHaveLength(2);
    const restarted = (await core.handlers['log:list']({ limit: 50 })).entries.find(
      (e) => e.kind === 'sync.bulk-job-restarted',
    );
    expect(String(restarted?.details.reason)).toMatch(
      /ended as Failed: Query timed out on the server\./,
    );
    expect(core.sync.status().state).not.toBe('error');
    const cache = readCacheFile(path.join(core.dataDirectory, 'leadbridge.db'));
    expect(await cacheMismatches(cache, org)).toEqual([]);
    expect(cache.leads.size).toBe(LEADS);
  });

  it('waits for a running job on the core clock, doubling the wait between state checks', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-backoff', bulkQueryRunMs: 60_000 });
    const harness = await createConnectedCore(org);
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    const stateChecks = () =>
      calls('/jobs/query/').filter((r) => r.method === 'GET' && !r.path.endsWith('/results'))
        .length;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
    core.sync.requestSync();
    await until('the first state check', () => stateChecks() === 1 || undefined, 10_000);
    await settle();
    expect(stateChecks()).toBe(1);
    for (const wait of [250, 500, 1_000]) {
      const before = stateChecks();
      clock.advance(wait - 1);
      await settle();
      expect(stateChecks(), `checked again before ${wait} ms`).toBe(before);
      clock.advance(1);
      await until('the next state check', () => stateChecks() === before + 1 || undefined, 10_000);
    }
    // The job never finishes by itself now: it expires, and a new one (quick) replaces it.
    org.settings.bulkQueryRunMs = 0;
    org.expireBulkJobs();
    await untilIdle(core, clock);
    expect(core.leads.search('', 1, 0).total).toBe(LEADS);
  });
});
