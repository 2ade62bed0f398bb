import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { FAULT_KINDS, type FaultKind } from '../../../src-main/demo-org/faults';
import { readCacheFile, type CacheSnapshot } from '../../support/cache-snapshot';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { cacheMismatches, eventMismatches, LeadLedger } from '../../support/lead-ledger';
import { readOrgLeads } from '../../support/org-leads';

// 4,500 leads are three query pages of 2,000 (the org's default batch): the first page comes
// from /query, the others from /query/<cursor>-<offset>, which is where faults aim.
const LEADS = 4500;
const NEXT_PAGE = '/query/';

let org: DemoOrgHandle | undefined;
let harness: Awaited<ReturnType<typeof createConnectedCore>> | undefined;

afterEach(async () => {
  harness?.core.dispose();
  await org?.close();
  harness = undefined;
  org = undefined;
});

/**
 * Faults this file leaves to sync-call-faults.test.ts, which puts each in every call of a sync
 * and checks what the status says: a stalled body needs short call limits, refused refreshes
 * end the session, and an HTML 503 or a QUERY_TIMEOUT fail a call as the 503 and 500 here do.
 */
const STATUS_ONLY_FAULTS: readonly FaultKind[] = [
  'stall',
  '503-html',
  'query-timeout',
  'invalid-grant-expired',
  'invalid-grant-ip-or-hours',
  'invalid-grant-inactive-user',
];

/**
 * Faults of record writes, which a sync never sends: the write-back tests meet them (a locked
 * record inside a collection, a write committed whose answer was lost).
 */
const WRITE_ONLY_FAULTS: readonly FaultKind[] = ['unable-to-lock-row', 'lost-response'];

/** Every fault kind this file has injected, to prove it covers all the demo org offers. */
const injected = new Set<FaultKind>();

/**
 * The product's attempts per call, with short pauses between them: a retried 503 or 500 waits
 * 10 ms, not 500 ms and 1 s, and these tests check what is retried, not how long it waits.
 */
const CALL_LIMITS = { retryDelayMs: 10 };

async function setUp(leads: number, options: { now?: () => number } = {}) {
  org = await startDemoOrg({ leads, seed: 'sync-faults', ...options });
  const inject = org.injectFault.bind(org);
  org.injectFault = (kind, faultOptions) => {
    injected.add(kind);
    inject(kind, faultOptions);
  };
  harness = await createConnectedCore(org, undefined, { salesforceCallLimits: CALL_LIMITS });
  const pool = [...(await readOrgLeads(org, ['Id'])).keys()];
  org.clearRequests();
  return { org, core: harness.core, pool, ledger: new LeadLedger(org, 'sync-faults-edits') };
}

type Core = Awaited<ReturnType<typeof createConnectedCore>>['core'];

const snapshot = (core: Core): CacheSnapshot =>
  readCacheFile(path.join(core.dataDirectory, 'leadbridge.db'));

/**
 * "Sync now" until a run finds nothing left to do, as the scheduler's retries would; returns
 * every run's status so a test can say how many failed and why.
 */
async function syncUntilSettled(core: Core, maxRuns = 8): Promise<SyncStatus[]> {
  const runs: SyncStatus[] = [];
  while (runs.length < maxRuns) {
    const status = await syncNow(core);
    runs.push(status);
    if (status.state === 'idle' && status.lastRun?.records === 0) return runs;
  }
  throw new Error(`not settled after ${maxRuns} runs: ${runs.map((r) => r.message).join(' | ')}`);
}

async function expectConsistent(core: Core, ledger: LeadLedger): Promise<CacheSnapshot> {
  const cache = snapshot(core);
  expect(cache.integrity).toBe('ok');
  expect(await cacheMismatches(cache, org!)).toEqual([]);
  expect(eventMismatches(cache.changes, ledger.expected)).toEqual([]);
  return cache;
}

