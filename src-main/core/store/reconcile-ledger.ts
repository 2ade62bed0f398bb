import type { Database } from 'better-sqlite3';

/**
 * Which cached Leads the org listed during one reconciliation. The Ids go to a temporary
 * table page by page, so comparing a million Leads never holds a million Ids in memory.
 */
export class ReconcileLedger {
  constructor(private readonly db: Database) {}

  start(): void {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS reconcile_seen (id TEXT PRIMARY KEY); DELETE FROM reconcile_seen;',
    );
  }

  markSeen(ids: readonly string[]): void {
    this.db
      .prepare('INSERT OR IGNORE INTO reconcile_seen (id) SELECT value FROM json_each(?)')
      .run(JSON.stringify(ids));
  }

  /** Live cached Leads the org did not list: deleted, purged, or no longer visible. */
  unseenLiveIds(): string[] {
    return this.db
      .prepare(
        'SELECT id FROM leads WHERE is_deleted = 0 AND id NOT IN (SELECT id FROM reconcile_seen) ORDER BY id',
      )
      .pluck()
      .all() as string[];
  }

  finish(): void {
    this.db.exec('DELETE FROM reconcile_seen');
  }
}
