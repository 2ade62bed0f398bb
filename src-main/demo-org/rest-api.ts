// The REST API under /services/data/vXX.X: versions, limits, describe, SOQL, records,
// collections and the replication (updated/deleted) resources.
import type { OrgServices } from './api-context';
import { API_VERSIONS, restOrigin } from './api-context';
import { handleCollections, handleCollectionUpsert } from './collections';
import { describeGlobal, describeSObject, sObjectBasicInfo } from './describe';
import type { Exchange } from './http-util';
import { httpDateHeader, readJson, send, sendJson } from './http-util';
import { buildLimits } from './limits';
import { makeRecordWriter, matchingRows } from './query-results';
import { noteWrite } from './request-log';
import { RecordSaves } from './record-saves';
import { RowsByKey } from './rows-by-key';
import type { ObjectSchema } from './schema-types';
import { insufficientAccess, notFound, SfApiError } from './sf-errors';
import { formatDateTime, parseDateTime } from './sf-datetime';
import { compileQuery, type CompiledQuery } from './soql-engine';

const MAX_BATCH = 2000;
const MIN_BATCH = 200;

export function versionsList(): { label: string; url: string; version: string }[] {
  const labels: Record<string, string> = {
    '58.0': "Summer '23",
    '59.0': "Winter '24",
    '60.0': "Spring '24",
    '61.0': "Summer '24",
    '62.0': "Winter '25",
  };
  return API_VERSIONS.map((version) => ({
    label: labels[version] ?? version,
    url: `/services/data/v${version}`,
    version,
  }));
}

export class RestApi {
  private readonly saves: RecordSaves;
  private readonly rowsByKey: RowsByKey;

  constructor(private readonly services: OrgServices) {
    this.saves = new RecordSaves(services);
    this.rowsByKey = new RowsByKey(services, this.saves);
  }

  private get state() {
    return this.services.state;
  }

  /** Handles one authenticated call; `rest` is the path after /services/data/vXX.X. */
  async handle(ex: Exchange, version: string, rest: string, userId: string): Promise<void> {
    const parts = rest
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    const [head, second, third, fourth] = parts;
    if (head === undefined) return sendJson(ex, 200, this.resources(version));
    if (head === 'limits' && parts.length === 1)
      return this.only(ex, 'GET', () => {
        if (!this.mayViewSetup(userId)) throw insufficientAccess();
        sendJson(ex, 200, buildLimits(this.services.usage));
      });
    if ((head === 'query' || head === 'queryAll') && parts.length <= 2) {
      return this.only(ex, 'GET', () => this.query(ex, version, head === 'queryAll', second));
    }
    if (head === 'jobs' && second === 'query') {
      return this.services.bulkQueries.handle(ex, version, parts.slice(2), userId);
    }
    if (head === 'composite' && second === 'sobjects' && parts.length === 2) {
      return handleCollections(ex, this.services, version, userId);
    }
    if (
      head === 'composite' &&
      second === 'sobjects' &&
      third !== undefined &&
      fourth !== undefined &&
      parts.length === 4
    )
      return handleCollectionUpsert(ex, this.services, version, userId, third, fourth);
    if (head === 'sobjects') {
      if (second === undefined)
        return this.only(ex, 'GET', () =>
          this.describeResponse(
            ex,
            describeGlobal(this.state.schemas.values(), version),
            this.latestSchemaChange(),
          ),
        );
      const schema = this.state.schema(second);
      if (!schema) {
        throw new SfApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
      }
      // An object the API only reads offers its resources for reading alone.
      if (schema.readOnly && ex.method !== 'GET' && ex.method !== 'HEAD') {
        throw new SfApiError(
          405,
          'METHOD_NOT_ALLOWED',
          `HTTP Method '${ex.method}' not allowed. Allowed are HEAD,GET`,
        );
      }
      if (third === undefined) {
        if (ex.method === 'POST') return this.create(ex, schema, version, userId);
        return this.only(ex, 'GET', () => sendJson(ex, 200, sObjectBasicInfo(schema, version)));
      }
      if (third === 'describe' && parts.length === 3) {
        return this.only(ex, 'GET', () =>
          this.describeResponse(ex, describeSObject(schema, version), schema.lastModifiedMs),
        );
      }
      if ((third === 'updated' || third === 'deleted') && parts.length === 3) {
        return this.only(ex, 'GET', () => this.replication(ex, schema, third));
      }
      if (third.toLowerCase() === 'id' && fourth === undefined && ex.method !== 'GET')
        return this.rowsByKey.createById(ex, schema, version, userId);
      if (fourth === undefined) return this.row(ex, schema, third, version, userId);
      if (parts.length === 4)
        return this.rowsByKey.handle(ex, schema, third, fourth, version, userId);
    }
    throw notFound();
  }