const failures = (runs: SyncStatus[]) => runs.filter((run) => run.state === 'error');
const hits = (fragment: string) => org!.requests().filter((r) => r.path.includes(fragment));
const importQueries = () =>
  org!
    .requests()
    .filter((r) => r.path.endsWith('/query') && r.query.includes('ORDER%20BY%20Id'))
    .map((r) => decodeURIComponent(r.query));

/** Leads nobody in the test created or seeded: what late commits added. */
async function lateArrivals(known: ReadonlySet<string>): Promise<string[]> {
  return [...(await readOrgLeads(org!, ['Id'])).keys()].filter((id) => !known.has(id));
}

describe('initial import under transient faults', () => {
  const transient: {
    kind: FaultKind;
    options: { times?: number; ms?: number };
    check: (runs: SyncStatus[]) => void;
  }[] = [
    {
      kind: 'expired-session',
      options: {},
      check: (runs) => {
        expect(failures(runs)).toEqual([]);
        // The session was refreshed once and the very page that failed was asked for again.
        expect(hits('/oauth2/token')).toHaveLength(1);
        expect(hits(NEXT_PAGE).map((r) => r.status)).toEqual([401, 200, 200]);
      },
    },
    {
      kind: '503',
      options: { times: 2 },
      check: (runs) => {
        expect(failures(runs)).toEqual([]);
        expect(hits(NEXT_PAGE).map((r) => r.status)).toEqual([503, 503, 200, 200]);
      },
    },
    {
      kind: '500',
      options: { times: 2 },
      check: (runs) => {
        // Salesforce's UNKNOWN_EXCEPTION: the page is a read, so it is asked for again.
        expect(failures(runs)).toEqual([]);
        expect(hits(NEXT_PAGE).map((r) => r.status)).toEqual([500, 500, 200, 200]);
        expect(importQueries()).toHaveLength(1);
      },
    },
    {
      kind: 'slow',
      options: { times: 2, ms: 150 },
      check: (runs) => {
        expect(failures(runs)).toEqual([]);
        expect(hits(NEXT_PAGE).filter((r) => r.durationMs >= 150)).toHaveLength(2);
      },
    },
    {
      kind: 'reset',
      options: {},
      check: (runs) => {
        // A body cut off mid-page is never half-applied: the page is asked for again within
        // the run (not the host's crash, not a hung sync) and nothing is imported twice.
        expect(failures(runs)).toEqual([]);
        expect(hits(NEXT_PAGE)).toHaveLength(3);
        expect(importQueries()).toHaveLength(1);
      },
    },
  ];

  it.each(transient)(
    '$kind on a next page: every lead imported once, no events',
    async ({ kind, options, check }) => {
      const { core, ledger } = await setUp(LEADS);
      org!.injectFault(kind, { ...options, match: NEXT_PAGE });
      const runs = await syncUntilSettled(core);
      check(runs);
      const cache = await expectConsistent(core, ledger);
      expect(cache.leads.size).toBe(LEADS);
      expect(cache.changes).toEqual([]);
    },
  );

  it('a session that really ends between two pages is refreshed and the import goes on', async () => {
    const { core, ledger } = await setUp(LEADS);
    const stop = core.events.subscribe((message) => {
      if (message.event === 'sync:status' && message.payload.progress?.pages === 1) {
        org!.expireSessions();
        stop();
      }
    });
    const runs = await syncUntilSettled(core);
    expect(failures(runs)).toEqual([]);
    expect(hits('/oauth2/token')).toHaveLength(1);
    // The page asked for with the ended session (the next one, or the one after when that
    // had already left before the expiry) is refused once, then read with the new session.
    const pages = hits(NEXT_PAGE);
    const refused = pages.findIndex((r) => r.status === 401);
    expect(pages.filter((r) => r.status === 401)).toHaveLength(1);
    expect(pages[refused + 1]).toMatchObject({ path: pages[refused]!.path, status: 200 });
    expect((await expectConsistent(core, ledger)).leads.size).toBe(LEADS);
  });

  it('late commit during the import: the lead stamped in the past arrives once, as created', async () => {
    const { core, pool, ledger } = await setUp(LEADS);
    // A user's edit just before the import makes its starting watermark "now".
    org!.updateRecord('Lead', pool[0]!, { Title: 'Edited before the import' });
    org!.injectFault('late-commit', { ms: 60_000, match: NEXT_PAGE });
    await syncUntilSettled(core);
    const late = await lateArrivals(new Set(pool));
    expect(late).toHaveLength(1);
    // The import's cursor snapshot predates the commit, and the lead is stamped a minute
    // before the import's starting watermark: only the overlap can find it.
    ledger.expectCreated(late[0]!);
    await expectConsistent(core, ledger);
  });
});

