// One record as the REST API answers it (sObject Rows GET, collections retrieve): its attributes
// and the asked-for fields, formula fields computed as of the request.
import type { OrgState } from './org-state';
import { fieldReader, type FormulaContext } from './formulas';
import type { FieldSpec, ObjectSchema, SfRecord } from './schema-types';
import { SfApiError } from './sf-errors';

/** Formula fields are computed as of this request. */
export function formulaContext(state: OrgState): FormulaContext {
  return { resolve: (id) => state.find(id), nowMs: state.now() };
}

/** The fields a `fields` list names (every field when null); an unknown one is INVALID_FIELD. */
export function namedFields(schema: ObjectSchema, names: readonly string[] | null): FieldSpec[] {
  if (names === null) return schema.fields;
  return names.map((name) => {
    const spec = schema.byLowerName.get(name.trim().toLowerCase());
    if (!spec)
      throw new SfApiError(
        400,
        'INVALID_FIELD',
        `No such column '${name.trim()}' on sobject of type ${schema.name}`,
      );
    return spec;
  });
}

/** The record the API user can read: live and shared with them. */
export function readableRecord(
  state: OrgState,
  schema: ObjectSchema,
  id: string,
): SfRecord | undefined {
  const record = state.table(schema.name).get(id);
  if (!record || record.IsDeleted === true || state.hiddenIds.has(id)) return undefined;
  return record;
}

export function recordBody(
  state: OrgState,
  schema: ObjectSchema,
  record: SfRecord,
  version: string,
  fields: readonly FieldSpec[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    attributes: {
      type: schema.name,
      url: `/services/data/v${version}/sobjects/${schema.name}/${String(record.Id)}`,
    },
  };
  const context = formulaContext(state);
  for (const spec of fields) body[spec.name] = fieldReader(spec, context)(record);
  return body;
}
