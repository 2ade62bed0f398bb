import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { preparedPlans } from '../../../test/support/query-plans';
import type { LogEntry } from '../../../src-preload/contract';
import { LeadRepository } from './lead-repository';
import { LogRepository } from './log-repository';
import { applyMigrations } from './migrations';
import { migrations } from './schema';

let db: BetterSqlite3.Database;
let log: LogRepository;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  log = new LogRepository(db, new FakeClock(Date.parse('2026-11-22T09:00:00Z')));
});

const ADA = {
  Id: '00Q000000000001AAA',
  SystemModstamp: '2026-11-22T09:00:00.000+0000',
  Name: 'Ada Lovelace',
  Email: 'ada@engine.org',
};
const ALAN = {
  Id: '00Q000000000002AAA',
  SystemModstamp: '2026-11-22T09:00:00.000+0000',
  Name: 'Alan Turing',
  Email: 'alan@bletchley.uk',
};

/** Leads in the cache whose entries the log finds by their email or name. */
function cacheLeads(...records: (typeof ADA)[]): void {
  new LeadRepository(db, new FakeClock(0)).importPage(records);
}

describe('LogRepository', () => {
  it('appends entries with the clock time and tells listeners after the write', () => {
    const heard: LogEntry[] = [];
    log.onAppended((entry) => heard.push(entry));
    const entry = log.append('lead.changed', '00Q000000000001AAA', { field: 'Status' });
    expect(entry).toEqual({
      id: 1,
      time: '2026-11-22T09:00:00.000Z',
      kind: 'lead.changed',
      subject: '00Q000000000001AAA',
      details: { field: 'Status' },
    });
    expect(heard).toEqual([entry]);
  });

  it('stops telling a listener once it unsubscribed', () => {
    const heard: string[] = [];
    const unsubscribe = log.onAppended((entry) => heard.push(entry.kind));
    log.append('app.first', null);
    unsubscribe();
    log.append('app.second', null);
    expect(heard).toEqual(['app.first']);
  });

  it('pages newest first by id cursor until the oldest entry', () => {
    for (let i = 1; i <= 5; i += 1) log.append('app.test', `s${i}`);
    const first = log.list({ limit: 2 });
    expect(first.entries.map((e) => e.subject)).toEqual(['s5', 's4']);
    expect(first.total).toBe(5);
    const second = log.list({ limit: 2, before: first.nextCursor! });
    expect(second.entries.map((e) => e.subject)).toEqual(['s3', 's2']);
    const last = log.list({ limit: 2, before: second.nextCursor! });
    expect(last.entries.map((e) => e.subject)).toEqual(['s1']);
    expect(last.nextCursor).toBeNull();
  });

  it('filters by exact kind or by domain prefix, without matching look-alike kinds', () => {
    log.append('sync.paused', null);
    log.append('sync', null);
    log.append('synchronise.other', null);
    log.append('lead.changed', null);
    const sync = log.list({ limit: 10, kinds: ['sync'] });
    expect(sync.entries.map((e) => e.kind)).toEqual(['sync', 'sync.paused']);
    expect(sync.total).toBe(2);
    const two = log.list({ limit: 10, kinds: ['lead.changed', 'sync.paused'] });
    expect(two.entries.map((e) => e.kind)).toEqual(['lead.changed', 'sync.paused']);
  });

  it('finds entries by Lead Id or by the words of their details, never reading the search as syntax', () => {
    log.append('lead.changed', '00Q000000000001AAA', { name: 'Ada Lovelace', to: '100%' });
    log.append('lead.changed', '00Q000000000002AAA', { name: 'Alan Turing', to: '5' });
    const subjects = (search: string) =>
      log.list({ limit: 10, search }).entries.map((e) => e.subject);
    expect(subjects('00Q000000000002AAA')).toEqual(['00Q000000000002AAA']);
    expect(subjects('lovelace')).toEqual(['00Q000000000001AAA']);
    expect(subjects('100%')).toEqual(['00Q000000000001AAA']);
    expect(subjects('ada lovel')).toEqual(['00Q000000000001AAA']);
    expect(subjects('ovelace')).toEqual([]);
    expect(subjects('_')).toEqual([]);
  });

  it('finds the entries of a cached Lead by its email or name, though the entries carry only its Id, without reading every entry', () => {
    cacheLeads(ADA, ALAN);
    log.append('channel.fired', '00Q000000000001AAA', { channel: 'Intro' });
    log.append('writeback.sent', '00Q000000000002AAA', { field: 'Status' });
    log.append('sync.completed', null, { leads: 2 });
    const page = log.list({ limit: 10, search: 'ADA@engine.org' });
    expect(page.entries.map((e) => e.kind)).toEqual(['channel.fired']);
    expect(page.total).toBe(1);
    expect(log.list({ limit: 10, search: 'turing' }).entries.map((e) => e.kind)).toEqual([
      'writeback.sent',
    ]);
    expect([...log.iterate({ search: 'alan@bletchley.uk' })].map((e) => e.kind)).toEqual([
      'writeback.sent',
    ]);
    const plans = preparedPlans(db, () => log.list({ limit: 10, search: 'ada@engine.org' }));
    for (const { plan } of plans) expect(plan).not.toMatch(/SCAN log( |$)/);
  });

  it('names the cached Lead an entry is about as it is cached now, though the entry was written before it was', () => {
    log.append('booking.posted', ADA.Id, { bookingId: 1 });
    log.append('sync.completed', null, { leads: 1 });
    log.append('writeback.sent', '003000000000001AAA', { field: 'Title' });
    cacheLeads(ADA);
    const byKind = (entries: LogEntry[]) =>
      Object.fromEntries(entries.map((entry) => [entry.kind, entry.leadName]));
    const named = {
      'booking.posted': 'Ada Lovelace',
      'sync.completed': undefined,
      'writeback.sent': undefined,
    };
    expect(byKind(log.list({ limit: 10 }).entries)).toEqual(named);
    expect(byKind([...log.iterate()])).toEqual(named);
    expect(
      log.list({ limit: 10 }).entries.find((e) => e.kind === 'sync.completed'),
    ).not.toHaveProperty('leadName');
  });

  it("says which given entries a search matches by the rule pages use, their Lead's cached email or name included", () => {
    cacheLeads(ADA);
    const byLead = log.append('channel.fired', '00Q000000000001AAA', { channel: 'Intro' });
    const byText = log.append('sync.failed', null, { message: 'ada@engine.org refused' });
    const other = log.append('channel.fired', '00Q000000000002AAA', { channel: 'Intro' });
    const ids = [byLead.id, byText.id, other.id];
    expect(log.matching(ids, { search: 'ada@engine.org' })).toEqual([byLead.id, byText.id]);
    expect(log.matching(ids, { search: 'Lovelace', kinds: ['channel'] })).toEqual([byLead.id]);
    expect(log.matching([byLead.id], { search: 'turing' })).toEqual([]);
    expect(log.matching(ids, {})).toEqual(ids);
    // Asked for live entries while the log may hold millions: looked up by id, never scanned.
    const plans = preparedPlans(db, () => log.matching(ids, { search: 'ada@engine.org' }));
    for (const { plan } of plans) expect(plan).not.toMatch(/SCAN log( |$)/);
  });

  it('counts only the matching entries, and ends paging exactly at the last one', () => {
    for (let i = 1; i <= 4; i += 1) log.append(i % 2 ? 'sync.paused' : 'lead.changed', `s${i}`);
    const page = log.list({ limit: 2, kinds: ['sync'] });
    expect(page.total).toBe(2);
    expect(page.nextCursor).toBeNull();
    expect(log.list({ limit: 3, kinds: [] }).total).toBe(4);
    expect(log.list({ limit: 1, search: 's2' }).total).toBe(1);
  });

  it('hands the last entry shown as the cursor of the next page', () => {
    for (let i = 1; i <= 7; i += 1) log.append('app.test', `s${i}`);
    const first = log.list({ limit: 3 });
    expect(first.nextCursor).toBe(first.entries[2]!.id);
    const second = log.list({ limit: 3, before: first.nextCursor! });
    expect(second.entries.map((e) => e.subject)).toEqual(['s4', 's3', 's2']);
  });

  it('combines a kind filter with a search, both in the page and in the total', () => {
    log.append('lead.changed', '00Q000000000001AAA', { name: 'Ada Lovelace' });
    log.append('sync.paused', null, { note: 'Ada Lovelace asked' });
    log.append('lead.changed', '00Q000000000002AAA', { name: 'Alan Turing' });
    const page = log.list({ limit: 10, kinds: ['lead'], search: 'lovelace' });
    expect(page.entries.map((e) => e.subject)).toEqual(['00Q000000000001AAA']);
    expect(page.total).toBe(1);
  });

  it('ignores spaces around a search, as typed or pasted', () => {
    log.append('lead.changed', '00Q000000000001AAA', { name: 'Ada Lovelace' });
    const subjects = (search: string) =>
      log.list({ limit: 10, search }).entries.map((e) => e.subject);
    expect(subjects(' 00Q000000000001AAA ')).toEqual(['00Q000000000001AAA']);
    expect(subjects('  lovelace\t')).toEqual(['00Q000000000001AAA']);
  });

  it('iterates every matching entry oldest first, for the CSV export', () => {
    log.append('sync.paused', 'a');
    log.append('lead.changed', 'b', { to: '1%' });
    log.append('sync.resumed', 'c');
    expect([...log.iterate({ kinds: ['sync'] })].map((e) => e.subject)).toEqual(['a', 'c']);
    expect([...log.iterate({ search: '1%' })].map((e) => e.subject)).toEqual(['b']);
    expect([...log.iterate()].map((e) => e.subject)).toEqual(['a', 'b', 'c']);
  });

  it('lists the kinds the log holds, each once and sorted, seeking them in the index', () => {
    expect(log.kinds()).toEqual([]);
    for (const kind of ['sync.completed', 'lead.changed', 'sync.completed', 'app.started']) {
      log.append(kind, null);
    }
    expect(log.kinds()).toEqual(['app.started', 'lead.changed', 'sync.completed']);
    const plans = preparedPlans(db, () => log.kinds());
    for (const { plan } of plans) expect(plan).not.toMatch(/SCAN log( |$)/);
  });

  it('is append-only: updates and deletes are refused by the database', () => {
    log.append('app.test', null);
    expect(() => db.exec("UPDATE log SET kind = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM log')).toThrow(/append-only/);
  });
});
