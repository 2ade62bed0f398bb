import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { LeadChange, LogEntry, SyncProgress } from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { SALESFORCE_API_VERSION } from '../salesforce/api-version';
import {
  fetchLeadDescribe,
  fieldDrift,
  syncedLeadFields,
  type CachedDescribe,
} from '../salesforce/lead-describe';
import { readQueryPage } from '../salesforce/query-page-reader';
import type { SalesforceConnection } from '../salesforce/salesforce-connection';
import type { LeadRepository, PageOutcome } from '../store/lead-repository';
import type { LogRepository } from '../store/log-repository';
import type { SyncStateRepository } from '../store/sync-state-repository';
import type { SalesforceRecord } from './lead-diff';

const queryPageSchema = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  // Checked one by one in leadRecords: a schema per record would copy every Lead.
  records: z.array(z.unknown()),
});
type QueryPage = z.infer<typeof queryPageSchema>;

interface ImportState {
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
}

const DESCRIBE_KEY = 'describe';
const IMPORT_KEY = 'import';
const WATERMARK_KEY = 'watermark';

/**
 * One sync of Leads: the initial import until it is complete (resumable by Id), then
 * incremental syncs on SystemModstamp with an overlap. Every page commits together with
 * its timing events, its log entries and the new cursor or watermark, so a crash at any
 * point loses nothing and repeats nothing.
 */
export class LeadSync {
  /** Log entries written inside a page's transaction, shown once it has committed. */
  readonly #announceLater: LogEntry[] = [];

  constructor(private readonly deps: LeadSyncDependencies) {}

  hasImported(): boolean {
    return this.deps.state.get<string>(WATERMARK_KEY) !== undefined;
  }