  /** Only the demo user's profile can lack "View Setup and Configuration"; seeded admins have it. */
  private mayViewSetup(userId: string): boolean {
    return (
      userId !== this.services.state.demoUserId || this.services.state.settings.demoUserViewsSetup
    );
  }

  private only(
    ex: Exchange,
    method: string,
    run: () => void | Promise<void>,
  ): void | Promise<void> {
    if (ex.method !== method) {
      throw new SfApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method '${ex.method}' not allowed. Allowed are ${method}`,
      );
    }
    return run();
  }

  private resources(version: string): Record<string, string> {
    const base = `/services/data/v${version}`;
    return {
      limits: `${base}/limits`,
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      composite: `${base}/composite`,
      jobs: `${base}/jobs`,
    };
  }

  private latestSchemaChange(): number {
    let latest = 0;
    for (const schema of this.state.schemas.values())
      latest = Math.max(latest, schema.lastModifiedMs);
    return latest;
  }

  /** Describe with Last-Modified, answering 304 to an If-Modified-Since that is still current. */
  private describeResponse(ex: Exchange, body: unknown, lastModifiedMs: number): void {
    const since = httpDateHeader(ex.req.headers['if-modified-since']);
    const lastModifiedSecond = Math.floor(lastModifiedMs / 1000) * 1000;
    const headers = { 'Last-Modified': new Date(lastModifiedMs).toUTCString() };
    if (since !== null && lastModifiedSecond <= since) return send(ex, 304, null, headers);
    sendJson(ex, 200, body, headers);
  }

  private query(ex: Exchange, version: string, all: boolean, locator: string | undefined): void {
    if (locator !== undefined) {
      const page = this.services.cursors.nextPage(locator);
      if (!page) throw new SfApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return send(ex, 200, page.json);
    }
    const soql = ex.url.searchParams.get('q');
    if (soql === null)
      throw new SfApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const state = this.state;
    const compiled = compileQuery(soql, {
      schema: (name) => state.schema(name),
      resolve: (id) => state.find(id),
      nowMs: state.now(),
    });
    const rows = matchingRows(state, compiled, all);
    if (compiled.isCount)
      return sendJson(ex, 200, { totalSize: rows.length, done: true, records: [] });
    const writer = makeRecordWriter(compiled, version, this.saves.formulaContext());
    const batch = Math.min(batchSize(ex, compiled), state.settings.maxQueryBatch);
    const page = this.services.cursors.firstPage(rows, writer, batch, version);
    send(ex, 200, page.json);
  }

  private async create(
    ex: Exchange,
    schema: ObjectSchema,
    version: string,
    userId: string,
  ): Promise<void> {
    const id = this.saves.insert(ex, schema, await readJson(ex), version, userId);
    if (id === null) return;
    sendJson(
      ex,
      201,
      { id, success: true, errors: [] },
      { Location: `/services/data/v${version}/sobjects/${schema.name}/${id}` },
    );
  }

  private async row(
    ex: Exchange,
    schema: ObjectSchema,
    rawId: string,
    version: string,
    userId: string,
  ): Promise<void> {
    const checkedId = this.services.rules.checkId(schema, rawId);
    if (ex.method === 'GET') {
      const record = checkedId.ok ? this.state.table(schema.name).get(checkedId.value) : undefined;
      if (!record || record.IsDeleted === true || this.state.hiddenIds.has(String(record.Id)))
        throw notFound();
      return sendJson(
        ex,
        200,
        this.saves.recordBody(schema, record, version, ex.url.searchParams.get('fields')),
      );
    }
    if (!checkedId.ok) return void this.saves.refused(ex, checkedId.error, version, null);
    const id = checkedId.value;
    const existing = this.state.table(schema.name).get(id);
    if (!existing) throw notFound();
    if (ex.method === 'PATCH') {
      const body = await readJson(ex);
      const since = httpDateHeader(ex.req.headers['if-unmodified-since']);
      const modifiedMs = parseDateTime(String(existing.LastModifiedDate ?? ''));
      if (since !== null && modifiedMs !== null && Math.floor(modifiedMs / 1000) * 1000 > since) {
        throw new SfApiError(
          412,
          'PRECONDITION_FAILED',
          `The requested resource has been modified since ${new Date(since).toUTCString()}`,
        );
      }
      if (this.saves.update(ex, schema, id, body, version, userId)) send(ex, 204, null);
      return;
    }
    if (ex.method === 'DELETE') {
      const locked = this.saves.lockedRecord(ex, [id]);
      if (locked) return void this.saves.refused(ex, locked, version, id);
      const checked = this.services.rules.checkDelete(schema, id);
      if (!checked.ok) return void this.saves.refused(ex, checked.error, version, id);
      this.state.transact(userId, restOrigin(version), (tx) => tx.remove(schema.name, id));
      noteWrite(ex, 'deleted', id);
      return send(ex, 204, null);
    }
    throw new SfApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${ex.method}' not allowed. Allowed are GET,PATCH,DELETE`,
    );
  }

