import type { Connection } from 'jsforce';
import { AppError } from '../errors';

/** A page that takes longer than this is given up on (the run fails and is retried). */
const PAGE_TIMEOUT_MS = 120_000;
const PAGE_ATTEMPTS = 3;

/**
 * One query page over plain fetch. jsforce 3.10 pipes a response body without forwarding its
 * errors, so a connection dropped mid-body becomes an uncaught exception (fatal to a Node host)
 * and a call that never settles (the sync would hang for good). Bodies are therefore read
 * here; anything but a 200 is handed to jsforce, which owns retries, session refresh and
 * Salesforce's error codes.
 */
export async function readQueryPage(connection: Connection, url: string): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    let text: string;
    try {
      const response = await fetch(new URL(url, connection.instanceUrl), {
        headers: {
          Authorization: `Bearer ${connection.accessToken ?? ''}`,
          Accept: 'application/json',
        },
        signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        return await connection.request<unknown>(url);
      }
      noteLimitInfo(connection, response.headers.get('sforce-limit-info'));
      text = await response.text();
    } catch (error) {
      // fetch rejects with a TypeError when the connection fails or drops mid-body: a GET of
      // a page (or its cursor) can simply be asked for again.
      const dropped = error instanceof TypeError;
      if (!dropped || attempt >= PAGE_ATTEMPTS) throw droppedPage(error);
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      continue;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}

/** What jsforce records from every response, so API usage stays current. */
function noteLimitInfo(connection: Connection, header: string | null): void {
  const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  if (match)
    connection.limitInfo = { apiUsage: { used: Number(match[1]), limit: Number(match[2]) } };
}

function droppedPage(cause: unknown): unknown {
  if (!(cause instanceof TypeError) && !(cause instanceof DOMException)) return cause;
  return new AppError(
    'SALESFORCE_UNREACHABLE',
    'The connection to Salesforce dropped while a page of Leads arrived. The sync will try again.',
    { cause },
  );
}
