import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { LeadRepository } from './lead-repository';
import { LogRepository } from './log-repository';
import { applyMigrations } from './migrations';
import { OrgBoundCache } from './org-bound-cache';
import { migrations } from './schema';
import { SyncStateRepository } from './sync-state-repository';

const ORG_A = { organizationId: '00DdM00000vfgTuUAI', instanceUrl: 'https://a.my.salesforce.com' };
const ORG_B = { organizationId: '00D5f000000AbCdEAK', instanceUrl: 'https://b.my.salesforce.com' };
const STAMP = '2026-11-20T10:00:00.000+0000';

let db: BetterSqlite3.Database;
let leads: LeadRepository;
let state: SyncStateRepository;
let log: LogRepository;
let cache: OrgBoundCache;
let cleared: number;
let settles: number;

function makeCache(): OrgBoundCache {
  return new OrgBoundCache({
    db,
    leads,
    state,
    log,
    settle: async () => void (settles += 1),
    onCleared: () => (cleared += 1),
  });
}

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  const clock = new FakeClock();
  leads = new LeadRepository(db, clock);
  state = new SyncStateRepository(db);
  log = new LogRepository(db, clock);
  cleared = 0;
  settles = 0;
  cache = makeCache();
});

/** What an imported, streaming org leaves in the cache. */
function fillAsSynced(): void {
  leads.importPage([{ Id: '00QdM0000000001AAA', SystemModstamp: STAMP, LastName: 'Lovelace' }]);
  leads.applyPage([{ Id: '00QdM0000000002AAA', SystemModstamp: STAMP, LastName: 'Hopper' }]);
  for (const key of ['watermark', 'import', 'describe', 'lastRun', 'leadChangeReplay'])
    state.set(key, { some: key });
}

const rows = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

describe('OrgBoundCache', () => {
  it('empties everything of the previous org when bound to another, in one go, and says so', () => {
    cache.bindTo(ORG_A, 'replace');
    fillAsSynced();
    const heard: string[] = [];
    log.onAppended((entry) => heard.push(entry.kind));
    const replaced = cache.bindTo(ORG_B, 'replace');
    expect(replaced).toEqual({ previous: ORG_A, leadsDeleted: 2 });
    expect(rows('leads')).toBe(0);
    expect(rows('lead_changes')).toBe(0);
    expect(db.prepare('SELECT key FROM sync_state').pluck().all()).toEqual(['cacheOrg']);
    expect(cache.owner()).toEqual(ORG_B);
    expect(leads.count()).toBe(0);
    expect(cleared).toBe(1);
    expect(log.list({ limit: 5, kinds: ['sync.cache-replaced'] }).entries[0]?.details).toEqual({
      from: ORG_A.organizationId,
      fromInstance: ORG_A.instanceUrl,
      to: ORG_B.organizationId,
      toInstance: ORG_B.instanceUrl,
      leadsDeleted: 2,
    });
    expect(heard).toEqual(['sync.cache-replaced']);
  });

  it('keeps the cache for the same org, named by its 15- or 18-char id', () => {
    cache.bindTo(ORG_A, 'replace');
    fillAsSynced();
    const moved = { organizationId: ORG_A.organizationId.slice(0, 15), instanceUrl: 'https://x' };
    expect(cache.bindTo(moved, 'replace')).toBeNull();
    expect(rows('leads')).toBe(2);
    expect(state.get('watermark')).toBeDefined();
    expect(cleared).toBe(0);
  });

  it('replaces a cache of unknown origin at a sign-in, and adopts it for the restored session', () => {
    fillAsSynced();
    expect(cache.bindTo(ORG_A, 'adopt')).toBeNull();
    expect(rows('leads')).toBe(2);
    expect(cache.owner()).toEqual(ORG_A);

    db.prepare("DELETE FROM sync_state WHERE key = 'cacheOrg'").run();
    expect(cache.bindTo(ORG_B, 'replace')).toEqual({ previous: null, leadsDeleted: 2 });
    expect(rows('leads')).toBe(0);
  });

  it('rebinds an empty cache without a word', () => {
    cache.bindTo(ORG_A, 'replace');
    const heard: unknown[] = [];
    log.onAppended((entry) => heard.push(entry));
    expect(cache.bindTo(ORG_B, 'replace')).toBeNull();
    expect(cache.owner()).toEqual(ORG_B);
    expect(log.list({ limit: 5, kinds: ['sync.cache-replaced'] }).total).toBe(0);
    expect(heard).toEqual([]);
  });

  it('makes a new session wait for the running sync only when it is another org’s', async () => {
    cache.bindTo(ORG_A, 'replace');
    await cache.prepareFor(ORG_A.organizationId.slice(0, 15));
    expect(settles).toBe(0);
    await cache.prepareFor(ORG_B.organizationId);
    expect(settles).toBe(1);
  });

  it('deletes everything, and whose it was, once no sync runs', async () => {
    cache.bindTo(ORG_A, 'replace');
    fillAsSynced();
    await cache.delete();
    expect(settles).toBe(1);
    expect(rows('leads') + rows('lead_changes') + rows('sync_state')).toBe(0);
    expect(cache.owner()).toBeNull();
    expect(cleared).toBe(1);
  });
});
