import type { Database, Statement } from 'better-sqlite3';
import type { LogEntry, LogPage } from '../../../src-preload/contract';
import type { Clock } from '../ports';

interface LogRow {
  id: number;
  time: string;
  kind: string;
  subject: string | null;
  details: string;
}

export interface LogQuery {
  before?: number | undefined;
  limit: number;
  kinds?: readonly string[] | undefined;
}

export type LogListener = (entry: LogEntry) => void;

/**
 * The append-only activity log that the user reads. A kind filter `lead` matches `lead`
 * and every `lead.*` kind, so the UI can filter by domain or by exact kind.
 */
export class LogRepository {
  readonly #insert: Statement<[string, string, string | null, string]>;
  readonly #listeners = new Set<LogListener>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.#insert = db.prepare(
      'INSERT INTO log (time, kind, subject, details) VALUES (?, ?, ?, ?) RETURNING id',
    );
  }

  append(kind: string, subject: string | null, details: Record<string, unknown> = {}): LogEntry {
    const time = new Date(this.clock.now()).toISOString();
    const { id } = this.#insert.get(time, kind, subject, JSON.stringify(details)) as {
      id: number;
    };
    const entry: LogEntry = { id, time, kind, subject, details };
    for (const listener of this.#listeners) listener(entry);
    return entry;
  }

  /** Called after each append, once the entry is committed. */
  onAppended(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(query: LogQuery): LogPage {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.kinds && query.kinds.length > 0) {
      where.push(`(${query.kinds.map(() => "(kind = ? OR kind LIKE ? || '.%')").join(' OR ')})`);
      for (const kind of query.kinds) params.push(kind, kind);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM log ${filter}`).get(...params) as { n: number }
    ).n;

    const pageWhere = [...where];
    const pageParams = [...params];
    if (query.before !== undefined) {
      pageWhere.push('id < ?');
      pageParams.push(query.before);
    }
    const rows = this.db
      .prepare(
        `SELECT id, time, kind, subject, details FROM log
         ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT ?`,
      )
      .all(...pageParams, query.limit + 1) as LogRow[];

    const hasMore = rows.length > query.limit;
    const entries = rows.slice(0, query.limit).map(toEntry);
    return { entries, nextCursor: hasMore ? (entries.at(-1)?.id ?? null) : null, total };
  }
}

function toEntry(row: LogRow): LogEntry {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}
