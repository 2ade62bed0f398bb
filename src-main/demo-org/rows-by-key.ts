// sObject Rows by External ID (`/sobjects/<Object>/<Field>/<value>`): the look-up (GET) and the
// upsert (PATCH) by an external id or standard idLookup field, and the create-by-`Id` special
// case (`POST /sobjects/<Object>/Id`). Saves go through the one record-save path.
import type { OrgServices } from './api-context';
import { keyField, keyInBodyDiffers, recordsWithKey } from './external-id';
import type { Exchange } from './http-util';
import { readJson, send, sendJson } from './http-util';
import type { RecordSaves } from './record-saves';
import { namedFields, readableRecord, recordBody } from './record-body';
import { isPlainObject } from './records';
import type { FieldSpec, ObjectSchema } from './schema-types';
import { methodNotAllowed, notFound, SfApiError } from './sf-errors';

/** From API version 46.0 an upsert answers `created`, and an update 200 rather than 204. */
const CREATED_FLAG_SINCE = 46;

export class RowsByKey {
  constructor(
    private readonly services: OrgServices,
    private readonly saves: RecordSaves,
  ) {}

  /** `/sobjects/<Object>/<fieldName>/<value>`. */
  async handle(
    ex: Exchange,
    schema: ObjectSchema,
    fieldName: string,
    value: string,
    version: string,
    userId: string,
  ): Promise<void> {
    const spec = keyField(schema, fieldName);
    if (!spec) {
      throw new SfApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${fieldName}`,
      );
    }
    if (ex.method === 'GET') return this.lookUp(ex, schema, spec, value, version);
    if (ex.method === 'PATCH') return this.upsert(ex, schema, spec, value, version, userId);
    throw methodNotAllowed(ex.method, 'GET,PATCH');
  }

  /** `POST /sobjects/<Object>/Id`: an upsert by Id with no value, which always creates. */
  async createById(
    ex: Exchange,
    schema: ObjectSchema,
    version: string,
    userId: string,
  ): Promise<void> {
    if (ex.method !== 'POST') {
      throw methodNotAllowed(ex.method, 'GET,HEAD,POST');
    }
    const id = this.saves.insert(ex, schema, await readJson(ex), version, userId);
    if (id !== null) this.answerCreated(ex, schema, id, version);
  }

  private lookUp(
    ex: Exchange,
    schema: ObjectSchema,
    spec: FieldSpec,
    value: string,
    version: string,
  ): void {
    const ids = recordsWithKey(this.services.state, schema, spec, value);
    if (ids.length > 1) return this.multipleChoices(ex, schema, ids, version);
    const { state } = this.services;
    const record = ids[0] === undefined ? undefined : readableRecord(state, schema, ids[0]);
    if (!record) throw notFound();
    const fields = ex.url.searchParams.get('fields');
    const specs = namedFields(schema, fields === null ? null : fields.split(','));
    sendJson(ex, 200, recordBody(state, schema, record, version, specs));
  }

  private async upsert(
    ex: Exchange,
    schema: ObjectSchema,
    spec: FieldSpec,
    value: string,
    version: string,
    userId: string,
  ): Promise<void> {
    const body = await readJson(ex);
    const differs = isPlainObject(body) ? keyInBodyDiffers(spec, body, value) : null;
    if (differs && !differs.ok) return void this.saves.refused(ex, differs.error, version, null);
    const ids = recordsWithKey(this.services.state, schema, spec, value);
    if (ids.length > 1) return this.multipleChoices(ex, schema, ids, version);
    const [id] = ids;
    if (id !== undefined) {
      if (!this.saves.update(ex, schema, id, body, version, userId)) return;
      if (Number(version) < CREATED_FLAG_SINCE) return send(ex, 204, null);
      return sendJson(ex, 200, { id, success: true, errors: [], created: false });
    }
    // An Id names an existing record: there is nothing to create from it.
    if (spec.type === 'id' || ex.url.searchParams.get('updateOnly') === 'true') throw notFound();
    const keyed = isPlainObject(body) ? { ...body, [spec.name]: value } : body;
    const created = this.saves.insert(ex, schema, keyed, version, userId);
    if (created !== null) this.answerCreated(ex, schema, created, version);
  }

  private answerCreated(ex: Exchange, schema: ObjectSchema, id: string, version: string): void {
    const created = Number(version) < CREATED_FLAG_SINCE ? {} : { created: true };
    sendJson(
      ex,
      201,
      { id, success: true, errors: [], ...created },
      { Location: `/services/data/v${version}/sobjects/${schema.name}/${id}` },
    );
  }

  /** Several records hold the key: 300 with the URL of each, nothing saved. */
  private multipleChoices(
    ex: Exchange,
    schema: ObjectSchema,
    ids: readonly string[],
    version: string,
  ): void {
    sendJson(
      ex,
      300,
      ids.map((id) => `/services/data/v${version}/sobjects/${schema.name}/${id}`),
    );
  }
}
