import BetterSqlite3 from 'better-sqlite3';
import type { Connection } from 'jsforce';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { LeadRepository } from '../store/lead-repository';
import { LogRepository } from '../store/log-repository';
import { applyMigrations } from '../store/migrations';
import { ReconcileLedger } from '../store/reconcile-ledger';
import { migrations } from '../store/schema';
import { LeadReconciler } from './lead-reconciler';

const stamp = (hour: number) => `2026-11-22T${hour}:00:00.000+0000`;

let db: BetterSqlite3.Database;
let leads: LeadRepository;
let idPage: unknown;
let fetched: { ids: readonly string[]; endpoint: string }[];

function reconciler(): LeadReconciler {
  const clock = new FakeClock();
  const connection = { request: async () => idPage } as unknown as Connection;
  return new LeadReconciler({
    db,
    salesforce: { call: (operation) => operation(connection), callCount: () => 0 },
    leads,
    ledger: new ReconcileLedger(db),
    log: new LogRepository(db, clock),
    clock,
    leadSync: {
      fetchByIds: async (ids, endpoint) => {
        fetched.push({ ids, endpoint });
        return { found: new Set(ids), records: ids.length, changes: 0 };
      },
    },
  });
}

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  leads = new LeadRepository(db, new FakeClock());
  leads.importPage([
    { Id: '00QA', SystemModstamp: stamp(10) },
    { Id: '00QB', SystemModstamp: stamp(10) },
  ]);
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
});
