import { AppError } from '../errors';
import type { SalesforceRecord } from './lead-diff';
import { idInClauses, selectFrom, type LeadSelects, type QueryEndpoint } from './lead-query-plan';

/** Every row a query returns, following nextRecordsUrl. */
export type ReadAll = (endpoint: QueryEndpoint, soql: string) => Promise<SalesforceRecord[]>;

/** How often Leads saved while their chunks were read are read again before the run gives up. */
const REREAD_ROUNDS = 3;

/**
 * Completes a page of the leading query (`selects[0]`) with the other field chunks, read over
 * the same `window` (a WHERE clause covering the page) and joined by Id. The chunk queries run
 * moments apart, so every row carries SystemModstamp: a Lead whose chunks disagree was saved in
 * between and is read again whole, by Id, until one version answers. A Lead that is gone by then
 * (deleted, for the import's `query`) is left out. The page keeps the leading query's order.
 */
export async function completeLeads(
  page: readonly SalesforceRecord[],
  selects: LeadSelects,
  window: string,
  endpoint: QueryEndpoint,
  readAll: ReadAll,
): Promise<SalesforceRecord[]> {
  if (selects.length === 1 || page.length === 0) return [...page];
  const others = selects.slice(1);
  const readOthers = (where: string) =>
    Promise.all(others.map((fields) => readAll(endpoint, selectFrom(fields) + where)));
  const complete = new Map<string, SalesforceRecord>();
  let stale = joinVersions(page, await readOthers(window), complete);
  for (let round = 0; stale.length > 0 && round < REREAD_ROUNDS; round += 1) {
    const again: string[] = [];
    for (const where of idInClauses(endpoint, selects, stale)) {
      const [leading, rest] = await Promise.all([
        readAll(endpoint, selectFrom(selects[0]) + where),
        readOthers(where),
      ]);
      again.push(...joinVersions(leading, rest, complete));
    }
    stale = again;
  }
  if (stale.length > 0) throw leadsKeptChanging(stale.length);
  return page.flatMap((lead) => complete.get(lead.Id) ?? []);
}

/** Joins each lead with its rows in `chunks` into `into`; returns the Ids whose versions differ. */
function joinVersions(
  leads: readonly SalesforceRecord[],
  chunks: readonly SalesforceRecord[][],
  into: Map<string, SalesforceRecord>,
): string[] {
  const byId = chunks.map((rows) => new Map(rows.map((row) => [row.Id, row])));
  const stale: string[] = [];
  for (const lead of leads) {
    const parts = byId.map((rows) => rows.get(lead.Id));
    if (parts.every((part) => part?.SystemModstamp === lead.SystemModstamp))
      into.set(lead.Id, Object.assign({}, lead, ...parts) as SalesforceRecord);
    else stale.push(lead.Id);
  }
  return stale;
}

export interface StoredVersion {
  systemModstamp: string;
  fields: Record<string, unknown>;
}

/**
 * Leads the overlap window lists again unchanged: the cache holds this very SystemModstamp with
 * the same leading values, and a complete earlier run (`readAtMs`) read them whole at least
 * `settleMs` after that stamp — too late for another save in the same second to be pending.
 * Their other chunks need not be read again, which keeps a quiet org's poll at one call. (With
 * one chunk there is nothing to spare: the Lead is already whole.)
 */
export function settledRepeats(
  listed: readonly SalesforceRecord[],
  selects: LeadSelects,
  stored: (id: string) => StoredVersion | undefined,
  readAtMs: number | undefined,
  settleMs: number,
): Set<string> {
  const settled = new Set<string>();
  const leadingFields = selects[0];
  if (selects.length === 1 || readAtMs === undefined) return settled;
  for (const lead of listed) {
    if (readAtMs - Date.parse(lead.SystemModstamp) < settleMs) continue;
    const cached = stored(lead.Id);
    if (cached?.systemModstamp !== lead.SystemModstamp) continue;
    const same = leadingFields.every(
      (field) =>
        JSON.stringify(cached.fields[field] ?? null) === JSON.stringify(lead[field] ?? null),
    );
    if (same) settled.add(lead.Id);
  }
  return settled;
}

function leadsKeptChanging(count: number): AppError {
  return new AppError(
    'SALESFORCE_LEADS_CHANGING',
    `${count} Lead(s) changed every time Leadbridge read their fields, so no consistent version could be stored. The sync will try again.`,
  );
}
