import type { Database, Statement } from 'better-sqlite3';
import type { LogEntry, LogPage } from '../../../src-preload/contract';
import type { Clock } from '../ports';
import { LEADS_MATCHING_WORDS, wordsQueries } from './search-words';

interface LogRow {
  id: number;
  time: string;
  kind: string;
  subject: string | null;
  details: string;
  lead_name: string | null;
}

/** An entry's columns, with the name of the cached Lead its subject names (by primary key). */
const ENTRY_COLUMNS = `id, time, kind, subject, details,
  (SELECT name FROM leads WHERE leads.id = log.subject) AS lead_name`;

export interface LogFilter {
  kinds?: readonly string[] | undefined;
  /** A subject (Lead Id), words of the details, or the cached name or email of the Lead named. */
  search?: string | undefined;
}

export interface LogQuery extends LogFilter {
  before?: number | undefined;
  limit: number;
}

export type LogListener = (entry: LogEntry) => void;

/**
 * The append-only activity log that the user reads. A kind filter `lead` matches `lead`
 * and every `lead.*` kind, so the UI can filter by domain or by exact kind.
 */
export class LogRepository {
  readonly #insert: Statement<[string, string, string | null, string]>;
  readonly #newestTimes: Statement<[string, number], string>;
  readonly #listeners = new Set<LogListener>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.#insert = db.prepare(
      'INSERT INTO log (time, kind, subject, details) VALUES (?, ?, ?, ?) RETURNING id',
    );
    // By the (kind, id) index: as many rows as asked, however long the log.
    this.#newestTimes = db
      .prepare<[string, number], string>(
        'SELECT time FROM log WHERE kind = ? ORDER BY id DESC LIMIT ?',
      )
      .pluck();
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
    const { where, params } = logFilter(query);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM log ${filter}`).get(...params) as { n: number }
    ).n;

    const pageWhere = [...where];
    const pageParams: (string | number)[] = [...params];
    if (query.before !== undefined) {
      pageWhere.push('id < ?');
      pageParams.push(query.before);
    }
    const rows = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS} FROM log
         ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT ?`,
      )
      .all(...pageParams, query.limit + 1) as LogRow[];

    const hasMore = rows.length > query.limit;
    const entries = rows.slice(0, query.limit).map(toEntry);
    return { entries, nextCursor: hasMore ? (entries.at(-1)?.id ?? null) : null, total };
  }

  /** Which of these entries the filter matches, by the rule a page uses; ascending ids. */
  matching(ids: readonly number[], filter: LogFilter): number[] {
    const { where, params } = logFilter(filter);
    return this.db
      .prepare(
        `SELECT id FROM log WHERE id IN (SELECT value FROM json_each(?))
         ${where.map((condition) => `AND ${condition}`).join(' ')} ORDER BY id`,
      )
      .pluck()
      .all(JSON.stringify(ids), ...params) as number[];
  }

  /** When the newest `limit` entries of exactly this kind were written, newest first. */
  newestTimes(kind: string, limit: number): string[] {
    return this.#newestTimes.all(kind, limit);
  }

  /**
   * The distinct kinds, sorted. A few dozen kinds over a log of millions: each step seeks the
   * next kind in the (kind, id) index instead of reading every entry.
   */
  kinds(): string[] {
    return this.db
      .prepare(
        `WITH RECURSIVE present (kind) AS (
           SELECT MIN(kind) FROM log
           UNION ALL
           SELECT (SELECT MIN(kind) FROM log WHERE kind > present.kind) FROM present
           WHERE present.kind IS NOT NULL
         )
         SELECT kind FROM present WHERE kind IS NOT NULL`,
      )
      .pluck()
      .all() as string[];
  }

  /** Every entry matching the kinds, oldest first, read row by row (the log can be large). */
  *iterate(filter: LogFilter = {}): Generator<LogEntry> {
    const { where, params } = logFilter(filter);
    const rows = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS} FROM log
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
      )
      .iterate(...params) as IterableIterator<LogRow>;
    for (const row of rows) yield toEntry(row);
  }
}

function logFilter({ kinds, search }: LogFilter): { where: string[]; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (kinds && kinds.length > 0) {
    where.push(`(${kinds.map(() => "(kind = ? OR kind LIKE ? || '.%')").join(' OR ')})`);
    params.push(...kinds.flatMap((kind) => [kind, kind]));
  }
  const term = search?.trim();
  if (term) {
    // The details' words with the last as a prefix, as the renderer mirrors for live entries.
    // Entries name a Lead by its Id only: its name and email are looked up in the cache, as
    // whole words (a prefix there would gather far more Leads than a log search is about).
    const { exact, typing } = wordsQueries(term);
    where.push(
      `(subject = ? OR id IN (SELECT rowid FROM log_search WHERE log_search MATCH ?)
        OR subject IN (${LEADS_MATCHING_WORDS}))`,
    );
    params.push(term, typing, exact);
  }
  return { where, params };
}

function toEntry({ lead_name: leadName, ...row }: LogRow): LogEntry {
  return {
    ...row,
    details: JSON.parse(row.details) as Record<string, unknown>,
    ...(leadName === null ? {} : { leadName }),
  };
}
