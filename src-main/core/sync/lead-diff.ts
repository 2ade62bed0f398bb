/** A Lead as the API returns it: field API names to values. */
export type SalesforceRecord = Record<string, unknown> & { Id: string; SystemModstamp: string };

export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/**
 * Stamps that move on every save: a change to them is not a timing event a channel could
 * act on, so they are stored but never reported.
 */
const BOOKKEEPING_FIELDS = new Set([
  'attributes',
  'SystemModstamp',
  'LastModifiedDate',
  'LastModifiedById',
  'LastViewedDate',
  'LastReferencedDate',
]);

/**
 * The fields whose value differs between the cached and the fresh version of a Lead, except
 * `unreported` ones (formula fields: their drift is no one's edit).
 */
export function diffLead(
  cached: Record<string, unknown>,
  fresh: Record<string, unknown>,
  unreported: ReadonlySet<string> = new Set(),
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(fresh)) {
    if (BOOKKEEPING_FIELDS.has(field) || unreported.has(field) || !(field in cached)) continue;
    const oldValue = cached[field] ?? null;
    const newValue = fresh[field] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) {
      changes.push({ field, oldValue, newValue });
    }
  }
  return changes;
}

/** Without Salesforce's `attributes` (type and URL), which the cache does not need. */
export function storedFields(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes: _attributes, ...fields } = record;
  return fields;
}
