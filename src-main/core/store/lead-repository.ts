import type { Database, Statement } from 'better-sqlite3';
import type { LeadChange, LeadSummary } from '../../../src-preload/contract';
import type { Clock } from '../ports';
import {
  conversionOf,
  diffLead,
  mergedInto,
  storedFields,
  type SalesforceRecord,
} from '../sync/lead-diff';
import { wordsQueries } from './search-words';
import type { JsonLeadPage } from './lead-json-page';

/**
 * Indexes on Leads the first import builds at its end rather than row by row. Only indexes
 * no statement names (INDEXED BY would fail while they are missing): the planner uses them
 * when they are there.
 */
const DEFERRED_INDEXES = ['leads_email', 'leads_live_recent'];
/** Where `deferIndexes` keeps the definitions of the indexes it dropped. */
const DEFERRED_INDEXES_KEY = 'deferred-lead-indexes';

interface LeadRow {
  id: string;
  system_modstamp: string;
  is_deleted: number;
  is_converted: number;
  name: string | null;
  email: string | null;
  company: string | null;
  status: string | null;
  fields: string;
}

interface ChangeRow {
  id: number;
  lead_id: string;
  kind: LeadChange['kind'];
  field: string;
  old_value: string | null;
  new_value: string | null;
  system_modstamp: string;
  detected_at: string;
}

export interface PageOutcome {
  /** Timing events recorded by this page (duplicates of earlier ones are not). */
  changes: LeadChange[];
  /** Leads written (new, changed or deleted); stale and repeated versions are skipped. */
  written: number;
  /**
   * The fields written for the Leads that have new timing events, as now cached: the channel
   * runner decides on them right after the commit without reading them back.
   */
  cachedFields?: ReadonlyMap<string, Record<string, unknown>>;
}

/**
 * The Lead cache and its timing events. `applyPage` runs inside the caller's transaction,
 * so a page, its events and the watermark commit together.
 */
