import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry, SyncProgress } from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { readCacheFile } from '../../support/cache-snapshot';
import { createConnectedCore, secretsSignedInTo, syncNow } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';
import { orgProxy } from '../../support/org-proxy';
import { sleep, until } from '../../support/poll-until';
import { readOrgLeads } from '../../support/org-leads';
import { createTestCore } from '../../support/test-core';

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;
/** The org's clock: SystemModstamps are what a test makes them. */
let orgNow: number;
/** Log entries as the renderer is told of them. */
let announced: LogEntry[];
/** Progress as the renderer is shown it while a sync runs. */
let progressShown: SyncProgress[];

/** Three query pages of 2,000 (the org's batch): for the tests of paging the import. */
const PAGED_LEADS = 4500;
/** For the tests of what happens after the import, which reads them in one page. */
const LEADS = 100;
const DAY = 24 * 60 * 60_000;
/** How far back each incremental sync looks again before its watermark (late commits). */
const OVERLAP_MS = 2 * 60_000;

/** Starts the org with `leads` Leads and a core signed in to it. */
async function setUp(leads: number): Promise<void> {
  orgNow = Date.parse('2026-11-20T09:00:00.000Z');
  org = await startDemoOrg({ leads, seed: 'sync-test', now: () => orgNow });
  harness = await createConnectedCore(org);
  announced = [];
  progressShown = [];
  harness.core.events.subscribe((message) => {
    if (message.event === 'log:appended') announced.push(message.payload);
    if (message.event === 'sync:status' && message.payload.progress)
      progressShown.push(message.payload.progress);
  });
}
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

const COMPARED = [
  'Id',
  'Name',
  'Email',
  'Company',
  'Status',
  'LeadSource',
  'Lead_Score__c',
  'SystemModstamp',
];

/** The cache holds exactly the org's live leads, field for field. */
async function expectCacheMatchesOrg(): Promise<void> {
  const inOrg = await readOrgLeads(org, COMPARED);
  const cached = core().leads.search('', 500, 0).total;
  expect(cached).toBe(inOrg.size);
  for (const [id, values] of inOrg) {
    const timeline = core().leads.timeline(id);
    expect(timeline, `lead ${id} missing from the cache`).toBeDefined();
    for (const field of COMPARED) expect(timeline!.lead.fields[field]).toEqual(values[field]);
  }
}

