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
import type { ObjectSchema, SfRecord } from './schema-types';
import { SfApiError } from './sf-errors';
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
    throw new SfApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${ex.method}' not allowed. Allowed are POST,PATCH,DELETE`,
    );
  }
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
  const allOrNone = body.allOrNone === true || ex.unit !== undefined;
  const context: PlanContext = {
    services,
    create: ex.method === 'POST',
    autoAssign: ex.headers['sforce-auto-assign'],
    saveOptions: saveOptionsFrom(ex.headers),
    locked: (ids) => services.faults.lockedRecord(ex.path, ids),
  };
  const outcomes = records.map((record) => planWrite(context, record));
  finish(ex, services, version, userId, outcomes, allOrNone);
}

interface PlanContext {
  services: OrgServices;
  create: boolean;
  autoAssign: string | string[] | undefined;
  saveOptions: SaveOptions;
  /** The record of `ids` another transaction holds (an injected fault), if any. */
  locked: (ids: readonly string[]) => string | null;
}

function planWrite(context: PlanContext, record: unknown): Outcome {
  const { services, create, autoAssign } = context;
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
  if (create) {
    if ('Id' in record || 'id' in record) {
      return {
        error: {
          statusCode: 'INVALID_FIELD',
          message: 'Record ID: cannot specify Id in an insert call',
          fields: ['Id'],
        },
      };
    }
    const checked = services.rules.checkCreate(schema, record, context.saveOptions);
    const locked = checked.ok ? context.locked(lockedBy(schema.fields, checked.value, null)) : null;
    if (locked !== null) return { error: unableToLockRow(locked) };
    return fromChecked(checked, (values) => ({
      kind: 'create',
      schema,
      values: services.rules.assignOwner(schema, values, null, autoAssign),
    }));
  }
  const rawId = record.Id ?? record.id;
  const id = services.rules.checkId(schema, rawId, `${schema.label} ID`);
  if (!id.ok) return { error: id.error };
  const locked = context.locked([id.value]);
  if (locked !== null) return { id: id.value, error: unableToLockRow(locked) };
  const checked = services.rules.checkUpdate(schema, id.value, record, context.saveOptions);
  const outcome = fromChecked(checked, (values): Planned => ({
    kind: 'update',
    schema,
    id: id.value,
    values: services.rules.assignOwner(schema, values, id.value, autoAssign),
  }));
  return { ...outcome, id: id.value };
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
        if (plan.kind === 'create') {
          const id = String(tx.insert(plan.schema.name, plan.values).Id);
          noteWrite(ex, 'created', id);
          return { id, success: true, errors: [] };
        }
        if (plan.kind === 'update') tx.update(plan.schema.name, plan.id, plan.values);
        else tx.remove(plan.schema.name, plan.id);
        noteWrite(ex, plan.kind === 'update' ? 'updated' : 'deleted', plan.id);
        return { id: plan.id, success: true, errors: [] };
      }),
    { unit: ex.unit },
  );
  for (const result of results) {
    const code = result.errors[0]?.statusCode;
    if (!result.success && code !== undefined) noteFailure(ex, result.id ?? null, code);
  }
  sendJson(ex, 200, results);
}
