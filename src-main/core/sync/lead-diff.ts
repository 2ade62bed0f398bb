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
 * What a conversion sets in one save (the converted status included): it is one `converted`
 * timing event, not six field changes.
 */
const CONVERSION_FIELDS = new Set([
  'IsConverted',
  'ConvertedDate',
  'ConvertedAccountId',
  'ConvertedContactId',
  'ConvertedOpportunityId',
  'Status',
]);

export interface Conversion {
  contactId: string | null;
  accountId: string | null;
  opportunityId: string | null;
}

/** The records a converted Lead became; null for a Lead not converted. */
export function conversionOf(record: Record<string, unknown>): Conversion | null {
  if (record.IsConverted !== true) return null;
  const id = (field: string) =>
    typeof record[field] === 'string' ? (record[field] as string) : null;
  return {
    contactId: id('ConvertedContactId'),
    accountId: id('ConvertedAccountId'),
    opportunityId: id('ConvertedOpportunityId'),
  };
}

/** The surviving Lead's Id when this deleted Lead lost a merge (Salesforce sets MasterRecordId). */
export function mergedInto(record: Record<string, unknown>): string | null {
  return record.IsDeleted === true && typeof record.MasterRecordId === 'string'
    ? record.MasterRecordId
    : null;
}

/**
 * The fields whose value differs between the cached and the fresh version of a Lead. When this
 * version converts the Lead, the conversion's own fields are left to the `converted` event;
 * `unreported` ones (formula fields) never count: their drift is no one's edit.
 */
export function diffLead(
  cached: Record<string, unknown>,
  fresh: Record<string, unknown>,
  unreported: ReadonlySet<string> = new Set(),
): FieldChange[] {
  const converting = conversionOf(fresh) !== null && conversionOf(cached) === null;
  const changes: FieldChange[] = [];
  for (const field of Object.keys(fresh)) {
    if (BOOKKEEPING_FIELDS.has(field) || unreported.has(field) || !(field in cached)) continue;
    if (converting && CONVERSION_FIELDS.has(field)) continue;
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