/** Creates a Lead as someone in Salesforce would (stamped now, unlike seeded history). */
async function createLeadAsUser(values: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${org.url}/__admin/sobjects/Lead`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(values),
  });
  return ((await response.json()) as { id: string }).id;
}

/** An edit of two fields, a deletion and a new Lead, as people in Salesforce make them. */
async function editDeleteAndCreate() {
  const [edited, deleted] = core().leads.search('', 2, 0).leads;
  org.updateRecord('Lead', edited!.id, { Status: 'Working - Contacted', Lead_Score__c: 77 });
  org.deleteRecord('Lead', deleted!.id);
  const created = await createLeadAsUser({
    LastName: 'Arrival',
    Company: 'Late Ltd',
    Email: 'late@example.com',
  });
  return { edited: edited!, deleted: deleted!, created };
}

type EventKey = [leadId: string, kind: string, field: string | null];
const byKey = (keys: EventKey[]) => keys.sort();
/** Every timing event in the cache, as (lead, kind, field). */
const timingEvents = () =>
  byKey(
    readCacheFile(path.join(core().dataDirectory, 'leadbridge.db')).changes.map((c): EventKey => [
      c.leadId,
      c.kind,
      c.field || null,
    ]),
  );
const leadEntry = (entry: LogEntry): EventKey => [
  entry.subject!,
  entry.kind.replace('lead.', ''),
  (entry.details.field as string | undefined) ?? null,
];
/** Every lead.* entry in the activity log, as (lead, kind, field). */
const loggedEvents = () =>
  byKey(
    core()
      .log.list({ limit: 10_000, kinds: ['lead'] })
      .entries.map(leadEntry),
  );
/** Every lead.* entry the renderer was told of, as (lead, kind, field). */
const announcedEvents = () =>
  byKey(announced.filter((entry) => entry.kind.startsWith('lead.')).map(leadEntry));

const apiPaths = () => org.requests().map((request) => `${request.path}`);
const eventsOf = (kind: string) => core().log.list({ limit: 1000, kinds: [kind] }).entries;

/** The keys of the cache file's sync state (what the next run starts from). */
function syncStateKeys(): string[] {
  const db = new Database(path.join(core().dataDirectory, 'leadbridge.db'), { readonly: true });
  try {
    return db.prepare('SELECT key FROM sync_state').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('lead sync against the demo org', () => {
  it('imports every lead page by page, logs the import done with what it read and leaves nothing to resume, then an idle sync costs one API call', async () => {
    await setUp(PAGED_LEADS);
    const first = await syncNow(core());
    expect(first.state).toBe('idle');
    expect(first.lastRun).toMatchObject({ records: PAGED_LEADS, changes: 0 });
    expect(first.cachedLeads).toBe(PAGED_LEADS);
    await expectCacheMatchesOrg();
    expect(eventsOf('lead')).toHaveLength(0);
    expect(eventsOf('sync.import-completed').map((entry) => entry.details)).toEqual([
      { records: PAGED_LEADS, pages: 3 },
    ]);
    expect(eventsOf('sync.completed')[0]?.details).toMatchObject({ phase: 'import' });
    expect(syncStateKeys()).not.toContain('import');

    org.clearRequests();
    const idle = await syncNow(core());
    expect(idle.lastRun).toMatchObject({ apiCalls: 1, changes: 0 });
    expect(apiPaths()).toEqual([expect.stringContaining('/queryAll')]);
  });

  it('imports an org with no Leads, then picks up the first Lead created in it', async () => {
    await setUp(0);
    const imported = await syncNow(core());
    expect(imported).toMatchObject({ state: 'idle', cachedLeads: 0 });
    const created = await createLeadAsUser({ LastName: 'First', Company: 'New Co' });
    expect((await syncNow(core())).cachedLeads).toBe(1);
    expect(core().leads.timeline(created)).toBeDefined();
  });

  it("shrinks the cache file's write-ahead log back once the import is done", async () => {
    await setUp(PAGED_LEADS);
    expect((await syncNow(core())).state).toBe('idle');
    const wal = fs.statSync(path.join(core().dataDirectory, 'leadbridge.db-wal')).size;
    // The import's pages are copied into the database and the log truncated: what is left is
    // the few writes after it (the run's log entry and status), not megabytes of Leads.
    expect(wal).toBeLessThan(256 * 1024);
  });

  it('turns an edit, a new lead and a deletion into timing events, once each', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const { edited, deleted, created } = await editDeleteAndCreate();
    const expected = [
      [edited.id, 'changed', 'Lead_Score__c'],
      [edited.id, 'changed', 'Status'],
      [created, 'created', null],
      [deleted.id, 'deleted', null],
    ].sort();

    const status = await syncNow(core());
    expect(status.lastRun?.changes).toBe(expected.length);
    expect(timingEvents()).toEqual(expected);
    expect(loggedEvents()).toEqual(expected);
    expect(announcedEvents()).toEqual(expected);
    const { changes } = core().leads.timeline(edited.id)!;
    expect(changes.map((c) => [c.field, c.newValue]).sort()).toEqual([
      ['Lead_Score__c', 77],
      ['Status', 'Working - Contacted'],
    ]);

    // Later syncs look back over the overlap window and must not record any of it again.
    for (let again = 0; again < 2; again += 1) {
      harness.clock.advance(1000);
      expect((await syncNow(core())).lastRun?.changes).toBe(0);
    }
    expect(timingEvents()).toEqual(expected);
    expect(loggedEvents()).toEqual(expected);
    expect(announcedEvents()).toEqual(expected);
    await expectCacheMatchesOrg();
  });

  it("logs each timing event with the Lead's name and stamp, and only what its kind tells", async () => {
    await setUp(LEADS);
    await syncNow(core());
    const { edited, deleted, created } = await editDeleteAndCreate();
    const stampOf = (id: string) => org.getRecord('Lead', id)!.SystemModstamp;
    const before = core().leads.timeline(edited.id)!.lead.fields;
    await syncNow(core());
    const change = (field: string, to: unknown) => [
      'lead.changed',
      edited.id,
      { name: edited.name, systemModstamp: stampOf(edited.id), field, from: before[field], to },
    ];
    const entries = eventsOf('lead').map((entry) => [entry.kind, entry.subject, entry.details]);
    expect(entries).toHaveLength(4);
    expect(entries).toEqual(
      expect.arrayContaining([
        change('Status', 'Working - Contacted'),
        change('Lead_Score__c', 77),
        ['lead.deleted', deleted.id, { name: deleted.name, systemModstamp: stampOf(deleted.id) }],
        ['lead.created', created, { name: 'Arrival', systemModstamp: stampOf(created) }],
      ]),
    );
  });

  it("shows an incremental sync's progress page by page, and counts the Leads it wrote", async () => {
    await setUp(LEADS);
    await syncNow(core());
    await editDeleteAndCreate();
    progressShown = [];
    const status = await syncNow(core());
    expect(status.lastRun).toMatchObject({ records: 3, changes: 4 });
    expect(progressShown).toContainEqual({
      phase: 'incremental',
      pages: 1,
      records: 3,
      estimatedTotal: 3,
    });
  });

  it('catches a late commit stamped before the watermark, through the overlap', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const [lead] = core().leads.search('', 1, 0).leads;
    // A user's edit now moves the watermark to now: nothing older is "after" it any more.
    org.updateRecord('Lead', lead!.id, { Title: 'Sets the watermark' });
    await syncNow(core());
    orgNow += 5_000;
    // A transaction that began 110 s ago commits now: stamped 105 s before the watermark,
    // inside the two-minute overlap and invisible to "SystemModstamp > watermark".
    org.injectFault('late-commit', { ms: 110_000 });
    await syncNow(core());
    await syncNow(core());
    await expectCacheMatchesOrg();
    expect(eventsOf('lead.created')).toHaveLength(1);
  });

  describe('a page, its events and the watermark commit together', () => {
    /** Makes the cache's own database refuse a write, as a full disk would, until undone. */
    function failWrites(trigger: string): () => void {
      const file = path.join(core().dataDirectory, 'leadbridge.db');
      const db = new Database(file);
      db.exec(`CREATE TRIGGER test_fault ${trigger} BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      db.close();
      return () => {
        const again = new Database(file);
        again.exec('DROP TRIGGER test_fault');
        again.close();
      };
    }

    it('a page that fails to commit leaves the watermark behind: no edit is skipped', async () => {
      await setUp(LEADS);
      await syncNow(core());
      const [early, late] = core().leads.search('', 2, 0).leads;
      org.updateRecord('Lead', early!.id, { Title: 'Edited first' });
      orgNow += 10 * 60_000; // further apart than the overlap
      org.updateRecord('Lead', late!.id, { Title: 'Edited ten minutes later' });

      const undo = failWrites('BEFORE INSERT ON lead_changes');
      expect((await syncNow(core())).state).toBe('error');
      undo();
      expect((await syncNow(core())).state).toBe('idle');

      const expected = [
        [early!.id, 'changed', 'Title'],
        [late!.id, 'changed', 'Title'],
      ].sort();
      expect(timingEvents()).toEqual(expected);
      expect(loggedEvents()).toEqual(expected);
      expect(announcedEvents()).toEqual(expected);
      await expectCacheMatchesOrg();
    });

    it('drops the next page it asked for when a page fails to commit, the failure of that page too', async () => {
      await setUp(PAGED_LEADS);
      // The first page fails to commit while the second, asked for ahead, fails at the org.
      org.injectFault('query-timeout', { match: '/query/' });
      const undo = failWrites('BEFORE INSERT ON leads');
      expect((await syncNow(core())).state).toBe('error');
      await until(
        'the page asked for ahead to fail',
        () =>
          org.requests().some((r) => r.path.includes('/query/') && r.status === 400) || undefined,
      );
      await sleep(50);
      undo();
      expect((await syncNow(core())).state).toBe('idle');
      await expectCacheMatchesOrg();
    });

    it('a watermark that fails to commit takes its page with it', async () => {
      await setUp(LEADS);
      await syncNow(core());
      const [lead] = core().leads.search('', 1, 0).leads;
      org.updateRecord('Lead', lead!.id, { Title: 'Edited once' });

      const undo = failWrites(
        "BEFORE UPDATE ON sync_state WHEN NEW.key = 'watermark' AND NEW.value <> OLD.value",
      );
      expect((await syncNow(core())).state).toBe('error');
      expect(timingEvents()).toEqual([]);
      expect(loggedEvents()).toEqual([]);
      expect(core().leads.timeline(lead!.id)!.lead.fields.Title).not.toBe('Edited once');
      undo();
      expect((await syncNow(core())).state).toBe('idle');

      const expected = [[lead!.id, 'changed', 'Title']];
      expect(timingEvents()).toEqual(expected);
      expect(loggedEvents()).toEqual(expected);
      expect(announcedEvents()).toEqual(expected);
    });
  });

  it('resumes an interrupted import where it stopped', async () => {
    await setUp(PAGED_LEADS);
    // The second page arrives broken (jsforce itself retries 5xx, so a 503 burst would heal).
    org.injectFault('malformed-json', { times: 1, match: '/query/' });
    const failed = await syncNow(core());
    expect(failed.state).toBe('error');
    expect(failed.message).toMatch(/tries again in 1 minute/);
    const imported = failed.cachedLeads;
    expect(imported).toBe(2000);
    const cached = readCacheFile(path.join(core().dataDirectory, 'leadbridge.db'));
    const lastCommitted = [...cached.leads.keys()].sort().at(-1);

    org.clearFaults();
    org.clearRequests();
    const resumed = await syncNow(core());
    expect(resumed.state).toBe('idle');
    const firstQuery = decodeURIComponent(
      org.requests().find((r) => r.path.includes('/query'))!.query ?? '',
    );
    // After the last lead committed, not before it: nothing is downloaded twice.
    expect(firstQuery).toContain(`FROM Lead WHERE Id > '${lastCommitted}' ORDER BY Id`);
    await expectCacheMatchesOrg();
  });

  it('logs the start of the import once, with the Leads it expects, also when its first page failed', async () => {
    await setUp(LEADS);
    // The newest stamp (queryAll) and the count pass; the first page of Leads arrives broken.
    org.injectFault('slow', { times: 2, ms: 1, match: '/query' });
    org.injectFault('malformed-json', { times: 1, match: '/query' });
    expect((await syncNow(core())).state).toBe('error');
    expect(core().leads.search('', 1, 0).total).toBe(0);

    progressShown = [];
    org.clearRequests();
    expect((await syncNow(core())).state).toBe('idle');
    // Resumed from what the failed run committed: its start, not a new count.
    expect(apiPaths().filter((p) => p.includes('/query')).length).toBe(1);
    expect(progressShown[0]).toEqual({
      phase: 'import',
      pages: 0,
      records: 0,
      estimatedTotal: LEADS,
    });
    const started = eventsOf('sync.import-started');
    expect(started).toHaveLength(1);
    expect(started[0]?.details).toEqual({ estimatedTotal: LEADS });
  });

  it('builds the indexes on Leads once the import completes, also after an interruption', async () => {
    await setUp(PAGED_LEADS);
    const indexes = () => {
      const db = new Database(path.join(core().dataDirectory, 'leadbridge.db'), {
        readonly: true,
      });
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'")
        .pluck()
        .all();
      db.close();
      return names;
    };
    const built = indexes();
    expect(built).toContain('leads_email');
    org.injectFault('malformed-json', { times: 1, match: '/query/' });
    expect((await syncNow(core())).state).toBe('error');
    expect(indexes()).not.toContain('leads_email');

    org.clearFaults();
    expect((await syncNow(core())).state).toBe('idle');
    expect(indexes().sort()).toEqual([...built].sort());
    expect(
      core().leads.unconvertedByEmail(
        (await readOrgLeads(org, ['Email'])).values().next().value!.Email as string,
      ),
    ).toBeDefined();
  });

  it('learns a field renamed while the import was interrupted (INVALID_FIELD) and completes it', async () => {
    await setUp(PAGED_LEADS);
    org.injectFault('malformed-json', { times: 1, match: '/query/' });
    expect((await syncNow(core())).state).toBe('error');
    org.clearFaults();
    const response = await fetch(`${org.url}/__admin/schema/Lead/fields/Lead_Score__c`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Lead_Rating__c' }),
    });
    expect(response.ok).toBe(true);
    const resumed = await syncNow(core());
    expect(resumed.state).toBe('idle');
    expect(resumed.cachedLeads).toBe(PAGED_LEADS);
    const [renamed] = eventsOf('schema.field-renamed');
    expect(renamed?.details).toMatchObject({ from: 'Lead_Score__c', to: 'Lead_Rating__c' });
  });

  it('says a garbled page of changed Leads could not be read, and reads it on the next sync', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const [lead] = core().leads.search('', 1, 0).leads;
    org.updateRecord('Lead', lead!.id, { Title: 'Edited once' });
    org.injectFault('malformed-json', { times: 1, match: '/queryAll' });
    await syncNow(core());
    expect(eventsOf('sync.failed')[0]?.details).toMatchObject({
      code: 'SALESFORCE_BAD_RESPONSE',
      message:
        'Salesforce sent a page of Leads Leadbridge could not read. The sync will try again.',
    });
    expect((await syncNow(core())).state).toBe('idle');
    expect(core().leads.timeline(lead!.id)!.lead.fields.Title).toBe('Edited once');
  });

  it('says a page of changed Leads is unreadable when a row is null or lacks a text Id or SystemModstamp', async () => {
    await setUp(LEADS);
    harness.core.dispose();
    /** How the first row of the next page of changed Leads is garbled (none: passed as is). */
    let garble: ((row: Record<string, unknown>) => unknown) | undefined;
    const proxy = await orgProxy(org.url, undefined, (path, body) => {
      const page = JSON.parse(body) as { records?: Record<string, unknown>[] };
      if (!garble || !path.includes('/queryAll') || !page.records?.length) return body;
      const [first, ...rest] = page.records;
      return JSON.stringify({ ...page, records: [garble(first!), ...rest] });
    });
    try {
      const issued = org.issueSession({ refreshToken: true });
      const secrets = await secretsSignedInTo(proxy.url, { ...issued, instance_url: proxy.url });
      const clock = new FakeClock();
      harness = { core: await createTestCore({ secretStore: secrets, clock }), clock, secrets };
      await syncNow(core());
      const [lead] = core().leads.search('', 1, 0).leads;
      org.updateRecord('Lead', lead!.id, { Title: 'Edited once' });
      const garbled = [
        () => null,
        ({ Id: _, ...row }: Record<string, unknown>) => row,
        (row: Record<string, unknown>) => ({ ...row, Id: 42 }),
        ({ SystemModstamp: _, ...row }: Record<string, unknown>) => row,
      ];
      for (const [failures, how] of garbled.entries()) {
        garble = how;
        expect((await syncNow(core())).state).not.toBe('idle');
        const failed = eventsOf('sync.failed');
        expect(failed).toHaveLength(failures + 1);
        expect(failed[0]?.details).toMatchObject({ code: 'SALESFORCE_BAD_RESPONSE' });
      }
      garble = undefined;
      expect((await syncNow(core())).state).toBe('idle');
      expect(core().leads.timeline(lead!.id)!.lead.fields.Title).toBe('Edited once');
    } finally {
      proxy.close();
    }
  });

  it('reports a field renamed in Salesforce and keeps syncing', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const response = await fetch(`${org.url}/__admin/schema/Lead/fields/Lead_Score__c`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Lead_Rating__c' }),
    });
    expect(response.ok).toBe(true);
    const status = await syncNow(core());
    expect(status.state).toBe('idle');
    expect(eventsOf('schema.field-renamed').map((entry) => [entry.subject, entry.details])).toEqual(
      [
        [
          'Lead',
          expect.objectContaining({
            from: 'Lead_Score__c',
            to: 'Lead_Rating__c',
            advice:
              'Salesforce renamed the Lead field Lead_Score__c to Lead_Rating__c. Update mappings and channel rules that use Lead_Score__c.',
          }),
        ],
      ],
    );
  });

  it('trusts the Lead describe it fetched for a day, then checks it again', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const describes = () =>
      org.requests().filter((request) => request.path.endsWith('/sobjects/Lead/describe'));
    org.clearRequests();
    // Moved by hand: advancing would fire the scheduler's timers.
    harness.clock.time += DAY;
    await syncNow(core());
    expect(describes()).toEqual([]);
    harness.clock.time += 1;
    await syncNow(core());
    expect(describes()).toHaveLength(1);
  });

  it('keeps its watermark when the newest Lead it saw is no longer shared: it looks back no further than the overlap', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const [older, newest] = core().leads.search('', 2, 0).leads;
    orgNow += 60_000;
    org.updateRecord('Lead', older!.id, { Title: 'Edited first' });
    orgNow += 10_000;
    org.updateRecord('Lead', newest!.id, { Title: 'Edited last' });
    await syncNow(core());
    const watermark = Date.parse(org.getRecord('Lead', newest!.id)!.SystemModstamp as string);
    // Only the older edit is still listed; the watermark stays at the newest stamp seen.
    org.setVisible(newest!.id, false);
    await syncNow(core());

    org.clearRequests();
    await syncNow(core());
    const since = new Date(watermark - OVERLAP_MS).toISOString().replace('.000Z', 'Z');
    expect(decodeURIComponent(org.requests()[0]!.query ?? '')).toContain(
      `WHERE SystemModstamp > ${since} ORDER BY`,
    );
  });

  it('says a Lead query was refused as too long when the org answers 431 for its headers', async () => {
    await setUp(LEADS);
    await syncNow(core());
    org.clearRequests();
    await syncNow(core());
    const [query] = org.requests();
    // The same query again fits the limit by its URI, not with its headers.
    await fetch(`${org.url}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        maxRequestHeadBytes: Buffer.byteLength(`${query!.path}?${query!.query}`),
      }),
    });
    const status = await syncNow(core());
    expect(org.requests().at(-1)?.status).toBe(431);
    expect(status.state).toBe('error');
    expect(status.message).toMatch(
      /refused a Lead query as too long \(431 Request Header Fields Too Large\)/,
    );
    expect(status.message).not.toMatch(/414/);
    expect(eventsOf('sync.failed')[0]?.details).toMatchObject({
      code: 'SALESFORCE_QUERY_TOO_LONG',
    });
  });

  it('reports a field removed in Salesforce, saying what stops matching, and keeps syncing', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const response = await fetch(`${org.url}/__admin/schema/Lead/fields/Lead_Score__c`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(204);
    const status = await syncNow(core());
    expect(status.state).toBe('idle');
    expect(eventsOf('schema.field-removed').map((entry) => [entry.subject, entry.details])).toEqual(
      [
        [
          'Lead',
          expect.objectContaining({
            name: 'Lead_Score__c',
            advice:
              'Salesforce no longer has the Lead field Lead_Score__c. Mappings and channel rules that use it will not match.',
          }),
        ],
      ],
    );
  });

  it('shortens a long value in the activity log to 200 characters, and caches it whole', async () => {
    await setUp(LEADS);
    await syncNow(core());
    const [lead] = core().leads.search('', 1, 0).leads;
    const fits = 'v'.repeat(200);
    org.updateRecord('Lead', lead!.id, { Description: fits });
    await syncNow(core());
    expect(eventsOf('lead.changed')[0]?.details).toMatchObject({ to: fits });

    orgNow += 1000;
    const long = 'x'.repeat(199) + 'yz' + 'w'.repeat(99);
    org.updateRecord('Lead', lead!.id, { Description: long });
    await syncNow(core());
    expect(eventsOf('lead.changed')[0]?.details).toMatchObject({
      field: 'Description',
      from: fits,
      to: `${long.slice(0, 200)}…`,
    });
    expect(core().leads.timeline(lead!.id)!.lead.fields.Description).toBe(long);
  });
});
