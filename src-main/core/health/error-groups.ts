import type { Database, Statement } from 'better-sqlite3';
import type { LogEntry } from '../../../src-preload/contract';

/** The log entries of one error code since a time: how many, where, and the newest. */
export interface ErrorGroupRow {
  code: string;
  count: number;
  kinds: string[];
  newest: LogEntry;
  /** The newest `sync.failed` of this code, when a sync failed with it. */
  newestSyncFailureAt: string | null;
}

interface GroupRow {
  code: string;
  count: number;
  kinds: string;
  newest_sync_failure_at: string | null;
  id: number;
  time: string;
  kind: string;
  subject: string | null;
  details: string;
}

/**
 * Errors are the log entries that carry an AppError's code, read through the `log_errors`
 * index (migration 16). A skipped write is not one: the Lead was converted or deleted, so
 * there was nothing left to write, and nothing to do.
 */
export class ErrorGroups {
  readonly #since: Statement<[string], GroupRow>;

  constructor(db: Database) {
    this.#since = db.prepare(
      `WITH grouped AS (
         SELECT json_extract(details, '$.code') AS code, COUNT(*) AS count, MAX(id) AS newest_id,
           json_group_array(DISTINCT kind) AS kinds,
           MAX(CASE WHEN kind = 'sync.failed' THEN time END) AS newest_sync_failure_at
         FROM log INDEXED BY log_errors
         WHERE json_extract(details, '$.code') IS NOT NULL AND time >= ?
           AND kind NOT LIKE '%.skipped'
         GROUP BY code
       )
       SELECT grouped.code, grouped.count, grouped.kinds, grouped.newest_sync_failure_at,
         log.id, log.time, log.kind, log.subject, log.details
       FROM grouped JOIN log ON log.id = grouped.newest_id
       ORDER BY log.id DESC`,
    );
  }

  /** Newest group first. */
  since(time: string): ErrorGroupRow[] {
    return this.#since.all(time).map((row) => ({
      code: String(row.code),
      count: row.count,
      kinds: (JSON.parse(row.kinds) as string[]).sort(),
      newest: {
        id: row.id,
        time: row.time,
        kind: row.kind,
        subject: row.subject,
        details: JSON.parse(row.details) as Record<string, unknown>,
      },
      newestSyncFailureAt: row.newest_sync_failure_at,
    }));
  }
}
