// The initial import as a Bulk API 2.0 query job: the cache it leaves is the one the REST import
// leaves, row for row and byte for byte, and it is chosen by the org's size.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { readCacheFile } from '../../support/cache-snapshot';
import { createConnectedCore } from '../../support/connected-core';
import type { FakeClock } from '../../support/fake-clock';
import { cacheMismatches } from '../../support/lead-ledger';
import { restCall } from '../../support/demo-org-rest';
import { until } from '../../support/poll-until';

const LEADS = 1_200;
/** The least threshold the setting allows: an org of LEADS Leads is over it. */
const THRESHOLD = 1_000;
/** Two result sets: one of 5,000 (the import's maxRecords) and one of 1,000. */
const MANY = 6_000;
/** Two REST query pages (of 2,000 and 500). */
const REST_PAGES_LEADS = 2_500;

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
const jobsCreated = () => calls('/jobs/query').filter((r) => r.method === 'POST').length;
const resultReads = () =>
  calls('/results').map((r) => ({
    locator: new URLSearchParams(r.query).get('locator'),
    status: r.status,
    time: Date.parse(r.time),
  }));
const restImportQueries = () =>
  calls('/query').filter((r) => decodeURIComponent(r.query).includes('ORDER BY Id ASC'));

type Core = Awaited<ReturnType<typeof createConnectedCore>>['core'];

async function logEntries(core: Core, kind: string) {
  const { entries } = await core.handlers['log:list']({ limit: 100 });
  return entries.filter((entry) => entry.kind === kind);
}

/** The import's progress as the status shows it, each change once. */
function importProgress(core: Core) {
  const seen: { pages: number; records: number; at: number }[] = [];
  core.events.subscribe((message) => {
    const progress = message.event === 'sync:status' ? message.payload.progress : null;
    if (progress?.phase !== 'import') return;
    const last = seen.at(-1);
    if (last?.pages !== progress.pages || last.records !== progress.records)
      seen.push({ pages: progress.pages, records: progress.records, at: Date.now() });
  });
  return seen;
}

