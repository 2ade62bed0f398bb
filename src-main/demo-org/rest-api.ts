// The REST API under /services/data/vXX.X: versions, limits, describe, SOQL, records,
// collections and the replication (updated/deleted) resources.
import type { OrgServices } from './api-context';
import { releaseLabel, restOrigin, servedVersions } from './api-context';
import { handleCollections, handleCollectionUpsert } from './collections';
import { retrieveCollection } from './collections-retrieve';
import { handleComposite } from './composite';
import { handleBatch } from './composite-batch';
import { handleTree } from './composite-tree';
import { routeOnly, type RestRoute } from './subrequest';
import {
  describeGlobal,
  describeSObject,
  MASTER_RECORD_TYPE_ID,
  sObjectBasicInfo,
} from './describe';
import { formulaContext, namedFields, readableRecord, recordBody } from './record-body';
import { etagPrecondition, recordETag } from './etag';
import type { Exchange } from './http-util';
import { httpDateHeader, readJson, send, sendJson } from './http-util';
import { buildLimits, recordCounts } from './limits';
import { describeLayout, describeLayouts } from './layouts';
import { queryColumns } from './query-columns';
import { makeRecordWriter, matchingRows } from './query-results';
import { noteWrite } from './request-log';
import { RecordSaves } from './record-saves';
import { RowsByKey } from './rows-by-key';
import type { ObjectSchema } from './schema-types';
import { insufficientAccess, methodNotAllowed, notFound, SfApiError } from './sf-errors';
import { formatDateTime, parseDateTime } from './sf-datetime';
import { normaliseId } from './salesforce-id';
import { compileQuery, type CompiledQuery } from './soql-engine';
import { parameterizedSearch, soslSearch } from './search';

const MAX_BATCH = 2000;
const MIN_BATCH = 200;

export function versionsList(): { label: string; url: string; version: string }[] {
  return servedVersions().map((version) => ({
    label: releaseLabel(version),
    url: `/services/data/v${version}`,
    version,
  }));
}

/** What a composite subrequest may call (Salesforce's list; limits and jobs are not on it). */
const COMPOSITE_RESOURCES = ['sobjects', 'query', 'queryAll', 'composite/sobjects'];
/** What a batch subrequest may call, of the resources this org has. */
const BATCH_RESOURCES = ['limits', 'sobjects', 'query', 'queryAll'];

function compositeResources(version: string): Record<string, string> {
  const base = `/services/data/v${version}/composite`;
  return { tree: `${base}/tree`, batch: `${base}/batch`, sobjects: `${base}/sobjects` };
}

export class RestApi {
  private readonly saves: RecordSaves;
  private readonly rowsByKey: RowsByKey;

