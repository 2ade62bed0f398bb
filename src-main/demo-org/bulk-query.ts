// Bulk API 2.0 query jobs under /services/data/vXX.X/jobs/query: create, state, CSV result sets
// read by locator, abort, delete and the list. As in a real org, a job evaluates its query once,
// when it runs, and keeps the result as it was then (later edits do not show in it).
// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/queries.htm
import { randomBytes } from 'node:crypto';
import { fieldReader, type FormulaContext } from './formulas';
import type { Exchange } from './http-util';
import { readJson, send, sendJson } from './http-util';
import type { OrgState } from './org-state';
import { matchingRows } from './query-results';
import { to18 } from './salesforce-id';
import type { SfRecord, SfValue } from './schema-types';
import { methodNotAllowed, notFound, SfApiError } from './sf-errors';
import { formatDateTime } from './sf-datetime';
import { compileQuery, type CompiledQuery } from './soql-engine';

type JobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};
const LINE_ENDINGS: Record<string, string> = { LF: '\n', CRLF: '\r\n' };

/**
 * Rows in a result set when the request names no maxRecords. Salesforce sizes sets by bytes;
 * a row count keeps the emulator simple (README, "Known differences").
 */
const DEFAULT_MAX_RECORDS = 50_000;

/** Why a job failed when the admin API gives no reason (not a real org's wording). */
const QUERY_RAN_TOO_LONG = 'The query ran for too long on the server and was stopped (demo-org)';

interface QueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  /** Why the org failed the job (state Failed). */
  errorMessage: string | null;
  apiVersion: string;
  columnDelimiter: string;
  lineEnding: string;
  /** The result as of when the job ran: the header line, then one CSV line per record. */
  header: string;
  lines: string[];
  processingMs: number;
}

export class BulkQueryJobs {
  private readonly jobs = new Map<string, QueryJob>();

  constructor(private readonly state: OrgState) {}

  /** Handles /jobs/query[/<id>[/results]]; `rest` holds the parts after "query". */
  async handle(ex: Exchange, version: string, rest: string[], userId: string): Promise<void> {
    const [id, sub] = rest;
    if (id === undefined) {
      if (ex.method === 'POST') return this.create(ex, version, userId);
      if (ex.method === 'GET') return sendJson(ex, 200, this.list());
      throw methodNotAllowed(ex.method, 'GET,POST');
    }
    const job = this.jobs.get(id);
    if (!job) throw notFound();
    if (sub === 'results' && rest.length === 2) {
      if (ex.method !== 'GET') throw methodNotAllowed(ex.method, 'GET');
      return this.results(ex, job, version);
    }
    if (rest.length !== 1) throw notFound();
    if (ex.method === 'GET') return sendJson(ex, 200, info(job, true));
    if (ex.method === 'PATCH') return this.abort(ex, job);
    if (ex.method === 'DELETE') {
      this.jobs.delete(job.id);
      return send(ex, 204, null);
    }
    throw methodNotAllowed(ex.method, 'GET,PATCH,DELETE');
  }

  /**
   * Every job still queued or running fails, as a real org fails one whose query ran too long
   * on its servers: state Failed with an errorMessage, no results. Returns how many failed.
   */
  failRunning(errorMessage = QUERY_RAN_TOO_LONG): number {
    let failed = 0;
    for (const job of this.jobs.values()) {
      if (job.state !== 'UploadComplete' && job.state !== 'InProgress') continue;
      job.state = 'Failed';
      job.errorMessage = errorMessage;
      job.systemModstamp = formatDateTime(this.state.now());
      failed += 1;
    }
    return failed;
  }

  /** Every job forgotten, as when their results expire (7 days after they completed). */
  expireAll(): number {
    const count = this.jobs.size;
    this.jobs.clear();
    return count;
  }

  private async create(ex: Exchange, version: string, userId: string): Promise<void> {
    const body = await readJson(ex);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw invalidJob('The request body must be a JSON object');
    const request = body as Record<string, unknown>;
    const operation = request.operation;
    if (operation !== 'query' && operation !== 'queryAll')
      throw invalidJob(`Invalid operation: ${String(operation)}`);
    if (typeof request.query !== 'string') throw invalidJob('Query is required');
    const columnDelimiter = optionIn(request, 'columnDelimiter', DELIMITERS, 'COMMA');
    const lineEnding = optionIn(request, 'lineEnding', LINE_ENDINGS, 'LF');
    if (request.contentType !== undefined && request.contentType !== 'CSV')
      throw invalidJob(`Invalid contentType: ${String(request.contentType)}`);
    const compiled = this.compile(request.query);
    const now = formatDateTime(this.state.now());
    const job: QueryJob = {
      id: to18(`750dM${randomBytes(5).toString('hex')}`),
      operation,
      object: compiled.schema.name,
      createdById: userId,
      createdDate: now,
      systemModstamp: now,
      state: 'UploadComplete',
      errorMessage: null,
      apiVersion: version,
      columnDelimiter,
      lineEnding,
      header: '',
      lines: [],
      processingMs: 0,
    };
    this.jobs.set(job.id, job);
    // Queued first, then running: the query is evaluated when the run time has passed.
    setTimeout(() => {
      if (job.state === 'UploadComplete') job.state = 'InProgress';
    }, 0);
    setTimeout(() => this.run(job, compiled), this.state.settings.bulkQueryRunMs).unref();
    sendJson(ex, 200, info(job, false));
  }

