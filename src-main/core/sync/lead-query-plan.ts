import { AppError } from '../errors';
import { SALESFORCE_API_VERSION } from '../salesforce/api-version';

/**
 * Salesforce refuses a request whose URI plus headers pass 16,384 bytes (414 URI Too Long,
 * 431 for the headers); a REST query can only be a GET. Query URIs are kept under this budget,
 * which leaves room for the host and headers (the bearer token, Accept, User-Agent…).
 * https://help.salesforce.com/s/articleView?id=000386264
 */
export const MAX_QUERY_URI_BYTES = 14_000;

/** The longest WHERE and ORDER BY a chunk's query gets, encoded; an Id list adapts to what is left. */
export const WHERE_RESERVE_BYTES = 1_000;

/** Salesforce's cap on a SOQL WHERE clause, in characters. */
const MAX_WHERE_CHARS = 4_000;

/** What every chunk selects, so its rows can be joined by Id and checked for one version. */
const JOIN_KEYS = ['Id', 'SystemModstamp'];

export type QueryEndpoint = 'query' | 'queryAll';

/** The SELECT lists of a Lead: the leading one, then those completing its Leads (if any). */
export type LeadSelects = readonly [leading: string[], ...others: string[][]];

export function queryUri(endpoint: QueryEndpoint, soql: string): string {
  return `/services/data/v${SALESFORCE_API_VERSION}/${endpoint}?q=${encodeURIComponent(soql)}`;
}

function uriBytes(endpoint: QueryEndpoint, soql: string): number {
  return Buffer.byteLength(queryUri(endpoint, soql));
}

function encodedBytes(text: string): number {
  return Buffer.byteLength(encodeURIComponent(text));
}

/**
 * The Lead fields split into SELECT lists that each fit a query URI, every one carrying Id and
 * SystemModstamp. The first list leads: it decides which Leads a page holds; the others
 * complete those Leads. An ordinary org gets one list: one query, as before.
 */
export function splitLeadSelects(fields: readonly string[]): LeadSelects {
  const budget = MAX_QUERY_URI_BYTES - WHERE_RESERVE_BYTES;
  const empty = uriBytes('queryAll', selectFrom([]));
  const item = (field: string) => encodedBytes(field) + encodedBytes(', ');
  const missingKeys = (list: string[]) => JOIN_KEYS.filter((key) => !list.includes(key));
  const leading: string[] = [];
  const others: string[][] = [];
  let current = leading;
  let bytes = empty;
  for (const field of fields) {
    if (current !== leading && JOIN_KEYS.includes(field)) continue;
    const keys = missingKeys([...current, field]).reduce((sum, key) => sum + item(key), 0);
    if (bytes + item(field) + keys > budget) {
      current.push(...missingKeys(current));
      current = [...JOIN_KEYS];
      others.push(current);
      bytes = current.reduce((sum, key) => sum + item(key), empty);
    }
    current.push(field);
    bytes += item(field);
  }
  current.push(...missingKeys(current));
  return [leading, ...others];
}

export function selectFrom(fields: readonly string[]): string {
  return `SELECT ${fields.join(', ')} FROM Lead`;
}

/**
 * `Id IN (...)` clauses for `ids`, as many Ids in each as fit the URI and WHERE limits next to
 * the widest of `selects`.
 */
export function idInClauses(
  endpoint: QueryEndpoint,
  selects: readonly string[][],
  ids: readonly string[],
): string[] {
  const widest = Math.max(...selects.map((fields) => uriBytes(endpoint, selectFrom(fields))));
  const room = MAX_QUERY_URI_BYTES - widest;
  const frame = ' WHERE Id IN ()';
  const separator = ', ';
  const clauses: string[] = [];
  let group: string[] = [];
  let bytes = 0;
  let chars = 0;
  for (const id of ids) {
    const item = `'${id}'`;
    const extraBytes = encodedBytes(item) + (group.length > 0 ? encodedBytes(separator) : 0);
    const extraChars = item.length + (group.length > 0 ? separator.length : 0);
    const fits =
      encodedBytes(frame) + bytes + extraBytes <= room &&
      frame.length + chars + extraChars <= MAX_WHERE_CHARS;
    if (!fits && group.length > 0) {
      clauses.push(` WHERE Id IN (${group.join(separator)})`);
      group = [];
      bytes = chars = 0;
    }
    bytes += encodedBytes(item) + (group.length > 0 ? encodedBytes(separator) : 0);
    chars += item.length + (group.length > 0 ? separator.length : 0);
    group.push(item);
  }
  if (group.length > 0) clauses.push(` WHERE Id IN (${group.join(separator)})`);
  return clauses;
}

/** Refuses to send a query Salesforce would answer with 414, and says what to do instead. */
export function checkedQueryUri(endpoint: QueryEndpoint, soql: string): string {
  const uri = queryUri(endpoint, soql);
  if (Buffer.byteLength(uri) > MAX_QUERY_URI_BYTES) throw leadQueryTooLong('414');
  return uri;
}

/** The statuses Salesforce's front server (or a proxy) answers a request too large with. */
const TOO_LONG = {
  '414': 'URI Too Long',
  '431': 'Request Header Fields Too Large',
} as const;
type TooLongStatus = keyof typeof TOO_LONG;

/** The clear error for a query refused as too long; undefined for any other error code. */
export function tooLongQueryError(code: string, cause: unknown): AppError | undefined {
  const status = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
  return status && status in TOO_LONG
    ? leadQueryTooLong(status as TooLongStatus, cause)
    : undefined;
}

function leadQueryTooLong(status: TooLongStatus, cause?: unknown): AppError {
  // 414 is the URI alone; 431 counts the headers too, and a proxy can set a lower limit.
  const why =
    status === '414'
      ? 'the org has more Lead fields than one query can name'
      : 'the query with its request headers passed the size Salesforce, or a proxy in front of it, accepts';
  return new AppError(
    'SALESFORCE_QUERY_TOO_LONG',
    `Salesforce refused a Lead query as too long (${status} ${TOO_LONG[status]}): ${why}. Leadbridge splits such queries; report this with the number of Lead fields in your org${status === '431' ? ' and any proxy between Leadbridge and Salesforce' : ''}.`,
    { cause },
  );
}
