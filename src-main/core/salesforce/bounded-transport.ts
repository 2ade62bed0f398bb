import { PassThrough } from 'node:stream';
import type { HttpRequest, HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { CallLimits } from './call-limits';
import { fetchWhole, isDroppedConnection, type WholeResponse } from './bounded-fetch';

/** Statuses Salesforce (or a proxy in front of it) answers when a moment later may work. */
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Requests that can be sent again without doing anything twice. */
const REPEATABLE_METHODS = new Set(['GET', 'HEAD']);

/**
 * A call that failed in a way a moment later may mend, about to be sent again: what failed
 * and which attempt comes next, so a person waiting on it is told now, not when all have failed.
 */
export interface CallRetry {
  /** The attempt about to be sent (2 for the first retry). */
  attempt: number;
  attempts: number;
  /** How long until it is sent. */
  delayMs: number;
  /** What the failed attempt met, as a person reads it: "HTTP 503", "the connection dropped". */
  failure: string;
}

/** The org's daily API usage as an answer's Sforce-Limit-Info header reports it. */
export interface ReportedApiUsage {
  used: number;
  limit: number;
}

/**
 * jsforce's HTTP transport, replaced for every call the connection makes (request, limits,
 * describe, query, composite, Bulk API result sets…). jsforce 3.10 pipes a response body
 * without an error handler, so a connection dropped mid-body is an uncaught exception (fatal
 * to a Node host), and with one added the call never settles. Here every body is read whole
 * under one deadline, and jsforce keeps what it is good at: refresh-and-retry on an expired
 * session, Salesforce's error codes. API usage is read here, from every answer: jsforce reads
 * Sforce-Limit-Info only for calls made through `connection.request`, not for a raw read.
 */
export class BoundedTransport extends Transport {
  #apiUsage: ReportedApiUsage | undefined;
  #counted = 0;

  constructor(
    private readonly limits: CallLimits,
    private readonly onRetry: (retry: CallRetry) => void = () => {},
  ) {
    super();
  }

  /**
   * Since the last take: how many answers reported the org's usage (the requests Salesforce
   * counted against it, a retried GET's attempts included), and the usage of the latest,
   * once. A call without one (a dropped connection) must not restamp an old figure as new.
   */
  takeAnswers(): { counted: number; usage: ReportedApiUsage | undefined } {
    const taken = { counted: this.#counted, usage: this.#apiUsage };
    this.#apiUsage = undefined;
    this.#counted = 0;
    return taken;
  }

  override httpRequest(request: HttpRequest): StreamPromise<HttpResponse> {
    return StreamPromise.create(() => {
      // jsforce wants a stream beside the promise; nothing of ours reads bodies from it.
      const stream = new PassThrough();
      stream.end();
      return { stream, promise: this.#send(request) };
    });
  }

  async #send(request: HttpRequest): Promise<HttpResponse> {
    const repeatable = REPEATABLE_METHODS.has(request.method);
    for (let attempt = 1; ; attempt += 1) {
      const mayRepeat = repeatable && attempt < this.limits.attempts;
      let failure: string;
      try {
        const response = await fetchWhole(request.url, init(request), this.limits.timeoutMs);
        const usage = reportedApiUsage(response.headers.get('sforce-limit-info'));
        if (usage) {
          this.#apiUsage = usage;
          this.#counted += 1;
        }
        if (!mayRepeat || !TRANSIENT_STATUSES.has(response.status)) return forJsforce(response);
        failure = `HTTP ${response.status}`;
      } catch (error) {
        if (!mayRepeat || !isDroppedConnection(error)) throw error;
        failure = 'the connection dropped';
      }
      const delayMs = this.limits.retryDelayMs * attempt;
      this.onRetry({ attempt: attempt + 1, attempts: this.limits.attempts, delayMs, failure });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** `api-usage=10018/100000` (and possibly other limits after it). */
function reportedApiUsage(header: string | null): ReportedApiUsage | undefined {
  const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  return match ? { used: Number(match[1]), limit: Number(match[2]) } : undefined;
}

function init(request: HttpRequest): RequestInit {
  // fetch sets Content-Length itself and refuses one given by hand.
  const { 'content-length': _length, ...headers } = request.headers ?? {};
  const body = request.body;
  return {
    method: request.method,
    headers,
    ...(typeof body === 'string' || body instanceof Uint8Array || body instanceof URLSearchParams
      ? { body }
      : {}),
  };
}

function forJsforce(response: WholeResponse): HttpResponse {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  return { statusCode: sessionExpiredStatus(response), headers, body: response.body };
}

/**
 * The identity endpoints (userinfo) answer an expired access token with 403 Bad_OAuth_Token,
 * where the REST API answers 401. jsforce refreshes the session on a 401 only: say it its way.
 */
function sessionExpiredStatus(response: WholeResponse): number {
  return response.status === 403 && response.body.trim() === 'Bad_OAuth_Token'
    ? 401
    : response.status;
}