  /** The query as the REST API checks it, then what Bulk API 2.0 refuses on top. */
  private compile(soql: string): CompiledQuery {
    const state = this.state;
    const compiled = compileQuery(soql, {
      schema: (name) => state.schema(name),
      resolve: (id) => state.find(id),
      nowMs: state.now(),
    });
    if (compiled.isCount || compiled.offset > 0 || /\bFIELDS\s*\(/i.test(soql))
      throw invalidJob(
        'Bulk API 2.0 does not support aggregate functions such as COUNT(), OFFSET or FIELDS() in a query',
      );
    if (compiled.selections.some(({ field }) => field.type === 'address'))
      throw new SfApiError(
        400,
        'FUNCTIONALITY_NOT_ENABLED',
        'Selecting compound data not supported in Bulk Query',
      );
    return compiled;
  }

  private run(job: QueryJob, compiled: CompiledQuery): void {
    if (job.state === 'Aborted' || job.state === 'Failed' || !this.jobs.has(job.id)) return;
    const started = Date.now();
    const rows = matchingRows(this.state, compiled, job.operation === 'queryAll');
    const delimiter = DELIMITERS[job.columnDelimiter] ?? ',';
    const ending = LINE_ENDINGS[job.lineEnding] ?? '\n';
    const context: FormulaContext = {
      resolve: (id) => this.state.find(id),
      nowMs: this.state.now(),
    };
    const columns = compiled.selections.map((selection) => {
      const read = fieldReader(selection.field, context);
      const type = selection.field.type;
      if (!selection.relationship)
        return {
          name: selection.field.name,
          cell: (row: SfRecord) => csvCell(read(row), type),
        };
      const reference = selection.relationship.reference.name;
      return {
        name: `${selection.relationship.name}.${selection.field.name}`,
        cell: (row: SfRecord) => {
          const id = row[reference];
          const target = typeof id === 'string' ? context.resolve(id) : undefined;
          return target ? csvCell(read(target.record), type) : '';
        },
      };
    });
    job.header = columns.map((column) => quoted(column.name)).join(delimiter) + ending;
    // Rendered now, not when read: the result is the org as it was when the job ran.
    job.lines = rows.map(
      (row) => columns.map((column) => column.cell(row)).join(delimiter) + ending,
    );
    job.processingMs = Date.now() - started;
    job.state = 'JobComplete';
    job.systemModstamp = formatDateTime(this.state.now());
  }

  private results(ex: Exchange, job: QueryJob, version: string): void {
    if (version !== job.apiVersion)
      throw new SfApiError(
        409,
        'INVALIDJOB',
        `Job ${job.id} was created in API version ${job.apiVersion}: read its results with the same version`,
      );
    if (job.state !== 'JobComplete')
      throw invalidJob(`Cannot get results for a job that has state ${job.state}`);
    const maxParam = ex.url.searchParams.get('maxRecords');
    const max = maxParam === null ? DEFAULT_MAX_RECORDS : Number(maxParam);
    if (!Number.isInteger(max) || max < 1)
      throw invalidJob(`maxRecords must be a positive integer: ${maxParam}`);
    const locatorParam = ex.url.searchParams.get('locator');
    const offset = locatorParam === null || locatorParam === '' ? 0 : offsetOf(locatorParam);
    if (offset === null || offset > job.lines.length)
      throw new SfApiError(400, 'INVALID_LOCATOR', `Invalid locator: ${locatorParam}`);
    const end = Math.min(job.lines.length, offset + max);
    const body = job.header + job.lines.slice(offset, end).join('');
    send(ex, 200, body, {
      'Content-Type': 'text/csv',
      'Sforce-Locator': end < job.lines.length ? locatorFor(end) : 'null',
      'Sforce-NumberOfRecords': String(end - offset),
    });
  }

  private async abort(ex: Exchange, job: QueryJob): Promise<void> {
    const body = await readJson(ex);
    const wanted = (body as { state?: unknown } | null)?.state;
    if (wanted !== 'Aborted') throw invalidJob(`Invalid state for a query job: ${String(wanted)}`);
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress')
      throw invalidJob(`Cannot abort a job that has state ${job.state}`);
    job.state = 'Aborted';
    job.systemModstamp = formatDateTime(this.state.now());
    sendJson(ex, 200, info(job, false));
  }

  private list(): Record<string, unknown> {
    return {
      done: true,
      records: [...this.jobs.values()].map((job) => ({
        ...info(job, false),
        jobType: 'V2Query',
      })),
      nextRecordsUrl: null,
    };
  }
}

function info(job: QueryJob, detailed: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    ...(job.errorMessage === null ? {} : { errorMessage: job.errorMessage }),
  };
  if (!detailed) return base;
  return {
    ...base,
    numberRecordsProcessed: job.state === 'JobComplete' ? job.lines.length : 0,
    retries: 0,
    totalProcessingTime: job.processingMs,
    isPkChunkingSupported: true,
  };
}

/**
 * One value as Bulk API 2.0 writes it: null as an empty field, anything else in double quotes
 * (a quote doubled), datetimes in UTC with "Z" where the REST API writes "+0000".
 */
export function csvCell(value: SfValue | undefined, type: string): string {
  if (value === undefined || value === null) return '';
  const text =
    type === 'datetime' && typeof value === 'string' && value.endsWith('+0000')
      ? `${value.slice(0, -5)}Z`
      : String(value);
  return quoted(text);
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Locators are opaque to clients; here they carry the offset of the set's first record. */
function locatorFor(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

function offsetOf(locator: string): number | null {
  const text = Buffer.from(locator, 'base64url').toString('utf8');
  if (!/^\d+$/.test(text) || locatorFor(Number(text)) !== locator) return null;
  return Number(text);
}

function optionIn(
  request: Record<string, unknown>,
  key: string,
  allowed: Record<string, string>,
  fallback: string,
): string {
  const value = request[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(value in allowed))
    throw invalidJob(`Invalid ${key}: ${String(value)}`);
  return value;
}

function invalidJob(message: string): SfApiError {
  return new SfApiError(400, 'INVALIDJOB', message);
}