/** The ids of the org's query jobs still running. */
async function runningJobs(token: string): Promise<string[]> {
  const response = await restCall(org.url, token, 'GET', '/jobs/query');
  const { records } = (await response.json()) as { records: { id: string; state: string }[] };
  return records
    .filter((job) => job.state === 'InProgress' || job.state === 'UploadComplete')
    .map((job) => job.id);
}

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
    const [started] = await logEntries(core, 'sync.bulk-job-started');
    expect(started?.details).toEqual({ jobId: expect.stringMatching(/^750/) });
    const [completed] = await logEntries(core, 'sync.import-completed');
    expect(completed?.details).toEqual({ records: LEADS, pages: 1 });
    expect(core.sync.status().lastRun).toMatchObject({ records: LEADS });
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
  it('gives up with BULK_QUERY_FAILED once two new jobs ended without results too, saying how each ended', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-give-up', bulkQueryRunMs: 60_000 });
    const harness = await createConnectedCore(org);
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    const token = org.issueSession().access_token;
    core.sync.requestSync();
    let idle = false;
    const done = core.sync.idle().then(() => (idle = true));
    let ended = 0;
    while (!idle) {
      for (const id of await runningJobs(token)) {
        if (ended === 3) break;
        // The first is aborted (by a person, in Setup: no error message), the others fail.
        if (ended === 0)
          await restCall(org.url, token, 'PATCH', `/jobs/query/${id}`, { state: 'Aborted' });
        else
          await fetch(`${org.url}/__admin/fail-bulk-jobs`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          });
        ended += 1;
        // A fourth job, which the import must not start, would complete at once.
        if (ended === 3) org.settings.bulkQueryRunMs = 0;
      }
      clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await done;
    expect(jobsCreated()).toBe(3);
    const reasons = (await logEntries(core, 'sync.bulk-job-restarted')).map((e) =>
      String(e.details.reason),
    );
    // In the order the jobs ended (the log lists the newest first).
    expect(reasons.reverse()).toEqual([
      expect.stringMatching(/^The Bulk API query job 750\w+ ended as Aborted\.$/),
      expect.stringMatching(/^The Bulk API query job 750\w+ ended as Failed: .+\.$/),
    ]);
    const [failed] = await logEntries(core, 'sync.failed');
    expect(failed?.details.code).toBe('BULK_QUERY_FAILED');
    expect(String(failed?.details.message)).toMatch(
      /^The Bulk API query job 750\w+ ended as Failed: .+\. Leadbridge started the Bulk API query again 2 times without success; the sync will try again later\.$/,
    );
    expect(core.sync.status().state).toBe('error');
  });

  it('goes on with the job it started after a sync failed while the job ran, even with the threshold raised above the org', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-resume-running', bulkQueryRunMs: 1_500 });
    const harness = await createConnectedCore(org, undefined, {
      salesforceCallLimits: { retryDelayMs: 10 },
    });
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    // Every attempt of the first state check fails: the sync stops with the job still running.
    org.injectFault('500', { times: 3, match: '/jobs/query/' });
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(core.sync.status().state).toBe('error');
    expect(calls('/results')).toHaveLength(0);
    // A Bulk import under way stays one, whatever the threshold says now.
    await core.handlers['settings:update']({ bulkImportThreshold: LEADS + 1 });
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(core.sync.status().state).toBe('idle');
    expect(jobsCreated()).toBe(1);
    expect(restImportQueries()).toHaveLength(0);
    expect(resultReads().map((read) => read.status)).toEqual([200]);
    expect(core.leads.search('', 1, 0).total).toBe(LEADS);
  });

  it('fails the sync on a result set Salesforce refuses, and reads it from the same job on the next', async () => {
    org = await startDemoOrg({ leads: LEADS, seed: 'bulk-refused-set' });
    const harness = await createConnectedCore(org, undefined, {
      salesforceCallLimits: { retryDelayMs: 10 },
    });
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    org.injectFault('500', { times: 3, match: '/results' });
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(core.sync.status().state).toBe('error');
    expect((await logEntries(core, 'sync.failed'))[0]?.details.code).toBe('UNKNOWN_EXCEPTION');
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(jobsCreated()).toBe(1);
    expect(resultReads().map((read) => [read.locator, read.status])).toEqual([
      [null, 500],
      [null, 500],
      [null, 500],
      [null, 200],
    ]);
    expect(core.leads.search('', 1, 0).total).toBe(LEADS);
  });

  it('reads a job of several result sets set by set, asking for the next before writing this one, and shows progress per set', async () => {
    org = await startDemoOrg({ leads: MANY, seed: 'bulk-sets' });
    const harness = await createConnectedCore(org);
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    const progress = importProgress(core);
    org.injectFault('slow', { ratio: 1, ms: 100, match: '/results' });
    core.sync.requestSync();
    await untilIdle(core, clock);
    const reads = resultReads();
    expect(reads.map((read) => read.locator)).toEqual([null, expect.any(String)]);
    expect(progress.map(({ pages, records }) => [pages, records])).toEqual([
      [0, 0],
      [1, 5_000],
      [2, MANY],
    ]);
    // The second set was asked for before the first one's page was committed and shown.
    expect(reads[1]!.time).toBeLessThan(progress[1]!.at);
    // The job's state is checked once, not before every set.
    const stateChecks = calls('/jobs/query/').filter(
      (r) => r.method === 'GET' && !r.path.endsWith('/results'),
    );
    expect(stateChecks).toHaveLength(1);
    const [completed] = await logEntries(core, 'sync.import-completed');
    expect(completed?.details).toEqual({ records: MANY, pages: 2 });
    expect(core.leads.search('', 1, 0).total).toBe(MANY);
  });

  it('starts a new job when the results of the one it was reading expired between two sets, counting from zero again', async () => {
    org = await startDemoOrg({ leads: MANY, seed: 'bulk-expired-sets' });
    const harness = await createConnectedCore(org);
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    const progress = importProgress(core);
    // Each set is answered late: the second is still on its way when the first has arrived.
    org.injectFault('slow', { ratio: 1, ms: 300, match: '/results' });
    core.sync.requestSync();
    let idle = false;
    const done = core.sync.idle().then(() => (idle = true));
    let expired = false;
    while (!idle) {
      if (!expired && calls('/results').length > 0) expired = org.expireBulkJobs() > 0;
      clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await done;
    expect(expired).toBe(true);
    expect(jobsCreated()).toBe(2);
    expect(resultReads().map((read) => read.status)).toEqual([200, 404, 200, 200]);
    const [restarted] = await logEntries(core, 'sync.bulk-job-restarted');
    expect(String(restarted?.details.reason)).toMatch(
      /^The results of Bulk API query job 750\w+ are no longer available \(expired or deleted\)\.$/,
    );
    expect(progress.map(({ pages }) => pages)).toEqual([0, 1, 0, 1, 2]);
    expect(core.sync.status().state).toBe('idle');
    expect(core.leads.search('', 1, 0).total).toBe(MANY);
  });
  it('goes on by REST with a REST import under way when the threshold is lowered to the org', async () => {
    org = await startDemoOrg({ leads: REST_PAGES_LEADS, seed: 'bulk-rest-under-way' });
    const harness = await createConnectedCore(org, undefined, {
      salesforceCallLimits: { retryDelayMs: 10 },
    });
    cores.push(harness);
    const { core, clock } = harness;
    // The REST import's second page fails every attempt: its first page is committed.
    org.injectFault('500', { times: 3, match: '/query/' });
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(core.sync.status().state).toBe('error');
    expect(core.leads.search('', 1, 0).total).toBe(2_000);
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(jobsCreated()).toBe(0);
    expect(core.leads.search('', 1, 0).total).toBe(REST_PAGES_LEADS);
  });
  it('resumes after a sync stopped between two result sets at the set after the last it committed', async () => {
    org = await startDemoOrg({ leads: MANY, seed: 'bulk-resume-between-sets' });
    const harness = await createConnectedCore(org, undefined, {
      salesforceCallLimits: { retryDelayMs: 10 },
    });
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    // The first set is answered; every attempt at the second fails (counted rules go in order).
    org.injectFault('slow', { times: 1, ms: 1, match: '/results' });
    org.injectFault('500', { times: 3, match: '/results' });
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(core.sync.status().state).toBe('error');
    expect(core.leads.search('', 1, 0).total).toBe(5_000);
    core.sync.requestSync();
    await untilIdle(core, clock);
    const second = resultReads()[1]!.locator;
    expect(resultReads().map((read) => [read.locator, read.status])).toEqual([
      [null, 200],
      [second, 500],
      [second, 500],
      [second, 500],
      [second, 200],
    ]);
    expect(jobsCreated()).toBe(1);
    expect(core.leads.search('', 1, 0).total).toBe(MANY);
  });

  it('leaves no rejection unhandled when a set fails to be written while the next one is read and fails', async () => {
    org = await startDemoOrg({ leads: MANY, seed: 'bulk-write-fails' });
    const harness = await createConnectedCore(org, undefined, {
      salesforceCallLimits: { retryDelayMs: 10 },
    });
    cores.push(harness);
    const { core, clock } = harness;
    await core.handlers['settings:update']({ bulkImportThreshold: THRESHOLD });
    const importPage = core.leads.importPage.bind(core.leads);
    core.leads.importPage = () => {
      throw new AppError('CACHE_WRITE_FAILED', 'The disk is full.');
    };
    // The first set arrives; the second, asked for before the first is written, fails later.
    org.injectFault('slow', { times: 1, ms: 1, match: '/results' });
    org.injectFault('500', { times: 3, match: '/results' });
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect((await logEntries(core, 'sync.failed'))[0]?.details.code).toBe('CACHE_WRITE_FAILED');
    // Until the read ahead has failed too: an unhandled rejection would fail this test.
    await until(
      'the read ahead to fail',
      () => calls('/results').filter((r) => r.status === 500).length === 3 || undefined,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    core.leads.importPage = importPage;
    core.sync.requestSync();
    await untilIdle(core, clock);
    expect(core.leads.search('', 1, 0).total).toBe(MANY);
  });
});
