import { z } from 'zod';
import type { SalesforceConnection } from './salesforce-connection';
import { SALESFORCE_API_VERSION } from './api-version';

const describeFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  /** A formula field: Salesforce computes it on read, so it changes without an edit. */
  calculated: z.boolean().optional(),
});
export const leadDescribeSchema = z.object({
  name: z.literal('Lead'),
  fields: z.array(describeFieldSchema.passthrough()),
});
export type LeadDescribe = z.infer<typeof leadDescribeSchema>;

export interface CachedDescribe {
  describe: LeadDescribe;
  fetchedAt: string;
}

/** Compound fields (Address, geolocation) repeat their parts and cannot be compared whole. */
const COMPOUND_TYPES = new Set(['address', 'location']);

/** Every Lead field the sync asks for: all readable non-compound fields, by API name. */
export function syncedLeadFields(describe: LeadDescribe): string[] {
  const names = describe.fields
    .filter((field) => !COMPOUND_TYPES.has(field.type))
    .map((f) => f.name);
  for (const required of ['Id', 'SystemModstamp', 'IsDeleted']) {
    if (!names.includes(required)) names.push(required);
  }
  return names;
}

/**
 * Formula fields among the synced ones. Their value moves with time or with other records,
 * without an edit and without a SystemModstamp change, so a difference in them is never a
 * timing event: the cache just takes the fresh value.
 */
export function calculatedLeadFields(describe: LeadDescribe): Set<string> {
  return new Set(describe.fields.filter((field) => field.calculated === true).map((f) => f.name));
}

/**
 * Fetches Lead's describe, or confirms the cached one with If-Modified-Since (a 304 costs
 * an API call but no transfer). Returns undefined when unchanged.
 */
export async function fetchLeadDescribe(
  salesforce: SalesforceConnection,
  cached: CachedDescribe | undefined,
  now: string,
): Promise<CachedDescribe | undefined> {
  const headers: Record<string, string> = cached
    ? { 'If-Modified-Since': new Date(cached.fetchedAt).toUTCString() }
    : {};
  const response = await salesforce.call((connection) =>
    connection.request<unknown>({
      method: 'GET',
      url: `/services/data/v${SALESFORCE_API_VERSION}/sobjects/Lead/describe`,
      headers,
    }),
  );
  if (response === undefined || response === null || response === '') return undefined;
  const describe = leadDescribeSchema.parse(response);
  return { describe, fetchedAt: now };
}

export interface FieldDrift {
  removed: { name: string; label: string }[];
  renamed: { from: string; to: string; label: string }[];
}

/**
 * What changed between two describes for fields we sync. A removed field whose label now
 * belongs to a new API name is reported as a rename, so the admin can fix mappings.
 */
export function fieldDrift(before: LeadDescribe, after: LeadDescribe): FieldDrift {
  const afterNames = new Set(after.fields.map((f) => f.name));
  const beforeNames = new Set(before.fields.map((f) => f.name));
  const added = after.fields.filter((f) => !beforeNames.has(f.name));
  const drift: FieldDrift = { removed: [], renamed: [] };
  for (const field of before.fields) {
    if (afterNames.has(field.name)) continue;
    const successor = added.find((candidate) => candidate.label === field.label);
    if (successor) drift.renamed.push({ from: field.name, to: successor.name, label: field.label });
    else drift.removed.push({ name: field.name, label: field.label });
  }
  return drift;
}
