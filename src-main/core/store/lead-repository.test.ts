import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { preparedPlans } from '../../../test/support/query-plans';
import { LeadRepository } from './lead-repository';
import { LogRepository } from './log-repository';
import { applyMigrations } from './migrations';
import { migrations } from './schema';
import { SyncStateRepository } from './sync-state-repository';

let db: BetterSqlite3.Database;
let clock: FakeClock;
let leads: LeadRepository;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  clock = new FakeClock(Date.parse('2026-11-22T09:30:00Z'));
  leads = new LeadRepository(db, clock);
});

const lead = (id: string, stamp: string, fields: Record<string, unknown> = {}) => ({
  attributes: { type: 'Lead' },
  Id: id,
  SystemModstamp: `2026-11-22T09:${stamp}.000+0000`,
  IsDeleted: false,
  Name: `Lead ${id}`,
  Email: `${id.toLowerCase()}@example.com`,
  Company: 'Acme',
  Status: 'Open - Not Contacted',
  ...fields,
});

/** Applies a page in a transaction, as the sync does, and tells the repository it committed. */
function apply(records: ReturnType<typeof lead>[]) {
  const outcome = db.transaction(() => leads.applyPage(records))();
  leads.committed(outcome);
  return outcome;
}

const events = (outcome: ReturnType<typeof apply>) =>
  outcome.changes.map((c) => [c.leadId, c.kind, c.field, c.oldValue, c.newValue]);

describe('LeadRepository.applyPage (incremental sync)', () => {
  it('records a new lead as created, a changed field as changed, a deletion as deleted', () => {
    expect(events(apply([lead('A', '00:00')]))).toEqual([['A', 'created', null, null, null]]);
    const changed = apply([lead('A', '01:00', { Status: 'Working', Company: 'Acme' })]);
    expect(events(changed)).toEqual([
      ['A', 'changed', 'Status', 'Open - Not Contacted', 'Working'],
    ]);
    expect(changed).toMatchObject({ written: 1 });
    const deleted = apply([lead('A', '02:00', { IsDeleted: true })]);
    expect(events(deleted)).toEqual([['A', 'deleted', null, null, null]]);
    expect(deleted).toMatchObject({ written: 1 });
    expect(leads.timeline('A')!.changes.map((c) => [c.kind, c.field])).toEqual([
      ['created', null],
      ['changed', 'Status'],
      ['deleted', null],
    ]);
    expect(leads.timeline('A')!.changes[1]).toMatchObject({
      oldValue: 'Open - Not Contacted',
      newValue: 'Working',
      systemModstamp: '2026-11-22T09:01:00.000+0000',
      detectedAt: '2026-11-22T09:30:00.000Z',
    });
  });

  it('skips an older version and the very version cached, but not a same-second edit', () => {
    apply([lead('A', '05:00', { Status: 'Working' })]);
    const older = apply([lead('A', '04:00', { Status: 'Closed' })]);
    expect(older).toMatchObject({ changes: [], written: 0 });
    const repeat = apply([lead('A', '05:00', { Status: 'Working' })]);
    expect(repeat).toMatchObject({ changes: [], written: 0 });
    const sameSecond = apply([lead('A', '05:00', { Status: 'Closed' })]);
    expect(events(sameSecond)).toEqual([['A', 'changed', 'Status', 'Working', 'Closed']]);
    expect(leads.timeline('A')!.lead.status).toBe('Closed');
  });

  it('ignores the deletion of a lead it never had or already deleted', () => {
    expect(apply([lead('B', '00:00', { IsDeleted: true })])).toMatchObject({
      changes: [],
      written: 0,
    });
    expect(leads.timeline('B')).toBeUndefined();
    apply([lead('A', '00:00')]);
    apply([lead('A', '01:00', { IsDeleted: true })]);
    expect(leads.timeline('A')!.lead.isDeleted).toBe(true);
    expect(apply([lead('A', '02:00', { IsDeleted: true })]).written).toBe(0);
    expect(leads.count()).toBe(0);
  });

  it('brings a deleted lead back to life when it is undeleted', () => {
    apply([lead('A', '00:00')]);
    apply([lead('A', '01:00', { IsDeleted: true })]);
    expect(leads.count()).toBe(0);
    apply([lead('A', '02:00')]);
    expect(leads.count()).toBe(1);
    expect(leads.timeline('A')!.lead.isDeleted).toBe(false);
  });
});