export class LeadRepository {
  readonly #select: Statement<[string], LeadRow>;
  readonly #upsert: Statement<
    [
      string,
      string,
      number,
      number,
      string | null,
      string | null,
      string | null,
      string | null,
      string,
    ]
  >;
  /** A page's records as JSON text or JSONB. */
  readonly #importJson: Statement<[Buffer | string]>;
  readonly #insertChange: Statement<
    [string, string, string, string | null, string | null, string, string]
  >;
  readonly #unconvertedByEmail: Statement<[string], { id: string; email: string }>;
  readonly #liveCount: Statement<[]>;
  readonly #committed = new Set<(outcome: PageOutcome) => void>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.#select = db.prepare('SELECT * FROM leads WHERE id = ?');
    this.#upsert = db.prepare(`
      INSERT INTO leads
        (id, system_modstamp, is_deleted, is_converted, name, email, company, status, fields)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        system_modstamp = excluded.system_modstamp, is_deleted = excluded.is_deleted,
        is_converted = excluded.is_converted,
        name = excluded.name, email = excluded.email, company = excluded.company,
        status = excluded.status, fields = excluded.fields`);
    // What #write stores, from each record of a JSONB page: the text columns only when the
    // field is a string, the fields without Salesforce's `attributes` (json_remove renders
    // them as minified text: wrapping it in json() rendered every record twice). (`WHERE true`
    // tells SQLite the ON CONFLICT is the upsert's, not a join's.)
    const text = (field: string) =>
      `CASE json_type(value, '$.${field}') WHEN 'text' THEN value ->> '$.${field}' END`;
    this.#importJson = db.prepare(`
      INSERT INTO leads
        (id, system_modstamp, is_deleted, is_converted, name, email, company, status, fields)
      SELECT value ->> '$.Id', value ->> '$.SystemModstamp', 0,
        json_type(value, '$.IsConverted') IS 'true',
        ${text('Name')}, ${text('Email')}, ${text('Company')}, ${text('Status')},
        json_remove(value, '$.attributes')
      FROM jsonb_each(?, '$.records') WHERE true
      ON CONFLICT (id) DO UPDATE SET
        system_modstamp = excluded.system_modstamp, is_deleted = excluded.is_deleted,
        is_converted = excluded.is_converted,
        name = excluded.name, email = excluded.email, company = excluded.company,
        status = excluded.status, fields = excluded.fields`);
    this.#insertChange = db.prepare(`
      INSERT OR IGNORE INTO lead_changes
        (lead_id, kind, field, old_value, new_value, system_modstamp, detected_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`);
    this.#liveCount = db.prepare('SELECT live FROM lead_count').pluck();
    // Prepared once: the platform event applier asks it for every booking.
    this.#unconvertedByEmail = db.prepare(
      `SELECT id, email FROM leads
       WHERE lower(email) = ? AND is_deleted = 0 AND is_converted = 0
       ORDER BY system_modstamp DESC, id LIMIT 1`,
    );
  }

  /**
   * Writes a page of the initial import: no events, and no look-up of a cached version,
   * because the import commits its Id cursor with each page: a Lead after the cursor cannot
   * be in the cache yet. Returns the Leads written (with no events, nothing to announce).
   * The records go to SQLite as one JSON text, split and stored by one statement: half the
   * time of a statement run per record (stringifying each), and SQLite renders the text
   * JSON.stringify wrote as it was written.
   */
  importPage(records: readonly SalesforceRecord[]): number {
    this.#importJson.run(JSON.stringify({ records }));
    return records.length;
  }

  /**
   * `importPage` for a page SQLite holds (see `rendersAsParsed` for when the rows are the
   * same): none of its records built in JavaScript.
   */
  importJsonPage(page: JsonLeadPage): number {
    this.#importJson.run(page.jsonb);
    return page.size;
  }

  /**
   * Drops the indexes of DEFERRED_INDEXES until `buildDeferredIndexes`: the first import
   * writes every Lead, and each index would be updated row by row, in no order, for each of
   * them (migration 12's email index alone doubles the write). Their definitions are kept in
   * sync_state, in the caller's transaction, so a crashed import still builds them. A Lead
   * looked up by email meanwhile is found by a scan.
   */
  deferIndexes(): void {
    const indexes = this.db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'
           AND name IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(DEFERRED_INDEXES)) as { name: string; sql: string }[];
    this.#setDeferredIndexes([...this.#deferredIndexes(), ...indexes.map((index) => index.sql)]);
    for (const { name } of indexes) this.db.exec(`DROP INDEX "${name}"`);
  }

  /** Builds the indexes `deferIndexes` dropped (in one sorted pass each). */
  buildDeferredIndexes(): void {
    for (const sql of this.#deferredIndexes()) this.db.exec(sql);
    this.db.prepare('DELETE FROM sync_state WHERE key = ?').run(DEFERRED_INDEXES_KEY);
  }

  #deferredIndexes(): string[] {
    const row = this.db
      .prepare('SELECT value FROM sync_state WHERE key = ?')
      .get(DEFERRED_INDEXES_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string[]) : [];
  }

  #setDeferredIndexes(sql: string[]): void {
    this.db
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(DEFERRED_INDEXES_KEY, JSON.stringify(sql));
  }

  /**
   * Writes a page of an incremental sync: a new Lead is a `created` event, a changed field a
   * `changed` event each, and `IsDeleted` a `deleted` event, or `merged` when Salesforce names
   * the surviving Lead in MasterRecordId. A conversion is one `converted` event (with the
   * Contact, Account and Opportunity Ids) instead of its six field changes. An older version is skipped, and so is the very version
   * already cached, which de-duplicates the overlap window. SystemModstamp has whole seconds:
   * a save in the same second as the cached version carries the same stamp, so an equal stamp
   * is told apart by content, not taken for a repeat. `unreported` fields (formula fields)
   * are stored fresh but never become `changed` events.
   */
  applyPage(
    records: readonly SalesforceRecord[],
    unreported: ReadonlySet<string> = new Set(),
  ): PageOutcome {
    const detectedAt = new Date(this.clock.now()).toISOString();
    const changes: LeadChange[] = [];
    let written = 0;
    const cachedFields = new Map<string, Record<string, unknown>>();
    for (const record of records) {
      const cached = this.#select.get(record.Id);
      if (cached && record.SystemModstamp < cached.system_modstamp) continue;
      const fields = storedFields(record);
      const deleted = record.IsDeleted === true;
      if (deleted && (!cached || cached.is_deleted)) continue;
      const json = JSON.stringify(fields);
      // The very version cached: the fields hold SystemModstamp and IsDeleted too, so equal
      // JSON is an equal stamp and deletion.
      if (cached && json === cached.fields) continue;
      this.#write(record.Id, record.SystemModstamp, deleted, fields, json);
      cachedFields.set(record.Id, fields);
      written += 1;
      const recordEvent = (
        kind: LeadChange['kind'],
        field = '',
        oldValue?: unknown,
        newValue?: unknown,
      ) => {
        const inserted = this.#insertChange.get(
          record.Id,
          kind,
          field,
          oldValue === undefined ? null : JSON.stringify(oldValue),
          newValue === undefined ? null : JSON.stringify(newValue),
          record.SystemModstamp,
          detectedAt,
        ) as { id: number } | undefined;
        if (inserted) {
          changes.push({
            id: inserted.id,
            leadId: record.Id,
            kind,
            field: field || null,
            oldValue: oldValue ?? null,
            newValue: newValue ?? null,
            systemModstamp: record.SystemModstamp,
            detectedAt,
          });
        }
      };
      const master = mergedInto(record);
      if (master !== null) recordEvent('merged', 'MasterRecordId', undefined, master);
      else if (deleted) recordEvent('deleted');
      else if (!cached) recordEvent('created');
      else {
        const previous = JSON.parse(cached.fields) as Record<string, unknown>;
        const conversion = conversionOf(fields);
        if (conversion && !conversionOf(previous))
          recordEvent('converted', '', undefined, conversion);
        for (const change of diffLead(previous, fields, unreported)) {
          recordEvent('changed', change.field, change.oldValue, change.newValue);
        }
      }
    }
    return { changes, written, cachedFields };
  }

  /** The cached version of one Lead: its SystemModstamp and fields. */
  storedVersion(
    id: string,
  ): { systemModstamp: string; fields: Record<string, unknown> } | undefined {
    const row = this.#select.get(id);
    if (!row) return undefined;
    return {
      systemModstamp: row.system_modstamp,
      fields: JSON.parse(row.fields) as Record<string, unknown>,
    };
  }

  /** The caller's transaction holding `outcome` committed: its listeners hear of it. */
  committed(outcome: PageOutcome): void {
    if (outcome.changes.length > 0) for (const listener of this.#committed) listener(outcome);
  }

  /** After a page with timing events committed (the channel runner decides on them then). */
  onCommitted(listener: (outcome: PageOutcome) => void): () => void {
    this.#committed.add(listener);
    return () => this.#committed.delete(listener);
  }

  /** A live cached Lead's fields (an Update channel's filter and the basis of its writes). */
  cachedFields(id: string): Record<string, unknown> | undefined {
    const row = this.#select.get(id);
    return row && row.is_deleted === 0
      ? (JSON.parse(row.fields) as Record<string, unknown>)
      : undefined;
  }

  /**
   * The live, unconverted cached Lead with this email (case-insensitive) that changed last:
   * the one a booking by that guest starts an instance for.
   */
  unconvertedByEmail(email: string): { id: string; email: string } | undefined {
    return this.#unconvertedByEmail.get(email.trim().toLowerCase());
  }

  /** Every live cached Lead with its fields, read row by row (for a channel's preview). */
  *iterateLive(): Generator<{
    summary: { leadId: string; name: string | null; email: string | null };
    fields: Record<string, unknown>;
  }> {
    const rows = this.db
      .prepare('SELECT id, name, email, fields FROM leads WHERE is_deleted = 0')
      .iterate() as IterableIterator<Pick<LeadRow, 'id' | 'name' | 'email' | 'fields'>>;
    for (const row of rows) {
      yield {
        summary: { leadId: row.id, name: row.name, email: row.email },
        fields: JSON.parse(row.fields) as Record<string, unknown>,
      };
    }
  }

  #write(
    id: string,
    stamp: string,
    deleted: boolean,
    fields: Record<string, unknown>,
    json: string,
  ): void {
    const text = (name: string) =>
      typeof fields[name] === 'string' ? (fields[name] as string) : null;
    this.#upsert.run(
      id,
      stamp,
      deleted ? 1 : 0,
      fields.IsConverted === true ? 1 : 0,
      text('Name'),
      text('Email'),
      text('Company'),
      text('Status'),
      json,
    );
  }

  /**
   * Live Leads whose Id is `query`, or whose name, email or company holds its words in order,
   * newest change first: as whole words when any Lead has them so, else with the last word as
   * a prefix ("mary.sm" finds mary.smith@acme.com). Words match from their start: "mith" does
   * not find Smith.
   */
  search(query: string, limit: number, offset: number): { leads: LeadSummary[]; total: number } {
    const term = query.trim();
    if (!term) {
      const rows = this.db
        .prepare(
          'SELECT * FROM leads WHERE is_deleted = 0 ORDER BY system_modstamp DESC, id LIMIT ? OFFSET ?',
        )
        .all(limit, offset) as LeadRow[];
      return { leads: rows.map(toSummary), total: this.count() };
    }
    const matches = `SELECT rowid FROM leads_search WHERE leads_search MATCH @words
      UNION SELECT rowid FROM leads WHERE id = @exact AND is_deleted = 0`;
    const countMatches = this.db.prepare(`SELECT COUNT(*) FROM (${matches})`).pluck();
    const { exact, typing } = wordsQueries(term);
    let params = { exact: term, words: exact };
    let total = countMatches.get(params) as number;
    if (total === 0) {
      params = { exact: term, words: typing };
      total = countMatches.get(params) as number;
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM leads WHERE rowid IN (${matches})
         ORDER BY system_modstamp DESC, id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as LeadRow[];
    return { leads: rows.map(toSummary), total };
  }

  /** One Lead's cached fields and every timing event recorded for it, oldest first. */
  timeline(
    leadId: string,
  ):
    { lead: LeadSummary & { fields: Record<string, unknown> }; changes: LeadChange[] } | undefined {
    const row = this.#select.get(leadId);
    if (!row) return undefined;
    const changes = (
      this.db
        .prepare('SELECT * FROM lead_changes WHERE lead_id = ? ORDER BY id')
        .all(leadId) as ChangeRow[]
    ).map(toChange);
    return {
      lead: { ...toSummary(row), fields: JSON.parse(row.fields) as Record<string, unknown> },
      changes,
    };
  }

  /** Timing events per hour since `since` (ISO), for the changes chart. */
  changesPerHour(since: string): { hour: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT substr(detected_at, 1, 13) || ':00:00.000Z' AS hour, COUNT(*) AS count
         FROM lead_changes WHERE detected_at >= ? GROUP BY hour ORDER BY hour`,
      )
      .all(since) as { hour: string; count: number }[];
  }

  /** Live leads, as kept by the database's triggers: asked for on every status update. */
  count(): number {
    return this.#liveCount.get() as number;
  }

  /** SystemModstamp and deletion of the cached Leads among `ids` (for reconciliation). */
  cachedStamps(ids: readonly string[]): Map<string, { stamp: string; deleted: boolean }> {
    const rows = this.db
      .prepare(
        'SELECT id, system_modstamp, is_deleted FROM leads WHERE id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(ids)) as Pick<LeadRow, 'id' | 'system_modstamp' | 'is_deleted'>[];
    return new Map(
      rows.map((row) => [row.id, { stamp: row.system_modstamp, deleted: row.is_deleted === 1 }]),
    );
  }

  /**
   * Drops Leads the org no longer shows at all (purged, or no longer shared with this user),
   * with their names for the log. Runs in the caller's transaction; pass the outcome to
   * `committed`. Their timing events stay: they are the record of what happened.
   */
  remove(ids: readonly string[]): PageOutcome & { removed: { id: string; name: string | null }[] } {
    const json = JSON.stringify(ids);
    const rows = this.db
      .prepare('SELECT id, name FROM leads WHERE id IN (SELECT value FROM json_each(?))')
      .all(json) as Pick<LeadRow, 'id' | 'name'>[];
    this.db.prepare('DELETE FROM leads WHERE id IN (SELECT value FROM json_each(?))').run(json);
    return {
      changes: [],
      written: rows.length,
      removed: rows.map((row) => ({ id: row.id, name: row.name })),
    };
  }

  /**
   * Forgets deleted Leads stamped before `stamp`: Salesforce purges its Recycle Bin after 15
   * days, so no sync will ever hear of them again.
   */
  forgetDeletedBefore(stamp: string): number {
    return this.db
      .prepare('DELETE FROM leads WHERE is_deleted = 1 AND system_modstamp < ?')
      .run(stamp).changes;
  }

  /** For Disconnect → "Delete cached leads". The activity log stays: it is the record of what happened. */
  clear(): void {
    // Contact's describe (booking posting) belongs to the org as Lead's does. A count of -1
    // tells the triggers the word index is dropped whole, not Lead by Lead (migration 15).
    this.db.exec(`
      DELETE FROM lead_changes;
      UPDATE lead_count SET live = -1;
      DELETE FROM leads;
      INSERT INTO leads_search (leads_search) VALUES ('delete-all');
      UPDATE lead_count SET live = 0;
      DELETE FROM object_describes;`);
    // An import cleared before it completed: its deferred indexes are built now (on no rows),
    // or nothing would remember them.
    this.buildDeferredIndexes();
    this.db.exec('DELETE FROM sync_state');
  }
}

function toSummary(row: LeadRow): LeadSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    status: row.status,
    systemModstamp: row.system_modstamp,
    isDeleted: row.is_deleted === 1,
    isConverted: row.is_converted === 1,
  };
}

function toChange(row: ChangeRow): LeadChange {
  return {
    id: row.id,
    leadId: row.lead_id,
    kind: row.kind,
    field: row.field || null,
    oldValue: row.old_value === null ? null : (JSON.parse(row.old_value) as unknown),
    newValue: row.new_value === null ? null : (JSON.parse(row.new_value) as unknown),
    systemModstamp: row.system_modstamp,
    detectedAt: row.detected_at,
  };
}
