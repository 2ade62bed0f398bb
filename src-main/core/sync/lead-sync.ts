import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { LeadChange, LogEntry, SyncProgress } from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import {
  calculatedLeadFields,
  fetchLeadDescribe,
  fieldDrift,
  syncedLeadFields,
  type CachedDescribe,
  type LeadDescribe,
} from '../salesforce/lead-describe';
import type { SalesforceConnection } from '../salesforce/salesforce-connection';
import { spaceCheckpoints } from '../store/database';
import { JsonLeadPageReader, rendersAsParsed, type JsonLeadPage } from '../store/lead-json-page';
import type { LeadRepository, PageOutcome } from '../store/lead-repository';
import type { LogRepository } from '../store/log-repository';
import type { SyncStateRepository } from '../store/sync-state-repository';
import type { BulkLeadImport, ImportProgress } from './bulk-lead-import';
import { completeLeads, settledRepeats } from './lead-chunk-join';
import type { SalesforceRecord } from './lead-diff';
import {
  checkedQueryUri,
  idInClauses,
  selectFrom,
  splitLeadSelects,
  tooLongQueryError,
  type LeadSelects,
  type QueryEndpoint,
} from './lead-query-plan';
import { ModstampWindows, soqlDateTime } from './modstamp-windows';
import { pageHead } from './query-page-head';
import { requestLeaves } from './request-leaves';

const queryPageSchema = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  // Checked one by one in leadRecords: a schema per record would copy every Lead.
  records: z.array(z.unknown()),
});
type QueryPage = z.infer<typeof queryPageSchema>;

interface ImportState extends ImportProgress {
  /** The org's newest SystemModstamp when the import began: where incremental sync starts. */
  startWatermark: string | null;
  /** The last Lead Id committed, so a crash resumes after it. */
  cursor: string | null;
  estimatedTotal: number | null;
  pages: number;
  records: number;
}

export interface SyncRunReport {
  phase: 'import' | 'incremental';
  records: number;
  changes: number;
  apiCalls: number;
}

/** How the sync reads Leads under the current describe. */
interface LeadQueries {
  /** SELECT lists that each fit a query URI; the first leads, the others complete its pages. */
  selects: LeadSelects;
  /** Formula fields: stored fresh, never reported as timing events. */
  unreported: ReadonlySet<string>;
}

export interface LeadSyncDependencies {
  db: Database;
  salesforce: SalesforceConnection;
  leads: LeadRepository;
  state: SyncStateRepository;
  log: LogRepository;
  clock: Clock;
  /** How far before the watermark each incremental sync looks again (late commits). */
  overlapMs: number;
  /** How long a describe is trusted before it is checked again with If-Modified-Since. */
  describeMaxAgeMs: number;
  /** After a new describe is cached (channels are checked against it). */
  onDescribeChanged?: () => void;
  /** Large orgs' initial import as a Bulk API 2.0 query job (below its threshold: REST). */
  bulkImport: BulkLeadImport;
}

const DESCRIBE_KEY = 'describe';
const IMPORT_KEY = 'import';
const WATERMARK_KEY = 'watermark';
/** When the last complete incremental run began (this machine's clock), for settledRepeats. */
const READ_AT_KEY = 'incremental-read-at';

/**
 * One sync of Leads: the initial import until it is complete (resumable by Id), then
 * incremental syncs on SystemModstamp with an overlap. Every page commits together with
 * its timing events, its log entries and the new cursor or watermark, so a crash at any
 * point loses nothing and repeats nothing.
 */
export class LeadSync {
  /** Log entries written inside a page's transaction, shown once it has committed. */
  readonly #announceLater: LogEntry[] = [];
  readonly #pageReader: JsonLeadPageReader;

  constructor(private readonly deps: LeadSyncDependencies) {
    this.#pageReader = new JsonLeadPageReader(deps.db);
  }

  /** Lead's describe as last fetched, or undefined before the first sync. */
  cachedDescribe(): CachedDescribe | undefined {
    return this.deps.state.get<CachedDescribe>(DESCRIBE_KEY);
  }

  hasImported(): boolean {
    return this.deps.state.get<string>(WATERMARK_KEY) !== undefined;
  }