  async run(onProgress: (progress: SyncProgress) => void): Promise<SyncRunReport> {
    // Entries of a transaction that rolled back (the run failed) never happened: they must
    // not be announced along with the next run's.
    this.#announceLater.length = 0;
    const callsBefore = this.deps.salesforce.callCount();
    const fields = await this.#fields(false);
    const run = async (fieldList: string[]) =>
      this.hasImported()
        ? this.#incremental(fieldList, onProgress)
        : this.#import(fieldList, onProgress);
    let report: Omit<SyncRunReport, 'apiCalls'>;
    try {
      report = await run(fields);
    } catch (error) {
      // A field renamed or removed in Salesforce: learn the new schema, say so, go on.
      if (!(error instanceof AppError) || error.code !== 'INVALID_FIELD') throw error;
      report = await run(await this.#fields(true));
    }
    return { ...report, apiCalls: this.deps.salesforce.callCount() - callsBefore };
  }

  async #import(
    fields: string[],
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
      state.set(IMPORT_KEY, progress);
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

    const where = progress.cursor ? ` WHERE Id > '${progress.cursor}'` : '';
    let page = await this.#page(
      'query',
      `SELECT ${fields.join(', ')} FROM Lead${where} ORDER BY Id ASC`,
    );
    let written = 0;
    for (;;) {
      const records = leadRecords(page);
      const following = this.#prefetch(page);
      const current: ImportState = progress;
      let outcome: PageOutcome | undefined;
      progress = db
        .transaction((): ImportState => {
          outcome = leads.importPage(records);
          written += outcome.written;
          const next: ImportState = {
            ...current,
            cursor: records.at(-1)?.Id ?? current.cursor,
            pages: current.pages + 1,
            records: current.records + records.length,
          };
          state.set(IMPORT_KEY, next);
          return next;
        })
        .immediate();
      leads.committed(outcome!);
      report(progress);
      if (!following) break;
      page = await following;
    }
    const finished = progress;
    db.transaction(() => {
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

  async #incremental(
    fields: string[],
    onProgress: (progress: SyncProgress) => void,
  ): Promise<Omit<SyncRunReport, 'apiCalls'>> {
    const { state, db, leads } = this.deps;
    const watermark = state.get<string>(WATERMARK_KEY) ?? EPOCH;
    const since = soqlDateTime(Date.parse(watermark) - this.deps.overlapMs);
    let page = await this.#page(
      'queryAll',
      `SELECT ${fields.join(', ')} FROM Lead WHERE SystemModstamp > ${since} ORDER BY SystemModstamp ASC, Id ASC`,
    );
    let pages = 0;
    let records = 0;
    let changes = 0;
    for (;;) {
      const batch = leadRecords(page);
      const following = this.#prefetch(page);
      const names = new Map(batch.map((record) => [record.Id, record.Name]));
      const outcome = db
        .transaction(() => {
          const outcome = leads.applyPage(batch);
          for (const change of outcome.changes)
            this.#announceLater.push(this.#logChange(change, names.get(change.leadId)));
          const newest = batch.reduce(
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
      if (!following) break;
      page = await following;
    }
    return { phase: 'incremental', records, changes };
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
    return this.deps.log.insert(`lead.${change.kind}`, change.leadId, details);
  }

  /** The fields to sync, from the cached describe; refreshed when old or when forced. */
  async #fields(force: boolean): Promise<string[]> {
    const { state, clock, salesforce } = this.deps;
    const cached = state.get<CachedDescribe>(DESCRIBE_KEY);
    const now = clock.now();
    const stale = !cached || now - Date.parse(cached.fetchedAt) > this.deps.describeMaxAgeMs;
    if (cached && !stale && !force) return syncedLeadFields(cached.describe);
    const fetched = await fetchLeadDescribe(
      salesforce,
      force ? undefined : cached,
      new Date(now).toISOString(),
    );
    if (!fetched) {
      state.set(DESCRIBE_KEY, { ...cached!, fetchedAt: new Date(now).toISOString() });
      return syncedLeadFields(cached!.describe);
    }
    if (cached) this.#reportDrift(cached, fetched);
    state.set(DESCRIBE_KEY, fetched);
    return syncedLeadFields(fetched.describe);
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

  #page(endpoint: 'query' | 'queryAll', soql: string): Promise<QueryPage> {
    return this.#fetch(
      `/services/data/v${SALESFORCE_API_VERSION}/${endpoint}?q=${encodeURIComponent(soql)}`,
    );
  }

  /**
   * Asks for the next page before this one is written, so the network and SQLite work at the
   * same time. Nothing depends on it until the page is committed: if the write fails, the
   * prefetched page is dropped (its failure too) and the run resumes from what committed.
   */
  #prefetch(page: QueryPage): Promise<QueryPage> | undefined {
    if (page.done || !page.nextRecordsUrl) return undefined;
    const next = this.#fetch(page.nextRecordsUrl);
    next.catch(() => undefined);
    return next;
  }

  async #fetch(url: string): Promise<QueryPage> {
    const body = await this.deps.salesforce.call((connection) => readQueryPage(connection, url));
    const parsed = queryPageSchema.safeParse(body);
    if (!parsed.success) throw unreadablePage();
    return parsed.data;
  }
}

const EPOCH = '1970-01-01T00:00:00.000+0000';

function newestStamp(page: QueryPage): string | null {
  const stamp = (page.records[0] as { SystemModstamp?: unknown } | undefined)?.SystemModstamp;
  return typeof stamp === 'string' ? stamp : null;
}

/** Lead rows must carry what the cache keys on; anything else is a page we cannot use. */
function leadRecords(page: QueryPage): SalesforceRecord[] {
  for (const record of page.records) {
    const row = record as Partial<Record<'Id' | 'SystemModstamp', unknown>> | null;
    if (
      typeof row !== 'object' ||
      row === null ||
      Array.isArray(row) ||
      typeof row.Id !== 'string' ||
      typeof row.SystemModstamp !== 'string'
    )
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

/** SOQL datetime literal, whole seconds in UTC. */
function soqlDateTime(millis: number): string {
  return new Date(Math.max(0, millis)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function clip(value: unknown): unknown {
  return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
