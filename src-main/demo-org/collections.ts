// sObject Collections (/composite/sobjects): up to 200 records per call, SaveResults in request
// order, and allOrNone rolling the whole call back when any record fails.
import type { OrgServices } from './api-context';
import { restOrigin } from './api-context';
import type { Exchange } from './http-util';
import { readJson, sendJson } from './http-util';
import { noteFailure, noteWrite } from './request-log';
import type { Checked, SaveError, SaveOptions, SaveResult } from './records';
import { saveOptionsFrom } from './duplicate-rules';
import { isPlainObject } from './records';
import { lockedBy, unableToLockRow } from './save-result';
import type { FieldSpec, ObjectSchema, SfRecord, SfValue } from './schema-types';
import { keyField, recordsWithKey, sameKey } from './external-id';
import { methodNotAllowed, SfApiError } from './sf-errors';
import { keyPrefixOf, normaliseId } from './salesforce-id';

const MAX_RECORDS = 200;

type Planned =
  | { kind: 'create'; schema: ObjectSchema; values: SfRecord }
  | { kind: 'update'; schema: ObjectSchema; id: string; values: SfRecord }
  | { kind: 'delete'; schema: ObjectSchema; id: string };

interface Outcome {
  id?: string;
  plan?: Planned;
  error?: SaveError;
  /** An upsert's: whether the record is created (true) or an existing one updated. */
  created?: boolean;
}

/**
 * A record's error inside a collection answer: code, message and fields only. A duplicate rule's
 * refusal names no matched record here (Salesforce's collections example shows DUPLICATES_DETECTED
 * with `fields: []` and nothing else); only a single-record call carries the DuplicateResult.
 */
function toSaveError(error: SaveError): SaveError {
  return { statusCode: error.statusCode, message: error.message, fields: error.fields };
}

export async function handleCollections(
  ex: Exchange,
  services: OrgServices,
  version: string,
  userId: string,
): Promise<void> {
  if (ex.method === 'DELETE') return deleteCollection(ex, services, version, userId);
  if (ex.method !== 'POST' && ex.method !== 'PATCH') {
    throw methodNotAllowed(ex.method, 'POST,PATCH,DELETE');
  }
  const { records, allOrNone } = await collectionBody(ex);
  const context = planContext(ex, services);
  const outcomes = records.map((record) =>
    planWrite(context, record, ex.method === 'POST' ? 'create' : 'update'),
  );
  finish(ex, services, version, userId, outcomes, allOrNone);
}

/**
 * `PATCH /composite/sobjects/<Object>/<ExternalIdField>`: each record is created, or updated
 * when one record holds its key (API 46.0+). A key no record holds twice in the org, nor twice
 * in the call, is required of each record.
 */
export async function handleCollectionUpsert(
  ex: Exchange,
  services: OrgServices,
  version: string,
  userId: string,
  objectName: string,
  fieldName: string,
): Promise<void> {
  if (ex.method !== 'PATCH') {
    throw methodNotAllowed(ex.method, 'PATCH');
  }
  const schema = services.state.schema(objectName);
  if (!schema) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const spec = keyField(schema, fieldName);
  // Collections upsert by external ids only: record ids are refused like any other field.
  if (!spec || spec.type === 'id') {
    throw new SfApiError(
      404,
      'NOT_FOUND',
      `Provided external ID field does not exist or is not accessible: ${fieldName}`,
    );
  }
  const { records, allOrNone } = await collectionBody(ex);
  const context = planContext(ex, services);
  const keys = records.map((record) => (isPlainObject(record) ? keyOf(spec, record) : null));
  const outcomes = records.map((record, i): Outcome => {
    const key = keys[i] ?? null;
    const repeated = keys.some((other, j) => j !== i && sameKey(spec, other, key));
    if (repeated)
      return { error: recordError('DUPLICATE_VALUE', `Duplicate external id specified: ${key}`) };
    return planWrite(context, record, { schema, spec, key });
  });
  finish(ex, services, version, userId, outcomes, allOrNone);
}