  async run(onProgress: (progress: SyncProgress) => void): Promise<SyncRunReport> {
    // Entries of a transaction that rolled back (the run failed) never happened: they must
    // not be announced along with the next run's.
    this.#announceLater.length = 0;
    const callsBefore = this.deps.salesforce.callCount();
    const run = async (queries: LeadQueries) =>
      this.hasImported()
        ? this.#incremental(queries, onProgress)
        : this.#import(queries, onProgress);
    let report: Omit<SyncRunReport, 'apiCalls'>;
    try {
      report = await run(await this.#queries(false));
    } catch (error) {
      // A field renamed or removed in Salesforce: learn the new schema, say so, go on.
      if (!(error instanceof AppError) || error.code !== 'INVALID_FIELD') throw error;
      report = await run(await this.#queries(true));
    }
    return { ...report, apiCalls: this.deps.salesforce.callCount() - callsBefore };
  }

  async #import(
    { selects }: LeadQueries,
    onProgress: (progress: SyncProgress) => void,
  ): Promise<Omit<SyncRunReport, 'apiCalls'>> {
    const { state, db, leads } = this.deps;
    let progress = state.get<ImportState>(IMPORT_KEY);
    if (!progress) {
      const newest = await this.#page(
        'queryAll',
        'SELECT SystemModstamp FROM Lead ORDER BY SystemModstamp DESC LIMIT 1',
      );
      const count = await this.#page('query', 'SELECT COUNT() FROM Lead');
      progress = {
        startWatermark: newestStamp(newest),
        cursor: null,
        estimatedTotal: count.totalSize,
        pages: 0,
        records: 0,
      };
      const started = progress;
      db.transaction(() => {
        state.set(IMPORT_KEY, started);
        leads.deferIndexes();
      }).immediate();
      this.deps.log.append('sync.import-started', null, { estimatedTotal: count.totalSize });
    }
    const report = (p: ImportState) =>
      onProgress({
        phase: 'import',
        pages: p.pages,
        records: p.records,
        estimatedTotal: p.estimatedTotal,
      });
    report(progress);
    const restoreCheckpoints = spaceCheckpoints(db);
    try {
      const bulk = this.deps.bulkImport;
      if (bulk.takes(progress)) {
        const save = (next: ImportState) => state.set(IMPORT_KEY, next);
        const done = await bulk.run(
          progress,
          selects,
          this.cachedDescribe()!.describe,
          save,
          report,
        );
        return this.#finishImport(done.progress, done.written);
      }
      return await this.#restImport(progress, selects, report);
    } finally {
      restoreCheckpoints();
    }
  }

