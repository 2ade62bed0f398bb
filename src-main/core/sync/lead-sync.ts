import type { Database } from 'better-sqlite3';
import type { Connection } from 'jsforce';
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
import type { SalesforceConnection } from '../salesforce/salesforce-connection';
import type { LeadRepository } from '../store/lead-repository';
import type { LogRepository } from '../store/log-repository';
import type { SyncStateRepository } from '../store/sync-state-repository';
import type { SalesforceRecord } from './lead-diff';

const queryPageSchema = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
type QueryPage = z.infer<typeof queryPageSchema>;

/** Lead rows must carry what the cache keys on; anything else is a page we cannot use. */
const leadRecordsSchema = z.array(z.looseObject({ Id: z.string(), SystemModstamp: z.string() }));

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
        startWatermark: (newest.records[0]?.SystemModstamp as string | undefined) ?? null,
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
      const current: ImportState = progress;
      progress = db
        .transaction((): ImportState => {
          written += leads.applyPage(records, true).written;
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
      report(progress);
      if (page.done || !page.nextRecordsUrl) break;
      page = await this.#next(page.nextRecordsUrl);
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
      db.transaction(() => {
        const outcome = leads.applyPage(batch, false);
        for (const change of outcome.changes)
          this.#announceLater.push(this.#logChange(change, batch));
        const newest = batch.reduce(
          (max, record) => (record.SystemModstamp > max ? record.SystemModstamp : max),
          state.get<string>(WATERMARK_KEY) ?? EPOCH,
        );
        state.set(WATERMARK_KEY, newest);
        records += outcome.written;
        changes += outcome.changes.length;
      }).immediate();
      this.#flushAnnouncements();
      pages += 1;
      onProgress({ phase: 'incremental', pages, records, estimatedTotal: page.totalSize });
      if (page.done || !page.nextRecordsUrl) break;
      page = await this.#next(page.nextRecordsUrl);
    }
    return { phase: 'incremental', records, changes };
  }

  #flushAnnouncements(): void {
    const entries = this.#announceLater.splice(0);
    this.deps.log.announce(entries);
  }

  #logChange(change: LeadChange, batch: readonly SalesforceRecord[]): LogEntry {
    const record = batch.find((candidate) => candidate.Id === change.leadId);
    const name = typeof record?.Name === 'string' ? record.Name : null;
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

  #next(nextRecordsUrl: string): Promise<QueryPage> {
    return this.#fetch(nextRecordsUrl);
  }

  async #fetch(url: string): Promise<QueryPage> {
    const body = await this.deps.salesforce.call((connection) => fetchPage(connection, url));
    const parsed = queryPageSchema.safeParse(body);
    if (!parsed.success) throw unreadablePage();
    return parsed.data;
  }
}

const EPOCH = '1970-01-01T00:00:00.000+0000';

/** A page that takes longer than this is given up on (the run fails and is retried). */
const PAGE_TIMEOUT_MS = 120_000;
const PAGE_ATTEMPTS = 3;

/**
 * One query page over plain fetch. jsforce 3.10 pipes a response body without forwarding its
 * errors, so a connection dropped mid-body becomes an uncaught exception (fatal to a Node host)
 * and a call that never settles (the sync would hang for good). Bodies are therefore read
 * here; anything but a 200 is handed to jsforce, which owns retries, session refresh and
 * Salesforce's error codes.
 */
async function fetchPage(connection: Connection, url: string): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(new URL(url, connection.instanceUrl), {
        headers: {
          Authorization: `Bearer ${connection.accessToken ?? ''}`,
          Accept: 'application/json',
        },
        signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        return await connection.request<unknown>(url);
      }
      noteLimitInfo(connection, response.headers.get('sforce-limit-info'));
      const text = await response.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    } catch (error) {
      // Only transport failures get here (jsforce's own errors are thrown from its retry).
      if (!(error instanceof TypeError) || attempt >= PAGE_ATTEMPTS) throw droppedPage(error);
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** What jsforce records from every response, so API usage stays current. */
function noteLimitInfo(connection: Connection, header: string | null): void {
  const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  if (match) connection.limitInfo = { apiUsage: { used: Number(match[1]), limit: Number(match[2]) } };
}

function droppedPage(cause: unknown): unknown {
  if (!(cause instanceof TypeError) && !(cause instanceof DOMException)) return cause;
  return new AppError(
    'SALESFORCE_UNREACHABLE',
    'The connection to Salesforce dropped while a page of Leads arrived. The sync will try again.',
    { cause },
  );
}

function leadRecords(page: QueryPage): SalesforceRecord[] {
  const parsed = leadRecordsSchema.safeParse(page.records);
  if (!parsed.success) throw unreadablePage();
  return parsed.data;
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
