// A subrequest of a composite, tree or batch call: served by the same REST handler as a call
// from the wire (same validation, rules, faults, request-log writes and CDC), its answer captured
// instead of sent.
import type { IncomingHttpHeaders } from 'node:http';
import { versionedPath, versionStatus } from './api-context';
import type { Exchange, ResponseSink } from './http-util';
import { sendFailure } from './http-util';
import type { WriteUnit } from './org-state';
import type { WriteOutcomes } from './request-log';
import { isPlainObject } from './records';
import { jsonParserError, notFound, SfApiError, versionRetired } from './sf-errors';

/** The REST handler: serves `ex` for the path after /services/data/vXX.X. */
export type RestRoute = (ex: Exchange, version: string, rest: string) => Promise<void>;

export interface Subrequest {
  method: string;
  /** A /services/data/vXX.X/... path, with its query string. */
  url: string;
  /** The subrequest's own headers, over those of the call that carries it. */
  headers: Record<string, string>;
  /** The JSON body; undefined when it has none. */
  body: unknown;
}

export interface SubResponse {
  status: number;
  /** Response headers, without Content-Type and Content-Length (the call's own carry those). */
  headers: Record<string, string>;
  /** The parsed JSON body; null when it has none. */
  body: unknown;
  /** The records it wrote or refused, for the call's request-log entry. */
  writes?: WriteOutcomes;
}

/** Where the REST handler's answer to a subrequest lands. */
class CapturedResponse implements ResponseSink {
  headersSent = false;
  status = 0;
  headers: Record<string, string> = {};
  body: Buffer | null = null;

  writeHead(status: number, headers: Record<string, string>): void {
    this.status = status;
    this.headers = headers;
    this.headersSent = true;
  }

  end(body?: Buffer): void {
    this.body = body ?? null;
  }

  destroy(): void {
    this.headersSent = true;
  }
}

const CALL_ONLY_HEADERS = new Set(['content-type', 'content-length']);

/** The path after /services/data/vXX.X, and its version; null when it is not a REST API path. */
export function restPathOf(url: string): { version: string; rest: string } | null {
  return versionedPath(new URL(url, 'http://127.0.0.1').pathname);
}

export async function runSubrequest(
  call: Exchange,
  sub: Subrequest,
  route: RestRoute,
  unit: WriteUnit | undefined,
): Promise<SubResponse> {
  const url = new URL(sub.url, 'http://127.0.0.1');
  const headers: IncomingHttpHeaders = { ...call.headers };
  for (const [name, value] of Object.entries(sub.headers)) headers[name.toLowerCase()] = value;
  const res = new CapturedResponse();
  const ex: Exchange = {
    headers,
    readBody: () => Promise.resolve(sub.body === undefined ? '' : JSON.stringify(sub.body)),
    res,
    url,
    method: sub.method,
    path: url.pathname,
    extraHeaders: {},
    ...(unit ? { unit } : {}),
  };
  try {
    const path = restPathOf(sub.url);
    const status = path ? versionStatus(path.version) : 'unknown';
    if (path && status === 'retired') throw versionRetired(path.version);
    if (!path || status !== 'served') throw notFound();
    await route(ex, path.version, path.rest);
  } catch (error) {
    sendFailure(ex, error);
  }
  const text = res.body?.toString('utf8') ?? '';
  const kept = Object.entries(res.headers).filter(
    ([name]) => !CALL_ONLY_HEADERS.has(name.toLowerCase()),
  );
  return {
    status: res.status,
    headers: Object.fromEntries(kept),
    body: text === '' ? null : (JSON.parse(text) as unknown),
    ...(ex.writes ? { writes: ex.writes } : {}),
  };
}

/** The route limited to the resources a kind of call may carry; any other answers NOT_FOUND. */
export function routeOnly(route: RestRoute, resources: readonly string[]): RestRoute {
  return (ex, version, rest) => {
    const path = rest
      .split('/')
      .filter((part) => part !== '')
      .join('/');
    if (!resources.some((resource) => path === resource || path.startsWith(`${resource}/`)))
      throw notFound();
    return route(ex, version, rest);
  };
}

export const SUBREQUEST_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_SUBREQUESTS = 25;

/**
 * The subrequests of a Composite (`compositeRequest`) or Composite Batch (`batchRequests`)
 * body, checked before any runs: absent or more than 25 refuses the whole call with 400.
 */
export function subrequestItems(
  body: unknown,
  field: 'compositeRequest' | 'batchRequests',
  kind: 'composite' | 'batch',
): unknown[] {
  if (!isPlainObject(body) || !Array.isArray(body[field]))
    throw jsonParserError(`'${field}' is a required field.`);
  const items: unknown[] = body[field];
  if (items.length > MAX_SUBREQUESTS)
    throw new SfApiError(
      400,
      'LIMIT_EXCEEDED',
      `A ${kind} request can have up to ${MAX_SUBREQUESTS} subrequests; this one has ${items.length}.`,
    );
  return items;
}