/** The key field's value in a record (its name in any case), as a comparable value. */
function keyOf(spec: FieldSpec, record: Record<string, unknown>): SfValue {
  const name = Object.keys(record).find((key) => key.toLowerCase() === spec.name.toLowerCase());
  const value = name === undefined ? null : record[name];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

async function collectionBody(ex: Exchange): Promise<{ records: unknown[]; allOrNone: boolean }> {
  const body = await readJson(ex);
  if (!isPlainObject(body) || !Array.isArray(body.records)) {
    throw new SfApiError(
      400,
      'JSON_PARSER_ERROR',
      'The request body must be an object with a records array',
    );
  }
  const records: unknown[] = body.records;
  if (records.length > MAX_RECORDS) {
    throw new SfApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call',
    );
  }
  // Inside an all-or-none composite call, the call's allOrNone overrides the collection's own.
  return { records, allOrNone: body.allOrNone === true || ex.unit !== undefined };
}

function planContext(ex: Exchange, services: OrgServices): PlanContext {
  return {
    services,
    autoAssign: ex.headers['sforce-auto-assign'],
    saveOptions: saveOptionsFrom(ex.headers),
    locked: (ids) => services.faults.lockedRecord(ex.path, ids),
  };
}

interface PlanContext {
  services: OrgServices;
  autoAssign: string | string[] | undefined;
  saveOptions: SaveOptions;
  /** The record of `ids` another transaction holds (an injected fault), if any. */
  locked: (ids: readonly string[]) => string | null;
}

/** What a collection does with each record: create, update by Id, or upsert by a key field. */
type WriteMode = 'create' | 'update' | { schema: ObjectSchema; spec: FieldSpec; key: SfValue };

function recordError(statusCode: string, message: string): SaveError {
  return { statusCode, message, fields: [] };
}

function planWrite(context: PlanContext, record: unknown, mode: WriteMode): Outcome {
  const { services } = context;
  if (!isPlainObject(record))
    return {
      error: {
        statusCode: 'JSON_PARSER_ERROR',
        message: 'Each record must be a JSON object',
        fields: [],
      },
    };
  const attributes = record.attributes;
  const type =
    isPlainObject(attributes) && typeof attributes.type === 'string' ? attributes.type : null;
  if (type === null) {
    return {
      error: {
        statusCode: 'INVALID_TYPE',
        message: 'Must send a concrete entity type.',
        fields: [],
      },
    };
  }
  const schema = services.state.schema(type);
  if (!schema)
    return {
      error: {
        statusCode: 'INVALID_TYPE',
        message: `sObject type '${type}' is not supported.`,
        fields: [],
      },
    };
  if (mode === 'create') {
    if ('Id' in record || 'id' in record) {
      return {
        error: {
          statusCode: 'INVALID_FIELD',
          message: 'Record ID: cannot specify Id in an insert call',
          fields: ['Id'],
        },
      };
    }
    return planCreate(context, schema, record);
  }
  if (mode === 'update') {
    const rawId = record.Id ?? record.id;
    const id = services.rules.checkId(schema, rawId, `${schema.label} ID`);
    if (!id.ok) return { error: id.error };
    return planUpdate(context, schema, id.value, record);
  }
  if (schema !== mode.schema)
    return {
      error: recordError(
        'INVALID_TYPE',
        `Records of type ${schema.name} cannot be upserted as ${mode.schema.name}`,
      ),
    };
  const { spec, key } = mode;
  if (key === null || key === '')
    return { error: recordError('MISSING_ARGUMENT', `${spec.name} not specified`) };
  const ids = recordsWithKey(services.state, schema, spec, key);
  if (ids.length > 1)
    return {
      error: recordError(
        'DUPLICATE_EXTERNAL_ID',
        `${spec.label}: more than one record found for external id field: [${ids.join(', ')}]`,
      ),
    };
  const [id] = ids;
  return id === undefined
    ? { ...planCreate(context, schema, record), created: true }
    : { ...planUpdate(context, schema, id, record), created: false };
}

function planCreate(context: PlanContext, schema: ObjectSchema, record: unknown): Outcome {
  const { rules } = context.services;
  const checked = rules.checkCreate(schema, record, context.saveOptions);
  const locked = checked.ok ? context.locked(lockedBy(schema.fields, checked.value, null)) : null;
  if (locked !== null) return { error: unableToLockRow(locked) };
  return fromChecked(checked, (values) => ({
    kind: 'create',
    schema,
    values: rules.assignOwner(schema, values, null, context.autoAssign),
  }));
}

