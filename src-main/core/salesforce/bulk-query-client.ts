import type { Connection, Schema } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import { z } from 'zod';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { SALESFORCE_API_VERSION } from './api-version';
import type { SalesforceConnection } from './salesforce-connection';

/*
 * Why not jsforce's own bulk2 client (jsforce 3.10, lib/api/bulk2.js): `bulk2.query` and
 * `QueryJobV2.result()` pipe every result set of a job into one record stream, with no
 * maxRecords and no way to start from a locator, so an import killed half-way can only fetch
 * the whole result again; its polling runs on Date.now and setTimeout, not on our Clock; and
 * its requests are its own, outside `SalesforceConnection.call`, so they are neither counted
 * as API calls nor turned into AppErrors. This client is the few documented calls, each one
 * `call` through the same jsforce connection (our bounded transport, session refresh,
 * Salesforce's error codes), with result sets read one at a time by locator.
 */

const jobInfoSchema = z.object({
  id: z.string(),
  state: z.enum(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted']),
  numberRecordsProcessed: z.number().optional(),
  errorMessage: z.string().optional(),
});
export type BulkQueryJob = z.infer<typeof jobInfoSchema>;

/** One result set of a query job: CSV with its header row, and where the next set starts. */
export interface BulkResultSet {
  csv: string;
  /** The locator of the next set; null after the last one. */
  nextLocator: string | null;
  records: number;
}

const JOBS_PATH = `/services/data/v${SALESFORCE_API_VERSION}/jobs/query`;

/** Waits between job state checks: doubling from the first, never longer than the last. */
const FIRST_POLL_MS = 250;
const LONGEST_POLL_MS = 15_000;

export class BulkQueryClient {
  constructor(
    private readonly salesforce: SalesforceConnection,
    private readonly clock: Clock,
  ) {}

  /** The job once it has stopped running (complete, failed or aborted); gone counts as aborted. */
  async finished(jobId: string): Promise<BulkQueryJob> {
    for (let wait = FIRST_POLL_MS; ; wait = Math.min(wait * 2, LONGEST_POLL_MS)) {
      let job: BulkQueryJob;
      try {
        job = await this.job(jobId);
      } catch (error) {
        if (!isGone(error)) throw error;
        return {
          id: jobId,
          state: 'Aborted',
          errorMessage: 'the job no longer exists (expired or deleted)',
        };
      }
      if (job.state !== 'UploadComplete' && job.state !== 'InProgress' && job.state !== 'Open')
        return job;
      await new Promise<void>((resolve) => this.clock.setTimer(resolve, wait));
    }
  }

  /** Creates a query job; `queryAll` also returns Leads in the Recycle Bin. */
  async create(soql: string, operation: 'query' | 'queryAll'): Promise<BulkQueryJob> {
    const body = await this.salesforce.call((connection) =>
      connection.request<unknown>({
        method: 'POST',
        url: JOBS_PATH,
        body: JSON.stringify({
          operation,
          query: soql,
          contentType: 'CSV',
          columnDelimiter: 'COMMA',
          lineEnding: 'LF',
        }),
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
    );
    return parsedJob(body);
  }

  async job(jobId: string): Promise<BulkQueryJob> {
    const body = await this.salesforce.call((connection) =>
      connection.request<unknown>(`${JOBS_PATH}/${encodeURIComponent(jobId)}`),
    );
    return parsedJob(body);
  }

  /** One result set, from `locator` (null: the first), of at most `maxRecords` records. */
  async results(jobId: string, locator: string | null, maxRecords: number): Promise<BulkResultSet> {
    const query = new URLSearchParams({ maxRecords: String(maxRecords) });
    if (locator !== null) query.set('locator', locator);
    const path = `${JOBS_PATH}/${encodeURIComponent(jobId)}/results?${query.toString()}`;
    const { body, headers } = await this.salesforce.call((connection) => rawGet(connection, path));
    const next = headers['sforce-locator'];
    const records = Number(headers['sforce-numberofrecords']);
    if (next === undefined || next === '' || !Number.isInteger(records)) throw unreadableSet();
    return { csv: body, nextLocator: next === 'null' ? null : next, records };
  }
}

/**
 * A GET whose successful body is kept as text (jsforce would parse a CSV body into records)
 * together with its headers; errors, refresh and the transport stay jsforce's.
 */
class RawBodyApi extends HttpApi<Schema> {
  override async parseResponseBody(response: {
    statusCode: number;
    body: string;
    headers: Record<string, string>;
  }): Promise<unknown> {
    if (response.statusCode < 400) return response.body;
    return super.parseResponseBody(response);
  }
}

async function rawGet(
  connection: Connection,
  path: string,
): Promise<{ body: string; headers: Record<string, string> }> {
  const api = new RawBodyApi(connection, {});
  let headers: Record<string, string> = {};
  api.on('response', (response: { headers?: Record<string, string> }) => {
    headers = response.headers ?? {};
  });
  const body = await api.request<unknown>({
    method: 'GET',
    url: `${connection.instanceUrl}${path}`,
    headers: { Accept: 'text/csv' },
  });
  return { body: typeof body === 'string' ? body : '', headers };
}

/** A job or locator Salesforce no longer knows: its results expired, or someone deleted it. */
export function isGone(error: unknown): boolean {
  return (
    error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_LOCATOR')
  );
}

function parsedJob(body: unknown): BulkQueryJob {
  const parsed = jobInfoSchema.safeParse(body);
  if (!parsed.success)
    throw new AppError(
      'SALESFORCE_BAD_RESPONSE',
      'Salesforce answered a Bulk API query job request in a form Leadbridge could not read. The sync will try again.',
    );
  return parsed.data;
}

function unreadableSet(): AppError {
  return new AppError(
    'SALESFORCE_BAD_RESPONSE',
    'Salesforce sent a Bulk API result set without its Sforce-Locator or Sforce-NumberOfRecords header. The sync will try again.',
  );
}
