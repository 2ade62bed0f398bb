// The sObject Tree resource (POST /composite/tree/<Object>): record trees (a record, its children
// under their child relationship, theirs...) created all or nothing in one call, each record
// through the same create as POST /sobjects/<Object>.
import type { OrgServices } from './api-context';
import type { Exchange } from './http-util';
import { readJson, sendJson } from './http-util';
import { isPlainObject } from './records';
import { noteSubrequestWrites } from './request-log';
import type { SaveError } from './save-result';
import type { FieldSpec, ObjectSchema } from './schema-types';
import { SfApiError } from './sf-errors';
import { runSubrequest, type RestRoute, type SubResponse } from './subrequest';

const MAX_RECORDS = 200;
const MAX_DEPTH = 5;
const MAX_TYPES = 5;

interface TreeRecord {
  referenceId: string;
  schema: ObjectSchema;
  /** The record's own field values (no attributes, no children). */
  values: Record<string, unknown>;
  /** The record above it and the field of this one that refers to it. */
  parent: { record: TreeRecord; field: FieldSpec } | null;
}

type TreeResult =
  { referenceId: string; id: string } | { referenceId: string; errors: SaveError[] };

export async function handleTree(
  ex: Exchange,
  services: OrgServices,
  root: ObjectSchema,
  version: string,
  route: RestRoute,
): Promise<void> {
  const records = parseTree(await readJson(ex), root, services);
  const duplicates = duplicateReferences(records);
  if (duplicates.length > 0) return sendJson(ex, 400, { hasErrors: true, results: duplicates });
  const unit = services.state.newUnit();
  const ids = new Map<TreeRecord, string>();
  const responses: SubResponse[] = [];
  let failure: TreeResult | null = null;
  // Level by level (the records come so from parseTree): each parent exists before its children.
  for (const record of records) {
    const parentId = record.parent ? ids.get(record.parent.record) : undefined;
    const body = record.parent
      ? { ...record.values, [record.parent.field.name]: parentId }
      : record.values;
    const url = `/services/data/v${version}/sobjects/${record.schema.name}`;
    const response = await runSubrequest(
      ex,
      { method: 'POST', url, headers: {}, body },
      route,
      unit,
    );
    responses.push(response);
    const id = isPlainObject(response.body) ? response.body.id : undefined;
    if (response.status === 201 && typeof id === 'string') {
      ids.set(record, id);
      continue;
    }
    failure = { referenceId: record.referenceId, errors: saveErrors(response.body) };
    break;
  }
  if (failure) services.state.rollbackUnit(unit);
  else services.state.commitUnit(unit);
  for (const response of responses) noteSubrequestWrites(ex, response.writes, failure !== null);
  if (failure) return sendJson(ex, 400, { hasErrors: true, results: [failure] });
  const results = records.map((record) => ({
    referenceId: record.referenceId,
    id: ids.get(record),
  }));
  sendJson(ex, 201, { hasErrors: false, results });
}

/** A REST error answer (`[{message, errorCode, fields?}]`) as a tree result's errors. */
function saveErrors(body: unknown): SaveError[] {
  const errors = Array.isArray(body) ? body.filter(isPlainObject) : [];
  return errors.map((error) => ({
    statusCode: String(error.errorCode),
    message: String(error.message),
    fields: Array.isArray(error.fields) ? error.fields.map(String) : [],
  }));
}

/** Every record of the trees, roots first, then each next level across all trees. */
function parseTree(body: unknown, root: ObjectSchema, services: OrgServices): TreeRecord[] {
  if (!isPlainObject(body) || !Array.isArray(body.records))
    throw requestError("'records' is a required field.");
  const all: TreeRecord[] = [];
  let level: { item: unknown; schema: ObjectSchema; parent: TreeRecord['parent'] }[] =
    body.records.map((item: unknown) => ({ item, schema: root, parent: null }));
  for (let depth = 1; level.length > 0; depth += 1) {
    if (depth > MAX_DEPTH)
      throw requestError(`sObject trees can be up to ${MAX_DEPTH} levels deep.`);
    const next: typeof level = [];
    for (const { item, schema, parent } of level) {
      const record = parseRecord(item, schema, parent);
      all.push(record);
      for (const [key, value] of Object.entries(isPlainObject(item) ? item : {})) {
        const child = isPlainObject(value) ? childRelationship(services, schema, key) : null;
        if (!child || !isPlainObject(value)) continue;
        delete record.values[key];
        const children: unknown[] = Array.isArray(value.records) ? value.records : [];
        for (const childItem of children)
          next.push({
            item: childItem,
            schema: child.schema,
            parent: { record, field: child.field },
          });
      }
    }
    level = next;
  }
  if (all.length > MAX_RECORDS)
    throw requestError(
      `A tree request can create up to ${MAX_RECORDS} records; this one has ${all.length}.`,
    );
  const types = new Set(all.map((record) => record.schema.name));
  if (types.size > MAX_TYPES)
    throw requestError(`A tree request can create records of up to ${MAX_TYPES} types.`);
  return all;
}

function parseRecord(
  item: unknown,
  schema: ObjectSchema,
  parent: TreeRecord['parent'],
): TreeRecord {
  if (!isPlainObject(item)) throw requestError('Each record must be a JSON object');
  const { attributes, ...values } = item;
  if (!isPlainObject(attributes) || typeof attributes.referenceId !== 'string')
    throw requestError('Each record needs attributes with a referenceId.');
  if (
    typeof attributes.type !== 'string' ||
    attributes.type.toLowerCase() !== schema.name.toLowerCase()
  )
    throw requestError(
      `The record ${attributes.referenceId} must have attributes.type ${schema.name}.`,
    );
  return { referenceId: attributes.referenceId, schema, values, parent };
}

/**
 * The child relationship `name` of `parent`: named after the child object's plural label
 * (Contacts, Opportunities, Tasks, Events), through the child's createable reference to the
 * parent (the owner and a record's own object excepted).
 */
function childRelationship(
  services: OrgServices,
  parent: ObjectSchema,
  name: string,
): { schema: ObjectSchema; field: FieldSpec } | null {
  for (const schema of services.state.schemas.values()) {
    if (
      schema === parent ||
      schema.labelPlural.replace(/\s/g, '').toLowerCase() !== name.toLowerCase()
    )
      continue;
    const field = schema.fields.find(
      (f) =>
        f.type === 'reference' &&
        f.createable &&
        f.name !== 'OwnerId' &&
        f.referenceTo.includes(parent.name),
    );
    if (field) return { schema, field };
  }
  return null;
}

/** Each record whose referenceId another record shares: one result per instance. */
function duplicateReferences(records: readonly TreeRecord[]): TreeResult[] {
  const counts = new Map<string, number>();
  for (const { referenceId } of records)
    counts.set(referenceId, (counts.get(referenceId) ?? 0) + 1);
  return records
    .filter(({ referenceId }) => (counts.get(referenceId) ?? 0) > 1)
    .map(({ referenceId }) => ({
      referenceId,
      errors: [
        {
          statusCode: 'INVALID_INPUT',
          message: 'Duplicate ReferenceId provided in the request',
          fields: [],
        },
      ],
    }));
}

function requestError(message: string): SfApiError {
  return new SfApiError(400, 'INVALID_INPUT', message);
}
