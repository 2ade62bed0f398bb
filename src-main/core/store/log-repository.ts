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
    const entry = this.insert(kind, subject, details);
    this.announce([entry]);
    return entry;
  }

  /**
   * Writes an entry without telling anyone: for use inside a larger transaction, whose
   * caller announces the entries once it has committed (a rolled-back entry never shows).
   */
  insert(kind: string, subject: string | null, details: Record<string, unknown> = {}): LogEntry {
    const time = new Date(this.clock.now()).toISOString();
    const { id } = this.#insert.get(time, kind, subject, JSON.stringify(details)) as {
      id: number;
    };
    return { id, time, kind, subject, details };
  }

  announce(entries: readonly LogEntry[]): void {
    for (const entry of entries) for (const listener of this.#listeners) listener(entry);
  }

  /** Called after each append, once the entry is committed. */
  onAppended(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(query: LogQuery): LogPage {
    const { where, params } = kindFilter(query.kinds);
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

  /** Every entry matching the kinds, oldest first, read row by row (the log can be large). */
  *iterate(kinds?: readonly string[]): Generator<LogEntry> {
    const { where, params } = kindFilter(kinds);
    const rows = this.db
      .prepare(
        `SELECT id, time, kind, subject, details FROM log
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
      )
      .iterate(...params) as IterableIterator<LogRow>;
    for (const row of rows) yield toEntry(row);
  }
}

function kindFilter(kinds: readonly string[] | undefined): {
  where: string[];
  params: (string | number)[];
} {
  if (!kinds || kinds.length === 0) return { where: [], params: [] };
  return {
    where: [`(${kinds.map(() => "(kind = ? OR kind LIKE ? || '.%')").join(' OR ')})`],
    params: kinds.flatMap((kind) => [kind, kind]),
  };
}

function toEntry(row: LogRow): LogEntry {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}