describe('interrupted initial import with edits in between', () => {
  it('resumes after the last committed lead and owes events only for leads it already had', async () => {
    const { core, ledger } = await setUp(LEADS);
    const absorbed = new Set<string>();
    /** Edits the import had not reached: they are part of its baseline, not events. */
    const editAround = async (cache: CacheSnapshot) => {
      const imported = ledger.untouched([...cache.leads.keys()], 7);
      for (const id of imported.slice(0, 3)) ledger.edit(id);
      for (const id of imported.slice(3, 6)) await ledger.patch(id);
      ledger.remove(imported[6]!);
      const inOrg = [...(await readOrgLeads(org!, ['Id'])).keys()];
      const ahead = ledger.untouched(
        inOrg.filter((id) => !cache.leads.has(id)),
        4,
      );
      for (const id of ahead.slice(0, 3)) ledger.edit(id);
      ledger.remove(ahead[3]!);
      const created = await ledger.create();
      for (const id of [...ahead, created]) absorbed.add(id);
    };

    // A spent API allowance stops the import after its first page.
    org!.injectFault('request-limit-exceeded', { match: NEXT_PAGE });
    const first = await syncNow(core);
    expect(first.state).toBe('error');
    expect(first.message).toMatch(/allowance/);
    expect(snapshot(core).leads.size).toBe(2000);
    await editAround(snapshot(core));

    // Then a garbled page stops the resumed import after its own first page.
    org!.injectFault('malformed-json', { match: NEXT_PAGE });
    const second = await syncNow(core);
    expect(second.state).toBe('error');
    expect(snapshot(core).leads.size).toBe(4000);
    await editAround(snapshot(core));

    const runs = await syncUntilSettled(core);
    expect(failures(runs)).toEqual([]);
    const [fresh, ...resumed] = importQueries();
    expect(fresh).not.toMatch(/WHERE/);
    expect(resumed).toHaveLength(2);
    for (const query of resumed) expect(query).toMatch(/WHERE Id > '/);

    ledger.expected.splice(
      0,
      ledger.expected.length,
      ...ledger.expected.filter((event) => !absorbed.has(event.leadId)),
    );
    const cache = await expectConsistent(core, ledger);
    // Seeded and created leads, less the two deleted before the import reached them (the
    // two deleted after it had them stay cached, marked deleted).
    expect(cache.leads.size).toBe(LEADS + 2 - 2);
  });
});

describe('incremental syncs under faults, with edits between them', () => {
  it('records exactly one event per (lead, field, edit) and ends equal to the org', async () => {
    const { core, pool, ledger } = await setUp(6000);
    // What the renderer is told: each recorded event once, even with pages failing mid-run.
    const announced: number[] = [];
    core.events.subscribe((message) => {
      if (message.event === 'log:appended' && message.payload.kind.startsWith('lead.'))
        announced.push(message.payload.id);
    });
    await syncUntilSettled(core);
    const known = new Set(pool);
    const edits = async (count: number, creates: number, deletes: number) => {
      const ids = ledger.untouched(pool, count + deletes);
      for (const [i, id] of ids.slice(0, count).entries()) {
        if (i % 40 === 0) await ledger.patch(id);
        else ledger.edit(id);
      }
      for (const id of ids.slice(count)) ledger.remove(id);
      for (let i = 0; i < creates; i += 1) known.add(await ledger.create());
    };

    // Round 1: more than a page of changes; the session expires between pages and the first
    // query meets a 503 burst. Both heal inside the run.
    await edits(2100, 5, 5);
    org!.injectFault('expired-session', { match: NEXT_PAGE });
    org!.injectFault('503', { times: 2, match: '/queryAll' });
    expect(failures(await syncUntilSettled(core))).toEqual([]);
    await expectConsistent(core, ledger);

    // Round 2: the overlap re-reads round 1's leads (skipped, not re-reported) while a
    // connection drops mid-body and pages come slowly.
    await edits(1100, 3, 3);
    org!.injectFault('reset', { match: NEXT_PAGE });
    org!.injectFault('slow', { times: 2, ms: 100, match: '/query' });
    await syncUntilSettled(core);
    await expectConsistent(core, ledger);

    // Round 3: the allowance runs out mid-sync; more edits land before the retry, and a
    // transaction commits late, stamped a minute before rows already served.
    await edits(600, 2, 2);
    org!.injectFault('request-limit-exceeded', { match: NEXT_PAGE });
    const stopped = await syncNow(core);
    expect(stopped.state).toBe('error');
    await edits(300, 2, 2);
    org!.injectFault('late-commit', { ms: 60_000, match: '/queryAll' });
    await syncUntilSettled(core);
    const late = await lateArrivals(known);
    expect(late).toHaveLength(1);
    ledger.expectCreated(late[0]!);
    known.add(late[0]!);
    await expectConsistent(core, ledger);

    // Round 4: a garbled page mid-sync, edits before the retry.
    await edits(600, 1, 1);
    org!.injectFault('malformed-json', { match: NEXT_PAGE });
    expect((await syncNow(core)).state).toBe('error');
    await edits(200, 1, 1);
    await syncUntilSettled(core);
    const cache = await expectConsistent(core, ledger);
    expect(cache.changes.length).toBe(ledger.expected.length);
    expect(ledger.expected.length).toBeGreaterThan(4000);
    expect(announced).toHaveLength(cache.changes.length);
    expect(new Set(announced).size).toBe(announced.length);
  }, 40_000);
});

describe('edits within one second of the cached version', () => {
  // SystemModstamp has whole seconds: a save in the same second as the version Leadbridge
  // already cached carries the same stamp, and must not be mistaken for a repeat.
  it('are applied and reported, and a same-second deletion is not lost', async () => {
    const frozen = Date.parse('2026-11-22T09:00:00.250Z');
    const { core, pool, ledger } = await setUp(50, { now: () => frozen });
    await syncUntilSettled(core);
    const [first, second] = ledger.untouched(pool, 2);
    org!.updateRecord('Lead', first!, { Title: 'Chief First Edit' });
    org!.updateRecord('Lead', second!, { Title: 'Chief Second Lead' });
    await syncUntilSettled(core);

    // Same second again: another field on the first lead, a deletion of the second.
    expect(org!.updateRecord('Lead', first!, { Lead_Score__c: 4242 })).toContain('Lead_Score__c');
    org!.deleteRecord('Lead', second!);
    await syncUntilSettled(core);

    const cache = snapshot(core);
    expect(cache.leads.get(first!)?.fields.Lead_Score__c).toBe(4242);
    expect(cache.leads.get(second!)?.isDeleted).toBe(true);
    const events = cache.changes.map((c) => [c.leadId, c.kind, c.field, c.newValue]);
    expect(events).toHaveLength(4);
    expect(events).toEqual(
      expect.arrayContaining([
        [first, 'changed', 'Title', 'Chief First Edit'],
        [second, 'changed', 'Title', 'Chief Second Lead'],
        [first, 'changed', 'Lead_Score__c', 4242],
        [second, 'deleted', '', null],
      ]),
    );
    expect(await cacheMismatches(cache, org!)).toEqual([]);
  });
});

// Last in the file: the tests above run in order, each adding the kinds it injected.
describe('fault coverage', () => {
  it('has injected every fault kind the demo org can produce', () => {
    expect([...injected, ...STATUS_ONLY_FAULTS, ...WRITE_ONLY_FAULTS].sort()).toEqual(
      [...FAULT_KINDS].sort(),
    );
  });
});