  private replication(ex: Exchange, schema: ObjectSchema, kind: 'updated' | 'deleted'): void {
    const start = parseDateTime(ex.url.searchParams.get('start') ?? '');
    const end = parseDateTime(ex.url.searchParams.get('end') ?? '');
    if (start === null || end === null) {
      throw new SfApiError(
        400,
        'INVALID_REPLICATION_DATE',
        'start and end must be ISO 8601 datetimes',
      );
    }
    if (end < start)
      throw new SfApiError(
        400,
        'INVALID_REPLICATION_DATE',
        'startDate must chronologically precede endDate by more than one minute',
      );
    // Salesforce covers whole minutes, and never beyond the present.
    const latest = Math.floor(Math.min(end, this.state.now()) / 60_000) * 60_000;
    const from = formatDateTime(start);
    const to = formatDateTime(latest);
    if (kind === 'updated') {
      const ids: string[] = [];
      for (const record of this.state.visibleRecords(schema.name)) {
        const stamp = String(record.SystemModstamp ?? '');
        if (record.IsDeleted !== true && stamp >= from && stamp < to) ids.push(String(record.Id));
      }
      return sendJson(ex, 200, { ids, latestDateCovered: to });
    }
    const deletedRecords: { id: string; deletedDate: string }[] = [];
    let earliest = latest;
    for (const [id, ms] of this.state.deletedAt) {
      if (!this.state.table(schema.name).has(id)) continue;
      earliest = Math.min(earliest, ms);
      if (ms >= start && ms < latest) deletedRecords.push({ id, deletedDate: formatDateTime(ms) });
    }
    sendJson(ex, 200, {
      deletedRecords,
      earliestDateAvailable: formatDateTime(earliest),
      latestDateCovered: to,
    });
  }
}

/**
 * Rows a page holds: the requested batch size (default and most 2,000, least 200), and at most
 * 200 when the query selects two or more long-text custom fields, as Salesforce documents
 * ("Change the Batch Size in Queries").
 */
function batchSize(ex: Exchange, query: CompiledQuery): number {
  const header = ex.req.headers['sforce-query-options'];
  const match = typeof header === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  const requested = match ? Math.max(MIN_BATCH, Number(match[1])) : MAX_BATCH;
  const longTexts = query.selections.filter(
    ({ field }) => field.custom && field.type === 'textarea' && field.length > 255,
  ).length;
  return Math.min(requested, longTexts >= 2 ? MIN_BATCH : MAX_BATCH);
}
