import { MAX_QUERY_URI_BYTES, queryUri } from '../sync/lead-query-plan';
import { queryRecords, soqlString, type SalesforceCalls } from '../writeback/salesforce-query';
import type { BookingObject } from './object-describes';

/** A live record with a guest's email. */
export interface FoundRecord {
  object: BookingObject;
  id: string;
  createdAt: number;
}

/** Per object, email (lower case) → its oldest live record. */
export type FoundRecords = Record<BookingObject, Map<string, FoundRecord>>;

/**
 * The records having the emails asked for, per object: one query per object for a batch
 * (Leads not converted), the oldest record per email.
 */
export async function lookUpRecords(
  salesforce: SalesforceCalls,
  wanted: readonly { object: BookingObject; email: string }[],
): Promise<FoundRecords> {
  const found: FoundRecords = { Lead: new Map(), Contact: new Map() };
  for (const object of ['Contact', 'Lead'] as const) {
    const emails = new Set(
      wanted.filter((want) => want.object === object).map((want) => want.email.toLowerCase()),
    );
    for (const soql of lookUpQueries(object, [...emails])) {
      for (const row of await queryRecords(salesforce, soql)) {
        const email = String(row.Email).toLowerCase();
        if (found[object].has(email)) continue;
        found[object].set(email, {
          object,
          id: String(row.Id),
          createdAt: instant(row.CreatedDate),
        });
      }
    }
  }
  return found;
}

/** Salesforce writes an offset without a colon (`+0000`), which Date.parse may not take. */
function instant(value: unknown): number {
  return Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/**
 * The look-ups of `emails` on one object: as few queries as fit a query URI (a batch's 200
 * usually one). Salesforce caps each string in a WHERE clause at 4,000 characters and a
 * statement at 100,000; the URI (16,384 bytes with the headers) is the tighter bound.
 */
export function lookUpQueries(object: BookingObject, emails: readonly string[]): string[] {
  const live = object === 'Lead' ? ' AND IsConverted = false' : '';
  const soql = (group: readonly string[]) =>
    `SELECT Id, Email, CreatedDate FROM ${object} WHERE Email IN (${group
      .map(soqlString)
      .join(',')})${live} ORDER BY CreatedDate`;
  const fits = (group: readonly string[]) =>
    Buffer.byteLength(queryUri('query', soql(group)), 'utf8') <= MAX_QUERY_URI_BYTES;
  const queries: string[] = [];
  let group: string[] = [];
  for (const email of emails) {
    if (group.length > 0 && !fits([...group, email])) {
      queries.push(soql(group));
      group = [];
    }
    group.push(email);
  }
  if (group.length > 0) queries.push(soql(group));
  return queries;
}