describe('LeadRepository reads', () => {
  beforeEach(() => {
    leads.importPage([
      lead('00Q1', '00:01', { Name: 'Ada Lovelace', Email: 'ada@engine.org', Company: 'Engines' }),
      lead('00Q2', '00:03', { Name: 'Grace 100%', Email: 'grace@navy.mil', Company: 'Navy' }),
      lead('00Q3', '00:02', { Name: 'Alan_Turing', Email: 'alan@bletchley.uk', Company: 'GCHQ' }),
    ]);
  });

  it('imports without events and counts live leads', () => {
    expect(leads.timeline('00Q1')!.changes).toEqual([]);
    expect(leads.count()).toBe(3);
  });

  it('searches name, email, company and exact Id, newest change first, with paging', () => {
    const ids = (query: string, limit = 10, offset = 0) =>
      leads.search(query, limit, offset).leads.map((l) => l.id);
    expect(ids('')).toEqual(['00Q2', '00Q3', '00Q1']);
    expect(ids('', 1, 1)).toEqual(['00Q3']);
    expect(leads.search('', 1, 0).total).toBe(3);
    expect(ids('lovelace')).toEqual(['00Q1']);
    expect(ids('navy.mil')).toEqual(['00Q2']);
    expect(ids('gchq')).toEqual(['00Q3']);
    expect(ids('  00Q3 ')).toEqual(['00Q3']);
    expect(ids('00Q')).toEqual([]);
    expect(leads.search('zzz', 10, 0)).toEqual({ leads: [], total: 0 });
  });

  it('finds the words typed in order, the last as a prefix, in name, email or company, from the start of a word', () => {
    const ids = (query: string) => leads.search(query, 10, 0).leads.map((l) => l.id);
    expect(ids('love')).toEqual(['00Q1']);
    expect(ids('ADA LOVEL')).toEqual(['00Q1']);
    expect(ids('ada@engine.o')).toEqual(['00Q1']);
    expect(ids('turing')).toEqual(['00Q3']);
    expect(ids('a')).toEqual(['00Q3', '00Q1']);
    expect(ids('ovelace')).toEqual([]);
    expect(ids('lovelace ada')).toEqual([]);
    apply([lead('00Q4', '00:04', { Name: 'Zoë Brontë', Email: null, Company: null })]);
    expect(ids('zoe bronte')).toEqual(['00Q4']);
  });

  it('takes the words as whole when some Lead has them so, and the last one as a prefix only when none has', () => {
    apply([
      lead('00Q7', '00:07', { Name: 'Ann Smith', Email: 'ann@smith.example.com' }),
      lead('00Q8', '00:08', { Name: 'Bob Smithson', Email: 'bob@smithson.example.com' }),
    ]);
    const ids = (query: string) => leads.search(query, 10, 0).leads.map((l) => l.id);
    expect(ids('smith')).toEqual(['00Q7']);
    expect(ids('smiths')).toEqual(['00Q8']);
    expect(ids('smi')).toEqual(['00Q8', '00Q7']);
    expect(ids('ann@smith.example.com')).toEqual(['00Q7']);
    expect(ids('bob@smithson.example.c')).toEqual(['00Q8']);
    expect(leads.search('smi', 10, 0).total).toBe(2);
  });

  it('reads what the user typed as words, never as search syntax', () => {
    const ids = (query: string) => leads.search(query, 10, 0).leads.map((l) => l.id);
    expect(ids('100%')).toEqual(['00Q2']);
    expect(ids('grace" OR "ada')).toEqual([]);
    expect(ids('NEAR(grace')).toEqual([]);
    expect(ids('email:ada')).toEqual([]);
    expect(ids('ada*')).toEqual(['00Q1']);
    expect(ids('%')).toEqual([]);
    expect(ids('"')).toEqual([]);
    expect(ids('\\')).toEqual([]);
  });

  it('answers the live count and the newest Leads without reading every Lead, as at start-up', () => {
    const plans = preparedPlans(db, () => {
      const opened = new LeadRepository(db, clock);
      expect(opened.count()).toBe(3);
      expect(opened.search('', 1, 0).leads.map((l) => l.id)).toEqual(['00Q2']);
    });
    const planOf = (part: string) => plans.find(({ sql }) => sql.includes(part))?.plan;
    expect(planOf('lead_count')).toBe('SCAN lead_count');
    expect(planOf('LIMIT ? OFFSET ?')).toBe('SCAN leads USING INDEX leads_live_recent');
  });

  it('counts every match, not only the page it returns', () => {
    leads.importPage(
      Array.from({ length: 30 }, (_, i) =>
        lead(`00Qm${String(i).padStart(2, '0')}`, '05:00', { Company: 'Many Corp' }),
      ),
    );
    const page = leads.search('many', 10, 20);
    expect(page.total).toBe(30);
    expect(page.leads.map((l) => l.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `00Qm${20 + i}`),
    );
  });

  it('keeps the search and the live count in step with every write: import, sync page, deletion, removal, purge and wipe', () => {
    const found = (query: string) => leads.search(query, 10, 0).leads.map((l) => l.id);
    const live = () =>
      db.prepare('SELECT COUNT(*) FROM leads WHERE is_deleted = 0').pluck().get() as number;
    apply([lead('00Q1', '01:00', { Name: 'Ada King', Email: 'ada@crown.uk' })]);
    expect(found('lovelace')).toEqual([]);
    expect(found('engines')).toEqual([]);
    expect(found('ada king')).toEqual(['00Q1']);
    expect(found('crown')).toEqual(['00Q1']);
    apply([lead('00Q2', '01:00', { Name: 'Grace 100%', IsDeleted: true })]);
    expect(found('grace')).toEqual([]);
    expect(found('00Q2')).toEqual([]);
    expect(leads.count()).toBe(2);
    db.prepare("UPDATE leads SET is_deleted = 0 WHERE id = '00Q2'").run();
    expect(found('grace')).toEqual(['00Q2']);
    expect(leads.count()).toBe(3);
    db.prepare("UPDATE leads SET is_deleted = 1 WHERE id = '00Q2'").run();
    expect(leads.forgetDeletedBefore('2026-11-22T10:00:00.000+0000')).toBe(1);
    expect(leads.count()).toBe(2);
    db.transaction(() => leads.remove(['00Q3']))();
    expect(leads.count()).toBe(live());
    expect(found('turing')).toEqual([]);
    expect(found('00Q3')).toEqual([]);
    leads.importPage([lead('00Q5', '02:00', { Name: 'Alan Turing' })]);
    expect(found('turing')).toEqual(['00Q5']);
    expect(leads.count()).toBe(live());
    leads.clear();
    db.exec("INSERT INTO leads_search (leads_search, rank) VALUES ('integrity-check', 1)");
    expect(found('turing')).toEqual([]);
    expect(found('ada')).toEqual([]);
    expect(leads.count()).toBe(0);
    leads.importPage([lead('00Q6', '03:00', { Name: 'Alan Turing' })]);
    expect(found('turing')).toEqual(['00Q6']);
    expect(leads.count()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM leads_search').pluck().get()).toBe(1);
    // What the index holds is what the live rows say, word for word.
    db.exec("INSERT INTO leads_search (leads_search, rank) VALUES ('integrity-check', 1)");
  });

  it('leaves deleted leads out of the search', () => {
    apply([lead('00Q2', '09:00', { IsDeleted: true })]);
    expect(leads.search('', 10, 0).total).toBe(2);
    expect(leads.search('grace', 10, 0).leads).toEqual([]);
  });

  it('counts timing events per hour since a time', () => {
    apply([
      lead('00Q3', '10:00', {
        Name: 'Alan_Turing',
        Email: 'alan@bletchley.uk',
        Company: 'GCHQ',
        Status: 'Working',
      }),
    ]);
    clock.advance(60 * 60_000);
    apply([
      lead('00Q3', '11:00', {
        Name: 'Alan_Turing',
        Email: 'alan@bletchley.uk',
        Company: 'Babbage',
        Status: 'Closed',
      }),
    ]);
    expect(leads.changesPerHour('2026-11-22T00:00:00.000Z')).toEqual([
      { hour: '2026-11-22T09:00:00.000Z', count: 1 },
      { hour: '2026-11-22T10:00:00.000Z', count: 2 },
    ]);
    expect(leads.changesPerHour('2026-11-22T10:00:00.000Z')).toEqual([
      { hour: '2026-11-22T10:00:00.000Z', count: 2 },
    ]);
  });

  it('clears leads, events and sync state, but keeps the activity log', () => {
    const state = new SyncStateRepository(db);
    const log = new LogRepository(db, clock);
    state.set('watermark', '2026-11-22T09:00:00.000+0000');
    log.append('sync.import-completed', null);
    apply([lead('00Q1', '10:00', { Status: 'Working' })]);
    leads.clear();
    expect(leads.count()).toBe(0);
    expect(leads.search('', 10, 0).total).toBe(0);
    expect(leads.timeline('00Q1')).toBeUndefined();
    expect(state.get('watermark')).toBeUndefined();
    expect(log.list({ limit: 10 }).entries).toHaveLength(1);
  });
});

describe('LeadRepository timing events for the channel runner', () => {
  /** Runs `write` in a transaction, as the sync does, and tells the repository it committed. */
  const commit = <T extends Parameters<LeadRepository['committed']>[0]>(write: () => T): T => {
    const outcome = db.transaction(write)();
    leads.committed(outcome);
    return outcome;
  };

  it('wakes listeners only for pages with timing events, and no longer once unsubscribed', () => {
    const heard: string[][] = [];
    const unsubscribe = leads.onCommitted((outcome) =>
      heard.push(outcome.changes.map((change) => `${change.leadId} ${change.kind}`)),
    );
    db.transaction(() => leads.importPage([lead('A', '00:00'), lead('B', '00:00')]))();
    apply([lead('A', '00:00')]);
    apply([lead('A', '01:00', { Status: 'Working' })]);
    commit(() => leads.remove(['B']));
    unsubscribe();
    apply([lead('C', '02:00')]);
    expect(heard).toEqual([['A changed']]);
  });

  it('hands over the fields as now cached of each Lead it wrote, and of no other', () => {
    apply([lead('A', '00:00'), lead('B', '00:00')]);
    const outcome = apply([lead('A', '01:00', { Status: 'Working' }), lead('B', '00:00')]);
    expect([...outcome.cachedFields!.keys()]).toEqual(['A']);
    expect(outcome.cachedFields!.get('A')).toMatchObject({ Id: 'A', Status: 'Working' });
    expect(outcome.cachedFields!.get('A')).not.toHaveProperty('attributes');
  });

  it('records a conversion as one "converted" event naming the new records', () => {
    apply([lead('A', '00:00', { IsConverted: false })]);
    const converted = apply([
      lead('A', '01:00', {
        IsConverted: true,
        Status: 'Closed - Converted',
        ConvertedContactId: '003C',
        ConvertedAccountId: '001A',
        ConvertedOpportunityId: null,
      }),
    ]);
    expect(events(converted)).toEqual([
      ['A', 'converted', null, null, { contactId: '003C', accountId: '001A', opportunityId: null }],
    ]);
    expect(leads.timeline('A')!.lead.isConverted).toBe(true);
  });

  it('records no second "created" when a Lead dropped from the cache comes back unchanged', () => {
    // Unshared, removed by a reconciliation, then shared again: sharing does not stamp a Lead.
    apply([lead('A', '00:00')]);
    commit(() => leads.remove(['A']));
    const back = apply([lead('A', '00:00')]);
    expect(back).toMatchObject({ changes: [], written: 1 });
    expect(leads.timeline('A')!.changes.map((change) => change.kind)).toEqual(['created']);
  });
});

describe('LeadRepository cached versions', () => {
  it('gives the cached stamp and fields of a Lead, and nothing for a Lead it does not hold', () => {
    apply([lead('A', '00:00', { Status: 'Working' })]);
    expect(leads.storedVersion('A')).toEqual({
      systemModstamp: '2026-11-22T09:00:00.000+0000',
      fields: expect.objectContaining({ Id: 'A', Status: 'Working' }),
    });
    expect(leads.storedVersion('Z')).toBeUndefined();
  });

  it('gives stamp and deletion of the cached Leads among the Ids asked about', () => {
    apply([lead('A', '00:00'), lead('B', '00:00')]);
    apply([lead('B', '01:00', { IsDeleted: true })]);
    expect(Object.fromEntries(leads.cachedStamps(['A', 'B', 'Z']))).toEqual({
      A: { stamp: '2026-11-22T09:00:00.000+0000', deleted: false },
      B: { stamp: '2026-11-22T09:01:00.000+0000', deleted: true },
    });
  });

  it('lists every live Lead with its name, email and fields for a preview', () => {
    apply([lead('A', '00:00'), lead('B', '00:00')]);
    apply([lead('B', '01:00', { IsDeleted: true })]);
    expect([...leads.iterateLive()]).toEqual([
      {
        summary: { leadId: 'A', name: 'Lead A', email: 'a@example.com' },
        fields: expect.objectContaining({ Id: 'A', Company: 'Acme' }),
      },
    ]);
  });

  it('keeps a value that is not text out of the name, email, company and status it shows', () => {
    apply([lead('A', '00:00', { Email: 42, Status: true })]);
    expect(leads.search('', 10, 0).leads[0]).toMatchObject({ email: null, status: null });
  });

  it('moves the live count only by the live Leads it removes', () => {
    apply([lead('A', '00:00'), lead('B', '00:00'), lead('C', '00:00')]);
    apply([lead('B', '01:00', { IsDeleted: true })]);
    expect(leads.count()).toBe(2);
    const removed = db.transaction(() => leads.remove(['A', 'B']))();
    leads.committed(removed);
    expect(removed).toMatchObject({ written: 2 });
    expect(leads.count()).toBe(1);
  });

  it("finds the Lead a guest's email names whatever its case and the spaces around it", () => {
    apply([lead('A', '00:00', { Email: 'Ada.Lovelace@Example.com' })]);
    expect(leads.unconvertedByEmail('  ADA.lovelace@example.COM ')).toMatchObject({ id: 'A' });
  });

  it('gives the fields of a live cached Lead only: none for a deleted or unknown one', () => {
    apply([lead('A', '00:00', { Status: 'Working' }), lead('B', '00:00')]);
    apply([lead('B', '01:00', { IsDeleted: true })]);
    expect(leads.cachedFields('A')).toMatchObject({ Id: 'A', Status: 'Working' });
    expect(leads.cachedFields('B')).toBeUndefined();
    expect(leads.cachedFields('Z')).toBeUndefined();
  });

  it('does not remember a count taken inside a transaction that rolls back', () => {
    expect(() =>
      db.transaction(() => {
        leads.applyPage([lead('A', '00:00')]);
        expect(leads.count()).toBe(1);
        throw new Error('the page fails after the count');
      })(),
    ).toThrow('the page fails');
    expect(leads.count()).toBe(0);
  });

  it('counts live Leads with one scan, then keeps the count by the pages committed', () => {
    // Asked on every status update: a scan of a million rows each time would stall the app.
    apply([lead('A', '00:00')]);
    expect(leads.count()).toBe(1);
    const prepare = vi.spyOn(db, 'prepare');
    apply([lead('B', '00:00')]);
    expect(leads.count()).toBe(2);
    expect(prepare.mock.calls.filter(([sql]) => /COUNT/.test(sql))).toEqual([]);
  });
});

describe('LeadRepository.deferIndexes (the first import)', () => {
  const indexes = () =>
    db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'")
      .pluck()
      .all()
      .filter((sql) => sql !== null)
      .sort();

  it('drops the indexes on Leads and builds the very same ones again', () => {
    const before = indexes();
    expect(before.join()).toContain('leads_email');
    leads.deferIndexes();
    expect(indexes()).toEqual([]);
    leads.importPage([lead('A', '00:00')]);
    leads.buildDeferredIndexes();
    expect(indexes()).toEqual(before);
    expect(leads.unconvertedByEmail('a@example.com')).toMatchObject({ id: 'A' });
  });

  it('builds them when the cache is cleared before the import completed, leaving no state', () => {
    const before = indexes();
    leads.deferIndexes();
    leads.deferIndexes();
    leads.clear();
    expect(indexes()).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) FROM sync_state').pluck().get()).toBe(0);
  });
});