  /** The import by REST query pages, from the cursor on. */
  async #restImport(
    started: ImportState,
    selects: LeadSelects,
    report: (progress: ImportState) => void,
  ): Promise<Omit<SyncRunReport, 'apiCalls'>> {
    const { state, db } = this.deps;
    let progress = started;
    const where = progress.cursor ? ` WHERE Id > '${progress.cursor}'` : '';
    let text = await this.#fetchText(
      checkedQueryUri('query', `${selectFrom(selects[0])}${where} ORDER BY Id ASC`),
    );
    let written = 0;
    for (;;) {
      // The next page is asked for before this one is read when its head tells where it
      // is, so that Salesforce serves it while SQLite parses and writes this one.
      const ahead = this.#prefetch(pageHead(text), (url) => this.#fetchText(url));
      if (ahead) await requestLeaves();
      const page = this.#importPage(text, selects.length === 1);
      const following = ahead ?? this.#prefetch(page, (url) => this.#fetchText(url));
      if (following && !ahead) await requestLeaves();
      const current: ImportState = progress;
      const write = await this.#importWrite(page, selects, current.cursor);
      progress = db
        .transaction((): ImportState => {
          const stored = write();
          written += stored;
          const next: ImportState = {
            ...current,
            cursor: page.lastId ?? current.cursor,
            pages: current.pages + 1,
            records: current.records + stored,
          };
          state.set(IMPORT_KEY, next);
          return next;
        })
        .immediate();
      // No `leads.committed`: an import page records no timing events to announce.
      report(progress);
      if (!following) break;
      text = await following;
    }
    return this.#finishImport(progress, written);
  }

  /**
   * The import's last step: the indexes it deferred are built, and incremental sync starts
   * from the watermark taken when it began.
   */
  #finishImport(finished: ImportState, written: number): Omit<SyncRunReport, 'apiCalls'> {
    const { state, db, leads } = this.deps;
    db.transaction(() => {
      leads.buildDeferredIndexes();
      state.set(WATERMARK_KEY, finished.startWatermark ?? EPOCH);
      state.delete(IMPORT_KEY);
      this.#announceLater.push(
        this.deps.log.insert('sync.import-completed', null, {
          records: finished.records,
          pages: finished.pages,
        }),
      );
    }).immediate();
    this.#flushAnnouncements();
    return { phase: 'import', records: written, changes: 0 };
  }

  /**
   * A page of the import as read: handed to SQLite whole when its Leads are complete (one
   * SELECT list) and SQLite stores them as JavaScript would, else parsed into records.
   */
  #importPage(text: string, complete: boolean): ImportPage {
    if (complete && rendersAsParsed(text)) {
      const page = this.#pageReader.read(text);
      if (!page) throw unreadablePage();
      return { ...page, json: page };
    }
    const page = parsedPage(text);
    const records = leadRecords(page);
    return {
      totalSize: page.totalSize,
      done: page.done,
      nextRecordsUrl: page.nextRecordsUrl,
      size: records.length,
      lastId: records.at(-1)?.Id,
      records,
    };
  }

  /**
   * How the page is written once its Leads are complete (the other chunks' fields fetched):
   * the write returns the Leads it stored.
   */
  async #importWrite(
    page: ImportPage,
    selects: LeadSelects,
    cursor: string | null,
  ): Promise<() => number> {
    const { leads } = this.deps;
    if (page.json) {
      const json = page.json;
      return () => leads.importJsonPage(json);
    }
    const records = await this.#complete(
      page.records,
      selects,
      idSpan(cursor, page.records),
      'query',
    );
    return () => leads.importPage(records);
  }

  async #incremental(
    { selects, unreported }: LeadQueries,
    onProgress: (progress: SyncProgress) => void,
  ): Promise<Omit<SyncRunReport, 'apiCalls'>> {
    const { state, db, leads } = this.deps;
    const watermark = state.get<string>(WATERMARK_KEY) ?? EPOCH;
    const startedAt = new Date(this.deps.clock.now()).toISOString();
    const readAt = state.get<string>(READ_AT_KEY);
    const windows = new ModstampWindows(
      Date.parse(watermark) - this.deps.overlapMs,
      this.deps.clock.now(),
    );
    let page = await this.#changedSince(windows, selects[0]);
    let pages = 0;
    let records = 0;
    let changes = 0;
    for (;;) {
      const listed = leadRecords(page);
      const following = this.#prefetch(page, (url) => this.#fetch(url));
      const settled = settledRepeats(
        listed,
        selects,
        (id) => leads.storedVersion(id),
        readAt === undefined ? undefined : Date.parse(readAt),
        this.deps.overlapMs,
      );
      const fresh = listed.filter((lead) => !settled.has(lead.Id));
      const batch = await this.#complete(fresh, selects, stampSpan(fresh), 'queryAll');
      const outcome = db
        .transaction(() => {
          const outcome = this.#applyAndLog(batch, unreported);
          // From the leading query alone: a Lead read again for its chunks may carry a newer
          // stamp than Leads this run's cursor has not served yet.
          const newest = listed.reduce(
            (max, record) => (record.SystemModstamp > max ? record.SystemModstamp : max),
            state.get<string>(WATERMARK_KEY) ?? EPOCH,
          );
          state.set(WATERMARK_KEY, newest);
          records += outcome.written;
          changes += outcome.changes.length;
          return outcome;
        })
        .immediate();
      leads.committed(outcome);
      this.#flushAnnouncements();
      pages += 1;
      onProgress({ phase: 'incremental', pages, records, estimatedTotal: page.totalSize });
      if (following) page = await following;
      else if (windows.advance()) page = await this.#changedSince(windows, selects[0]);
      else break;
    }
    state.set(READ_AT_KEY, startedAt);
    return { phase: 'incremental', records, changes };
  }

  /**
   * Fetches these Leads by Id and applies them as an incremental page would (timing events
   * and log entries), without moving the watermark: they are out-of-order repairs found by
   * reconciliation. `queryAll` also finds Leads in the Recycle Bin. Returns the Ids fetched.
   */
  async fetchByIds(ids: readonly string[], endpoint: QueryEndpoint): Promise<Set<string>> {
    const { selects, unreported } = await this.#queries(false);
    const found = new Set<string>();
    for (const where of idInClauses(endpoint, selects, ids)) {
      let page: QueryPage | undefined = await this.#page(endpoint, selectFrom(selects[0]) + where);
      while (page) {
        const following: Promise<QueryPage> | undefined = this.#prefetch(page, (url) =>
          this.#fetch(url),
        );
        const batch = await this.#complete(leadRecords(page), selects, where, endpoint);
        for (const record of batch) found.add(record.Id);
        const outcome = this.deps.db
          .transaction(() => this.#applyAndLog(batch, unreported))
          .immediate();
        this.deps.leads.committed(outcome);
        this.#flushAnnouncements();
        page = await following;
      }
    }
    return found;
  }

  /** Inside the caller's transaction: the page into the cache, its events into the log. */
  #applyAndLog(batch: readonly SalesforceRecord[], unreported: ReadonlySet<string>): PageOutcome {
    const names = new Map(batch.map((record) => [record.Id, record.Name]));
    const outcome = this.deps.leads.applyPage(batch, unreported);
    for (const change of outcome.changes)
      this.#announceLater.push(this.#logChange(change, names.get(change.leadId)));
    return outcome;
  }

  /**
   * The first page of leads changed in the current SystemModstamp window. A query Salesforce
   * stops as too long (QUERY_TIMEOUT) is asked again over a narrower window, not unchanged.
   */
  async #changedSince(windows: ModstampWindows, fields: readonly string[]): Promise<QueryPage> {
    for (;;) {
      try {
        return await this.#page(
          'queryAll',
          `${selectFrom(fields)} WHERE ${windows.condition()} ORDER BY SystemModstamp ASC, Id ASC`,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'QUERY_TIMEOUT' || !windows.narrow())
          throw error;
        this.deps.log.append('sync.query-narrowed', null, {
          windowSeconds: windows.widthSeconds(),
        });
      }
    }
  }

  #flushAnnouncements(): void {
    const entries = this.#announceLater.splice(0);
    this.deps.log.announce(entries);
  }

  #logChange(change: LeadChange, leadName: unknown): LogEntry {
    const name = typeof leadName === 'string' ? leadName : null;
    const details: Record<string, unknown> = { name, systemModstamp: change.systemModstamp };
    if (change.kind === 'changed') {
      details.field = change.field;
      details.from = clip(change.oldValue);
      details.to = clip(change.newValue);
    }
    if (change.kind === 'merged') details.masterRecordId = change.newValue;
    if (change.kind === 'converted') Object.assign(details, change.newValue);
    return this.deps.log.insert(`lead.${change.kind}`, change.leadId, details);
  }

  /** How to read Leads, from the cached describe; refreshed when old or when forced. */
  async #queries(force: boolean): Promise<LeadQueries> {
    const { state, clock, salesforce } = this.deps;
    const cached = state.get<CachedDescribe>(DESCRIBE_KEY);
    const now = clock.now();
    const stale = !cached || now - Date.parse(cached.fetchedAt) > this.deps.describeMaxAgeMs;
    if (cached && !stale && !force) return leadQueries(cached.describe);
    const fetched = await fetchLeadDescribe(
      salesforce,
      force ? undefined : cached,
      new Date(now).toISOString(),
    );
    if (!fetched) {
      state.set(DESCRIBE_KEY, { ...cached!, fetchedAt: new Date(now).toISOString() });
      return leadQueries(cached!.describe);
    }
    if (cached) this.#reportDrift(cached, fetched);
    state.set(DESCRIBE_KEY, fetched);
    this.deps.onDescribeChanged?.();
    return leadQueries(fetched.describe);
  }

  /** A page of the leading query completed with the other chunks' fields (one chunk: as is). */
  #complete(
    listed: SalesforceRecord[],
    selects: LeadSelects,
    span: string,
    endpoint: QueryEndpoint,
  ): Promise<SalesforceRecord[]> {
    return completeLeads(listed, selects, span, endpoint, async (chunkEndpoint, soql) => {
      let page = await this.#page(chunkEndpoint, soql);
      const rows = [...leadRecords(page)];
      while (!page.done && page.nextRecordsUrl) {
        page = await this.#fetch(page.nextRecordsUrl);
        rows.push(...leadRecords(page));
      }
      return rows;
    });
  }

  #reportDrift(before: CachedDescribe, after: CachedDescribe): void {
    const drift = fieldDrift(before.describe, after.describe);
    for (const rename of drift.renamed) {
      this.deps.log.append('schema.field-renamed', 'Lead', {
        ...rename,
        advice: `Salesforce renamed the Lead field ${rename.from} to ${rename.to}. Update mappings and channel rules that use ${rename.from}.`,
      });
    }
    for (const removed of drift.removed) {
      this.deps.log.append('schema.field-removed', 'Lead', {
        ...removed,
        advice: `Salesforce no longer has the Lead field ${removed.name}. Mappings and channel rules that use it will not match.`,
      });
    }
  }

  #page(endpoint: QueryEndpoint, soql: string): Promise<QueryPage> {
    return this.#fetch(checkedQueryUri(endpoint, soql));
  }

  /**
   * Asks for the next page before this one is written, so the network and SQLite work at the
   * same time. Nothing depends on it until the page is committed: if the write fails, the
   * prefetched page is dropped (its failure too) and the run resumes from what committed.
   */
  #prefetch<T>(
    page: Pick<QueryPage, 'done' | 'nextRecordsUrl'>,
    fetch: (url: string) => Promise<T>,
  ): Promise<T> | undefined {
    if (page.done || !page.nextRecordsUrl) return undefined;
    const next = fetch(page.nextRecordsUrl);
    next.catch(() => undefined);
    return next;
  }

  async #fetch(url: string): Promise<QueryPage> {
    return parsedPage(await this.#fetchText(url));
  }

  #fetchText(url: string): Promise<string> {
    return this.deps.salesforce.requestText(url).catch((error: unknown) => {
      // Salesforce's front server answers an oversized request in HTML, which says nothing.
      const code = error instanceof AppError ? error.code : '';
      throw tooLongQueryError(code, error) ?? error;
    });
  }
}

