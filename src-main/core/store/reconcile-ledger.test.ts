import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { LeadRepository } from './lead-repository';
import { applyMigrations } from './migrations';
import { ReconcileLedger } from './reconcile-ledger';
import { migrations } from './schema';

let db: BetterSqlite3.Database;
let ledger: ReconcileLedger;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  const leads = new LeadRepository(db, new FakeClock());
  const stamp = '2026-11-20T10:00:00.000+0000';
  leads.importPage(['00Q1', '00Q2', '00Q3'].map((Id) => ({ Id, SystemModstamp: stamp })));
  leads.applyPage([{ Id: '00Q3', SystemModstamp: stamp.replace('10:', '11:'), IsDeleted: true }]);
  ledger = new ReconcileLedger(db);
});

const seenIds = () => db.prepare('SELECT COUNT(*) FROM temp.reconcile_seen').pluck().get();

describe('ReconcileLedger', () => {
  it('names the live cached Leads the org did not list, whatever an earlier run saw', () => {
    ledger.start();
    ledger.markSeen(['00Q1', '00Q2']);
    ledger.finish();
    ledger.start();
    ledger.markSeen(['00Q1', '00Q1', '00Q9']);
    expect(ledger.unseenLiveIds()).toEqual(['00Q2']);
  });

  it('lets go of the Ids it listed once the reconciliation is finished', () => {
    // A million Ids would otherwise sit in the temporary store until the next reconciliation.
    ledger.start();
    ledger.markSeen(['00Q1', '00Q2']);
    expect(seenIds()).toBe(2);
    ledger.finish();
    expect(seenIds()).toBe(0);
  });
});
