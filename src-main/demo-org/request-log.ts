// The API calls the org has received, for tests that assert how the client talks to Salesforce:
// which calls, and which records each call created, updated or deleted (so a test can count how
// often a record was written). Secrets never enter the log.

/** What a write call did to records, in request order. */
export interface WriteOutcomes {
  created: string[];
  updated: string[];
  deleted: string[];
  /** Records the call refused: their id when the request named one, and Salesforce's code. */
  failed: { id: string | null; statusCode: string }[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string, with credentials (tokens, codes, secrets) replaced by `REDACTED`. */
  query: string;
  status: number;
  time: string;
  durationMs: number;
  /** Present on record writes (sObject rows and collections). */
  writes?: WriteOutcomes;
  /** The Sforce-Auto-Assign header as sent, when it was. */
  autoAssign?: string;
}

const MAX_ENTRIES = 20_000;

/** Query parameters that carry credentials (OAuth lets some travel in the URL). */
const SECRET_PARAMS = new Set([
  'access_token',
  'oauth_token',
  'refresh_token',
  'code',
  'code_verifier',
  'client_secret',
  'password',
  'assertion',
  'token',
]);

export function emptyWrites(): WriteOutcomes {
  return { created: [], updated: [], deleted: [], failed: [] };
}

/** The query string as the log keeps it: every credential's value replaced. */
export function redactedQuery(search: string): string {
  if (search === '' || search === '?') return search;
  const params = new URLSearchParams(search);
  let redacted = false;
  for (const name of new Set(params.keys())) {
    if (!SECRET_PARAMS.has(name.toLowerCase())) continue;
    params.set(name, 'REDACTED');
    redacted = true;
  }
  return redacted ? `?${params.toString()}` : search;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

type WriteKind = 'created' | 'updated' | 'deleted';

/** Notes a record a call saved, on the exchange the request log reads when the call ends. */
export function noteWrite(ex: { writes?: WriteOutcomes }, kind: WriteKind, id: string): void {
  ex.writes ??= emptyWrites();
  ex.writes[kind].push(id);
}

/** Notes a record a call refused. */
export function noteFailure(
  ex: { writes?: WriteOutcomes },
  id: string | null,
  statusCode: string,
): void {
  ex.writes ??= emptyWrites();
  ex.writes.failed.push({ id, statusCode });
}

/**
 * Adds a subrequest's record writes to the call that carried it. Writes a rolled-back composite
 * undid count as refused (`PROCESSING_HALTED`); a create's id no longer exists, so it has none.
 */
export function noteSubrequestWrites(
  ex: { writes?: WriteOutcomes },
  writes: WriteOutcomes | undefined,
  rolledBack: boolean,
): void {
  if (!writes) return;
  if (!rolledBack) {
    for (const kind of ['created', 'updated', 'deleted'] as const)
      for (const id of writes[kind]) noteWrite(ex, kind, id);
  } else {
    writes.created.forEach(() => noteFailure(ex, null, 'PROCESSING_HALTED'));
    for (const id of [...writes.updated, ...writes.deleted])
      noteFailure(ex, id, 'PROCESSING_HALTED');
  }
  for (const { id, statusCode } of writes.failed) noteFailure(ex, id, statusCode);
}