/** A page of the import, held by SQLite (`json`) or parsed into its records. */
type ImportPage = Pick<QueryPage, 'totalSize' | 'done' | 'nextRecordsUrl'> & {
  size: number;
  lastId: string | undefined;
} & ({ json: JsonLeadPage; records?: never } | { json?: never; records: SalesforceRecord[] });

function parsedPage(text: string): QueryPage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw unreadablePage();
  }
  const parsed = queryPageSchema.safeParse(body);
  if (!parsed.success) throw unreadablePage();
  return parsed.data;
}

const EPOCH = '1970-01-01T00:00:00.000+0000';

function leadQueries(describe: LeadDescribe): LeadQueries {
  return {
    selects: splitLeadSelects(syncedLeadFields(describe)),
    unreported: calculatedLeadFields(describe),
  };
}

function newestStamp(page: QueryPage): string | null {
  const stamp = (page.records[0] as { SystemModstamp?: unknown } | undefined)?.SystemModstamp;
  return typeof stamp === 'string' ? stamp : null;
}

/** Lead rows must carry what the cache keys on; anything else is a page we cannot use. */
function leadRecords(page: QueryPage): SalesforceRecord[] {
  for (const record of page.records) {
    // A JSON row that is no object (a number, a text, an array) has no Id either.
    const row = record as Partial<Record<'Id' | 'SystemModstamp', unknown>> | null;
    if (typeof row?.Id !== 'string' || typeof row.SystemModstamp !== 'string')
      throw unreadablePage();
  }
  return page.records as SalesforceRecord[];
}