  constructor(
    private readonly services: OrgServices,
    private readonly identityUrl: (userId: string) => string,
  ) {
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
    if (head === undefined) return sendJson(ex, 200, this.resources(version, userId));
    if (head === 'limits' && parts.length === 1)
      return this.only(ex, 'GET', () => {
        if (!this.mayViewSetup(userId)) throw insufficientAccess();
        sendJson(ex, 200, buildLimits(this.services.usage));
      });
    if (head === 'limits' && second === 'recordCount' && parts.length === 2 && since(version, 40))
      return this.only(ex, 'GET', () => {
        if (!this.mayViewSetup(userId)) throw insufficientAccess();
        const names = ex.url.searchParams.get('sObjects');
        sendJson(ex, 200, recordCounts(this.state, names === null ? null : names.split(',')));
      });
    if (head === 'search' && parts.length === 1)
      return this.only(ex, 'GET', () => {
        const sosl = ex.url.searchParams.get('q');
        if (sosl === null || sosl.trim() === '')
          throw new SfApiError(400, 'MALFORMED_SEARCH', 'A search string has to be specified');
        send(ex, 200, soslSearch(this.state, sosl, version, formulaContext(this.state)));
      });
    if (head === 'parameterizedSearch' && parts.length === 1 && since(version, 36))
      return this.only(ex, 'GET', () =>
        send(
          ex,
          200,
          parameterizedSearch(this.state, ex.url.searchParams, version, formulaContext(this.state)),
        ),
      );
    if (head === 'recent' && parts.length === 1)
      return this.only(ex, 'GET', () =>
        sendJson(ex, 200, this.services.recent.items(userId, version, recentLimit(ex))),
      );
    if ((head === 'query' || head === 'queryAll') && parts.length <= 2) {
      return this.only(ex, 'GET', () =>
        this.query(ex, version, head === 'queryAll', second, userId),
      );
    }
    if (head === 'jobs' && second === 'query') {
      return this.services.bulkQueries.handle(ex, version, parts.slice(2), userId);
    }
    if (head === 'composite') return this.composite(ex, version, parts.slice(1), userId);
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
        throw methodNotAllowed(ex.method, 'HEAD,GET');
      }
      if (third === undefined) {
        if (ex.method === 'POST') return this.create(ex, schema, version, userId);
        return this.only(ex, 'GET', () =>
          sendJson(
            ex,
            200,
            sObjectBasicInfo(
              schema,
              version,
              this.services.recent.items(userId, version, RECENT_MAX, schema.name),
            ),
          ),
        );
      }
      if (third === 'describe' && parts.length === 3) {
        return this.only(ex, 'GET', () =>
          this.describeResponse(ex, describeSObject(schema, version), schema.lastModifiedMs),
        );
      }
      if (third === 'describe' && fourth === 'layouts' && parts.length <= 5) {
        const recordTypeId = parts[4];
        return this.only(ex, 'GET', () => {
          if (recordTypeId === undefined)
            return sendJson(ex, 200, describeLayouts(schema, version));
          if (normaliseId(recordTypeId) !== MASTER_RECORD_TYPE_ID) throw notFound();
          sendJson(ex, 200, describeLayout(schema));
        });
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

  /** The composite family: composite, batch, tree and sObject Collections. */
  private composite(
    ex: Exchange,
    version: string,
    parts: string[],
    userId: string,
  ): void | Promise<void> {
    const [kind, object] = parts;
    const route: RestRoute = (sub, subVersion, rest) => this.handle(sub, subVersion, rest, userId);
    if (kind === undefined) {
      if (ex.method === 'GET') return sendJson(ex, 200, compositeResources(version));
      return this.only(ex, 'POST', () =>
        handleComposite(ex, this.services, routeOnly(route, COMPOSITE_RESOURCES)),
      );
    }
    if (kind === 'batch' && parts.length === 1)
      return this.only(ex, 'POST', () =>
        handleBatch(ex, this.services, routeOnly(route, BATCH_RESOURCES)),
      );
    if (kind === 'tree' && object !== undefined && parts.length === 2) {
      const schema = this.state.schema(object);
      if (!schema) throw notFound();
      return this.only(ex, 'POST', () =>
        handleTree(ex, this.services, schema, version, routeOnly(route, ['sobjects'])),
      );
    }
    if (kind === 'sobjects' && parts.length === 1)
      return handleCollections(ex, this.services, version, userId);
    if (kind === 'sobjects' && object !== undefined && parts.length === 3)
      return handleCollectionUpsert(ex, this.services, version, userId, object, parts[2] ?? '');
    if (kind === 'sobjects' && object !== undefined && parts.length === 2) {
      const schema = this.state.schema(object);
      if (!schema) throw notFound();
      if (ex.method === 'POST') return retrieveCollection(ex, this.services, schema, version);
      return this.only(ex, 'GET', () => retrieveCollection(ex, this.services, schema, version));
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
      throw methodNotAllowed(ex.method, method);
    }
    return run();
  }

  private resources(version: string, userId: string): Record<string, string> {
    const base = `/services/data/v${version}`;
    return {
      identity: this.identityUrl(userId),
      limits: `${base}/limits`,
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      search: `${base}/search`,
      ...(since(version, 36) ? { parameterizedSearch: `${base}/parameterizedSearch` } : {}),
      recent: `${base}/recent`,
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
    const since = httpDateHeader(ex.headers['if-modified-since']);
    const lastModifiedSecond = Math.floor(lastModifiedMs / 1000) * 1000;
    const headers = { 'Last-Modified': new Date(lastModifiedMs).toUTCString() };
    if (since !== null && lastModifiedSecond <= since) return send(ex, 304, null, headers);
    sendJson(ex, 200, body, headers);
  }

  private query(
    ex: Exchange,
    version: string,
    all: boolean,
    locator: string | undefined,
    userId: string,
  ): void {
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
    if (ex.url.searchParams.get('columns') === 'true')
      return sendJson(ex, 200, queryColumns(compiled));
    const rows = matchingRows(state, compiled, all);
    if (compiled.marks)
      this.services.recent.mark(userId, compiled.schema.name, rows, compiled.marks);
    if (compiled.isCount)
      return sendJson(ex, 200, { totalSize: rows.length, done: true, records: [] });
    const writer = makeRecordWriter(compiled, version, formulaContext(this.state));
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
      const record = checkedId.ok ? readableRecord(this.state, schema, checkedId.value) : undefined;
      if (!record) throw notFound();
      const fields = ex.url.searchParams.get('fields');
      const specs = namedFields(schema, fields === null ? null : fields.split(','));
      const etag = recordETag(schema.name, record);
      const tagHeader: Record<string, string> = etag === null ? {} : { ETag: etag };
      const precondition = etagPrecondition(ex.headers, etag, ex.method);
      if (precondition === 412) throw etagMismatch();
      if (precondition === 304) return send(ex, 304, null, tagHeader);
      return sendJson(ex, 200, recordBody(this.state, schema, record, version, specs), tagHeader);
    }
    if (!checkedId.ok) return void this.saves.refused(ex, checkedId.error, version, null);
    const id = checkedId.value;
    const existing = this.state.table(schema.name).get(id);
    if (!existing) throw notFound();
    if (ex.method === 'PATCH') {
      const body = await readJson(ex);
      const since = httpDateHeader(ex.headers['if-unmodified-since']);
      const modifiedMs = parseDateTime(String(existing.LastModifiedDate ?? ''));
      if (since !== null && modifiedMs !== null && Math.floor(modifiedMs / 1000) * 1000 > since) {
        throw new SfApiError(
          412,
          'PRECONDITION_FAILED',
          `The requested resource has been modified since ${new Date(since).toUTCString()}`,
        );
      }
      if (etagPrecondition(ex.headers, recordETag(schema.name, existing), ex.method) !== null)
        throw etagMismatch();
      if (!this.saves.update(ex, schema, id, body, version, userId)) return;
      const etag = recordETag(schema.name, existing);
      return send(ex, 204, null, etag === null ? {} : { ETag: etag });
    }
    if (ex.method === 'DELETE') {
      const locked = this.saves.lockedRecord(ex, [id]);
      if (locked) return void this.saves.refused(ex, locked, version, id);
      const checked = this.services.rules.checkDelete(schema, id);
      if (!checked.ok) return void this.saves.refused(ex, checked.error, version, id);
      this.state.transact(userId, restOrigin(version), (tx) => tx.remove(schema.name, id), {
        unit: ex.unit,
      });
      noteWrite(ex, 'deleted', id);
      return send(ex, 204, null);
    }
    throw methodNotAllowed(ex.method, 'GET,PATCH,DELETE');
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
 * Whether the version has a resource Salesforce added in `major`.0 (Record Count in v40.0,
 * Parameterized Search in v36.0): at an older version its URL does not exist (404).
 */
function since(version: string, major: number): boolean {
  return Number(version) >= major;
}

/** RecentlyViewed holds 200 records a user: /recent answers them all unless `limit` asks fewer. */
const RECENT_MAX = 200;

function recentLimit(ex: Exchange): number {
  const asked = Number(ex.url.searchParams.get('limit') ?? RECENT_MAX);
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, RECENT_MAX) : RECENT_MAX;
}

/** An If-Match / If-None-Match precondition on a record's ETag failed. */
function etagMismatch(): SfApiError {
  return new SfApiError(
    412,
    'PRECONDITION_FAILED',
    "The requested resource's entity tag doesn't match the request's precondition",
  );
}

/**
 * Rows a page holds: the requested batch size (default and most 2,000, least 200), and at most
 * 200 when the query selects two or more long-text custom fields, as Salesforce documents
 * ("Change the Batch Size in Queries").
 */
function batchSize(ex: Exchange, query: CompiledQuery): number {
  const header = ex.headers['sforce-query-options'];
  const match = typeof header === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  const requested = match ? Math.max(MIN_BATCH, Number(match[1])) : MAX_BATCH;
  const longTexts = query.selections.filter(
    ({ field }) => field.custom && field.type === 'textarea' && field.length > 255,
  ).length;
  return Math.min(requested, longTexts >= 2 ? MIN_BATCH : MAX_BATCH);
}
