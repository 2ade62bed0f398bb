// Finding records by a key field, as upsert and the look-up by external id do: an external id
// (a custom field marked "External ID") or a standard idLookup field (Id, a Lead's Email…).
// Text keys match whatever their case, as Salesforce's default ("ABC" and "abc" are the same).
import type { OrgState } from './org-state';
import { normaliseId } from './salesforce-id';
import type { FieldSpec, ObjectSchema, SfRecord, SfValue } from './schema-types';
import { isNumberType } from './schema-types';
import { fail, type Checked } from './save-result';

/** The field a record can be found and upserted by, or undefined when `name` is none. */
export function keyField(schema: ObjectSchema, name: string): FieldSpec | undefined {
  const spec = schema.byLowerName.get(name.toLowerCase());
  return spec && (spec.externalId || spec.idLookup) ? spec : undefined;
}

/** A key's value as it is compared: numbers as numbers, ids as 18 chars, text in lower case. */
function comparable(spec: FieldSpec, value: SfValue | undefined): SfValue {
  if (value === null || value === undefined || value === '') return null;
  if (isNumberType(spec.type)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (spec.type === 'id' || spec.type === 'reference')
    return normaliseId(String(value)) ?? String(value);
  return String(value).toLowerCase();
}

/** Whether two values of a key field name the same record. */
export function sameKey(spec: FieldSpec, a: SfValue | undefined, b: SfValue | undefined): boolean {
  const left = comparable(spec, a);
  return left !== null && left === comparable(spec, b);
}

/** The ids of the live records the API user can see whose key field holds `value`. */
export function recordsWithKey(
  state: OrgState,
  schema: ObjectSchema,
  spec: FieldSpec,
  value: SfValue,
): string[] {
  const visible = (record: SfRecord | undefined): record is SfRecord =>
    record !== undefined && record.IsDeleted !== true && !state.hiddenIds.has(String(record.Id));
  if (spec.type === 'id') {
    const record = state.table(schema.name).get(String(comparable(spec, value)));
    return visible(record) ? [String(record.Id)] : [];
  }
  const ids: string[] = [];
  for (const record of state.table(schema.name).values())
    if (visible(record) && sameKey(spec, record[spec.name], value)) ids.push(String(record.Id));
  return ids;
}

/**
 * An upsert body may repeat its key field only with the value that selects the record (the
 * key's value comes from the URL or, in a collection, from the record itself).
 */
export function keyInBodyDiffers(
  spec: FieldSpec,
  body: Record<string, unknown>,
  value: SfValue,
): Checked<never> | null {
  const key = Object.keys(body).find((name) => name.toLowerCase() === spec.name.toLowerCase());
  if (key === undefined) return null;
  const given = body[key];
  const same =
    (typeof given === 'string' || typeof given === 'number') && sameKey(spec, given, value);
  return same
    ? null
    : fail(
        'INVALID_FIELD',
        `The value of ${spec.name} in the request body (${String(given)}) differs from the external ID it upserts by (${String(value)})`,
        [spec.name],
      );
}

/**
 * A save giving a unique custom field a value another live record of the object holds is refused
 * with Salesforce's DUPLICATE_VALUE, as the field's unique index does when the row is written
 * (hidden records count too: uniqueness ignores sharing).
 */
export function uniqueValueTaken(
  state: OrgState,
  schema: ObjectSchema,
  values: SfRecord,
  id: string | null,
): Checked<never> | null {
  for (const spec of schema.fields) {
    if (
      !spec.custom ||
      !spec.unique ||
      values[spec.name] === undefined ||
      values[spec.name] === null
    )
      continue;
    for (const record of state.table(schema.name).values()) {
      if (record.Id === id || record.IsDeleted === true) continue;
      if (sameKey(spec, record[spec.name], values[spec.name]))
        return fail(
          'DUPLICATE_VALUE',
          `duplicate value found: ${spec.name} duplicates value on record with id: ${String(record.Id)}`,
        );
    }
  }
  return null;
}