function unreadablePage(): AppError {
  return new AppError(
    'SALESFORCE_BAD_RESPONSE',
    'Salesforce sent a page of Leads Leadbridge could not read. The sync will try again.',
  );
}

/** The Ids a page of the import covers (after the cursor, up to its last), as a WHERE clause. */
function idSpan(cursor: string | null, page: readonly SalesforceRecord[]): string {
  const last = page.at(-1);
  if (!last) return '';
  return cursor ? ` WHERE Id > '${cursor}' AND Id <= '${last.Id}'` : ` WHERE Id <= '${last.Id}'`;
}

/**
 * Exactly the Leads a page of the incremental query covers, as a WHERE clause: the page is a run
 * of the (SystemModstamp, Id) order, so a mass update sharing one second is not read whole for
 * every page it spans.
 */
function stampSpan(page: readonly SalesforceRecord[]): string {
  const first = page[0];
  const last = page.at(-1);
  if (!first || !last) return '';
  const from = soqlDateTime(Date.parse(first.SystemModstamp));
  const to = soqlDateTime(Date.parse(last.SystemModstamp));
  if (from === to)
    return ` WHERE SystemModstamp = ${from} AND Id >= '${first.Id}' AND Id <= '${last.Id}'`;
  return (
    ` WHERE ((SystemModstamp = ${from} AND Id >= '${first.Id}')` +
    ` OR (SystemModstamp > ${from} AND SystemModstamp < ${to})` +
    ` OR (SystemModstamp = ${to} AND Id <= '${last.Id}'))`
  );
}

function clip(value: unknown): unknown {
  return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
