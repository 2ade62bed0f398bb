import BetterSqlite3 from 'better-sqlite3';
import type { Connection } from 'jsforce';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-preload/contract';
import { FakeClock } from '../../../test/support/fake-clock';
import { LeadRepository } from '../store/lead-repository';
import { LogRepository } from '../store/log-repository';
import { applyMigrations } from '../store/migrations';
import { ReconcileLedger } from '../store/reconcile-ledger';
import { migrations } from '../store/schema';
import { LeadReconciler } from './lead-reconciler';

const stamp = (hour: number) => `2026-11-22T${hour}:00:00.000+0000`;
/** What each call for a page of Ids takes on the clock. */
const CALL_MS = 700;

let db: BetterSqlite3.Database;
let clock: FakeClock;
let leads: LeadRepository;
let log: LogRepository;
/** The first page of Ids; `nextPages` holds the following ones by their nextRecordsUrl. */
let idPage: unknown;
let nextPages: Map<string, unknown>;
/** The cached Leads queryAll still finds, deleted but not purged. */
let recycleBin: Set<string>;
let fetched: { ids: readonly string[]; endpoint: string }[];

function reconciler(): LeadReconciler {
  const connection = {
    request: async (url: string) => {
      clock.advance(CALL_MS);
      return url.startsWith('/services/data/') ? idPage : nextPages.get(url);
    },
  } as unknown as Connection;
  return new LeadReconciler({
    db,
    salesforce: { call: (operation) => operation(connection), callCount: () => 0 },
    leads,
    ledger: new ReconcileLedger(db),
    log,
    clock,
    leadSync: {
      fetchByIds: async (ids, endpoint) => {
        fetched.push({ ids, endpoint });
        const found = endpoint === 'query' ? ids : ids.filter((id) => recycleBin.has(id));
        return new Set(found);
      },
    },
  });
}

const seenIds = () => db.prepare('SELECT COUNT(*) FROM temp.reconcile_seen').pluck().get();

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  clock = new FakeClock();
  leads = new LeadRepository(db, clock);
  log = new LogRepository(db, clock);
  leads.importPage([
    { Id: '00QA', SystemModstamp: stamp(10) },
    { Id: '00QB', SystemModstamp: stamp(10) },
  ]);
  nextPages = new Map();
  recycleBin = new Set();
  fetched = [];
});

describe('LeadReconciler', () => {
  it('fetches the Leads the org holds newer than the cache, and those the cache lacks', async () => {
    idPage = {
      totalSize: 3,
      done: true,
      records: [
        { Id: '00QA', SystemModstamp: stamp(10) },
        { Id: '00QB', SystemModstamp: stamp(11) },
        { Id: '00QC', SystemModstamp: stamp(9) },
      ],
    };
    const report = await reconciler().run(() => undefined);
    expect(report).toMatchObject({ orgLeads: 3, missing: 1, stale: 1, gone: 0 });
    expect(fetched[0]).toEqual({ ids: ['00QC', '00QB'], endpoint: 'query' });
  });

  it('stops at a page of Ids it cannot read, saying to reconcile again later', async () => {
    idPage = { totalSize: 3, done: true, records: [{ Id: '00QA' }] };
    await expect(reconciler().run(() => undefined)).rejects.toMatchObject({
      code: 'SALESFORCE_BAD_RESPONSE',
      message:
        'Salesforce sent a page of Lead Ids Leadbridge could not read. Reconcile again later.',
    });
    expect(fetched).toEqual([]);
  });

  it('reports its progress page by page: the Ids compared of the total the org announced', async () => {
    idPage = {
      totalSize: 3,
      done: false,
      nextRecordsUrl: '/ids-2',
      records: [
        { Id: '00QA', SystemModstamp: stamp(10) },
        { Id: '00QB', SystemModstamp: stamp(10) },
      ],
    };
    nextPages.set('/ids-2', {
      totalSize: 3,
      done: true,
      records: [{ Id: '00QC', SystemModstamp: stamp(10) }],
    });
    const progress: unknown[] = [];
    await reconciler().run((step) => progress.push(step));
    expect(progress).toEqual([
      { phase: 'reconcile', pages: 1, records: 2, estimatedTotal: 3 },
      { phase: 'reconcile', pages: 2, records: 3, estimatedTotal: 3 },
    ]);
  });

  it('reports when it finished and how long it took, in its result and its log entry', async () => {
    const started = clock.now();
    idPage = {
      totalSize: 2,
      done: false,
      nextRecordsUrl: '/ids-2',
      records: [{ Id: '00QA', SystemModstamp: stamp(10) }],
    };
    nextPages.set('/ids-2', {
      totalSize: 2,
      done: true,
      records: [{ Id: '00QB', SystemModstamp: stamp(10) }],
    });
    const report = await reconciler().run(() => undefined);
    expect(report).toMatchObject({
      at: new Date(started + 2 * CALL_MS).toISOString(),
      durationMs: 2 * CALL_MS,
    });
    expect(log.list({ limit: 1, kinds: ['sync.reconciled'] }).entries[0]?.details).toEqual(report);
  });

  it('removes only the unlisted Leads queryAll no longer finds, logging and announcing each by name and why', async () => {
    leads.importPage([{ Id: '00QC', SystemModstamp: stamp(10), Name: 'Ada Lovelace' }]);
    idPage = { totalSize: 1, done: true, records: [{ Id: '00QA', SystemModstamp: stamp(10) }] };
    // 00QB was deleted, and is still in the Recycle Bin: queryAll records its deletion.
    recycleBin = new Set(['00QB']);
    const announced: LogEntry[] = [];
    log.onAppended((entry) => announced.push(entry));

    const report = await reconciler().run(() => undefined);
    expect(report).toMatchObject({ gone: 2, removed: 1 });
    expect(fetched).toContainEqual({ ids: ['00QB', '00QC'], endpoint: 'queryAll' });
    expect([...leads.cachedStamps(['00QA', '00QB', '00QC']).keys()].sort()).toEqual([
      '00QA',
      '00QB',
    ]);
    const removed = log.list({ limit: 10, kinds: ['lead.removed'] }).entries;
    expect(removed).toEqual([
      expect.objectContaining({
        subject: '00QC',
        // The export and the log's search read the reason too, beside the screen's sentence.
        details: {
          name: 'Ada Lovelace',
          reason:
            'Salesforce no longer shows this Lead to the connected user: it was deleted and purged from the Recycle Bin, or it is no longer shared with the user.',
        },
      }),
    ]);
    // The live log hears of the removal once it is committed, and of nothing else.
    expect(announced.map((entry) => entry.kind)).toEqual(['lead.removed', 'sync.reconciled']);
    expect(announced[0]).toEqual(removed[0]);
  });

  it('lets go of the Ids it listed when it ends, also when it stops at a page it cannot read', async () => {
    // A million Ids would otherwise sit in the temporary store until the next reconciliation.
    idPage = {
      totalSize: 2,
      done: false,
      nextRecordsUrl: '/ids-2',
      records: [{ Id: '00QA', SystemModstamp: stamp(10) }],
    };
    nextPages.set('/ids-2', { totalSize: 2, done: true, records: [{ Id: '00QB' }] });
    await expect(reconciler().run(() => undefined)).rejects.toMatchObject({
      code: 'SALESFORCE_BAD_RESPONSE',
    });
    expect(seenIds()).toBe(0);

    nextPages.set('/ids-2', {
      totalSize: 2,
      done: true,
      records: [{ Id: '00QB', SystemModstamp: stamp(10) }],
    });
    await reconciler().run(() => undefined);
    expect(seenIds()).toBe(0);
  });
});