function planUpdate(
  context: PlanContext,
  schema: ObjectSchema,
  id: string,
  record: unknown,
): Outcome {
  const { rules } = context.services;
  const locked = context.locked([id]);
  if (locked !== null) return { id, error: unableToLockRow(locked) };
  const checked = rules.checkUpdate(schema, id, record, context.saveOptions);
  const outcome = fromChecked(checked, (values): Planned => ({
    kind: 'update',
    schema,
    id,
    values: rules.assignOwner(schema, values, id, context.autoAssign),
  }));
  return { ...outcome, id };
}

function fromChecked<T>(checked: Checked<T>, plan: (value: T) => Planned): Outcome {
  return checked.ok ? { plan: plan(checked.value) } : { error: checked.error };
}

async function deleteCollection(
  ex: Exchange,
  services: OrgServices,
  version: string,
  userId: string,
): Promise<void> {
  const ids = (ex.url.searchParams.get('ids') ?? '').split(',').filter((s) => s !== '');
  if (ids.length === 0) throw new SfApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
  if (ids.length > MAX_RECORDS) {
    throw new SfApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call',
    );
  }
  const allOrNone = ex.url.searchParams.get('allOrNone') === 'true' || ex.unit !== undefined;
  const outcomes = ids.map((raw): Outcome => {
    const id = normaliseId(raw);
    const found = id ? services.state.find(id) : undefined;
    const schema = found ? services.state.schema(found.object) : undefined;
    if (!id || !found || !schema || keyPrefixOf(id) !== schema.keyPrefix) {
      return {
        error: {
          statusCode: id ? 'INVALID_CROSS_REFERENCE_KEY' : 'MALFORMED_ID',
          message: id ? 'invalid cross reference id' : `bad id ${raw}`,
          fields: [],
        },
      };
    }
    const locked = services.faults.lockedRecord(ex.path, [id]);
    if (locked !== null) return { id, error: unableToLockRow(locked) };
    const checked = services.rules.checkDelete(schema, id);
    return checked.ok ? { id, plan: { kind: 'delete', schema, id } } : { id, error: checked.error };
  });
  finish(ex, services, version, userId, outcomes, allOrNone);
}

function finish(
  ex: Exchange,
  services: OrgServices,
  version: string,
  userId: string,
  outcomes: Outcome[],
  allOrNone: boolean,
): void {
  const anyFailed = outcomes.some((o) => o.error);
  const results: SaveResult[] = services.state.transact(
    userId,
    restOrigin(version),
    (tx) =>
      outcomes.map((outcome): SaveResult => {
        if (outcome.error) {
          return {
            ...(outcome.id ? { id: outcome.id } : {}),
            success: false,
            errors: [toSaveError(outcome.error)],
          };
        }
        if (allOrNone && anyFailed) {
          return {
            ...(outcome.id ? { id: outcome.id } : {}),
            success: false,
            errors: [
              {
                statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                message:
                  'Record rolled back because not all records were valid and the request was using AllOrNone header',
                fields: [],
              },
            ],
          };
        }
        const plan = outcome.plan;
        if (!plan) return { success: false, errors: [] };
        const created = outcome.created === undefined ? {} : { created: outcome.created };
        if (plan.kind === 'create') {
          const id = String(tx.insert(plan.schema.name, plan.values).Id);
          noteWrite(ex, 'created', id);
          return { id, success: true, errors: [], ...created };
        }
        if (plan.kind === 'update') tx.update(plan.schema.name, plan.id, plan.values);
        else tx.remove(plan.schema.name, plan.id);
        noteWrite(ex, plan.kind === 'update' ? 'updated' : 'deleted', plan.id);
        return { id: plan.id, success: true, errors: [], ...created };
      }),
    { unit: ex.unit },
  );
  for (const result of results) {
    const code = result.errors[0]?.statusCode;
    if (!result.success && code !== undefined) noteFailure(ex, result.id ?? null, code);
  }
  sendJson(ex, 200, results);
}
