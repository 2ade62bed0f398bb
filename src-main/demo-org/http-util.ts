// Small node:http helpers shared by the emulator's handlers.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { WriteUnit } from './org-state';
import type { WriteOutcomes } from './request-log';
import { SfApiError, jsonParserError } from './sf-errors';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Salesforce caps a request's URI plus headers at 16,384 bytes: a longer URI answers 414, a
 * longer total 431 — from the front server, as HTML, not as an API error array.
 * https://help.salesforce.com/s/articleView?id=000386264
 */
export const MAX_REQUEST_HEAD_BYTES = 16_384;

/** The status and HTML body a request over the size limit gets; null if it fits. */
export function oversizedRequest(
  req: IncomingMessage,
  limit: number,
): { status: number; body: string } | null {
  const uriBytes = Buffer.byteLength(req.url ?? '', 'utf8');
  if (uriBytes > limit)
    return { status: 414, body: '<h1>Bad Message 414</h1><pre>reason: URI Too Long</pre>' };
  let headBytes = uriBytes;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headBytes += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`, 'utf8');
  }
  if (headBytes > limit)
    return {
      status: 431,
      body: '<h1>Bad Message 431</h1><pre>reason: Request Header Fields Too Large</pre>',
    };
  return null;
}

/**
 * Where an answer goes: the socket's ServerResponse, or a composite call collecting the answer
 * of one of its subrequests.
 */
export interface ResponseSink {
  readonly headersSent: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: Buffer): unknown;
  destroy(): unknown;
}

/** One API call as the handlers see it: a request from the wire, or a composite subrequest. */
export interface Exchange {
  headers: IncomingHttpHeaders;
  /** The request body as text (read once). */
  readBody: () => Promise<string>;
  res: ResponseSink;
  url: URL;
  method: string;
  path: string;
  /** Headers every response of this exchange carries (e.g. Sforce-Limit-Info). */
  extraHeaders: Record<string, string>;
  /** Filled by a call that writes records, for the request log. */
  writes?: WriteOutcomes;
  /** Set by the lost-response fault: the call runs, then the connection drops unanswered. */
  dropResponse?: boolean;
  /**
   * The all-or-none composite call this subrequest belongs to: its writes are undone if another
   * subrequest fails, and its collections are all-or-none too.
   */
  unit?: WriteUnit;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SfApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function readJson(ex: Exchange): Promise<unknown> {
  const text = await ex.readBody();
  if (text.trim() === '') throw jsonParserError('No content to map due to end-of-input');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    throw jsonParserError(`Unexpected character in JSON body: ${detail}`);
  }
}

export async function readForm(ex: Exchange): Promise<URLSearchParams> {
  return new URLSearchParams(await ex.readBody());
}

export function send(
  ex: Exchange,
  status: number,
  body: string | null,
  headers: Record<string, string> = {},
): void {
  if (ex.res.headersSent) return;
  if (ex.dropResponse) {
    ex.res.destroy();
    return;
  }
  const all: Record<string, string> = { ...ex.extraHeaders, ...headers };
  if (body === null) {
    ex.res.writeHead(status, all);
    ex.res.end();
    return;
  }
  if (!('Content-Type' in all)) all['Content-Type'] = 'application/json;charset=UTF-8';
  // Encode once: query pages are megabytes, and byteLength + end(string) would encode twice.
  const bytes = Buffer.from(body, 'utf8');
  all['Content-Length'] = String(bytes.length);
  ex.res.writeHead(status, all);
  ex.res.end(bytes);
}

export function sendJson(
  ex: Exchange,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(ex, status, JSON.stringify(value), headers);
}

export function sendError(ex: Exchange, error: SfApiError): void {
  const headers: Record<string, string> = {};
  if (error.errorCode === 'INVALID_SESSION_ID') headers['WWW-Authenticate'] = 'Token';
  sendJson(ex, error.status, error.toBody(), headers);
}

/**
 * Answers a call whose handler threw: a Salesforce error as itself, anything else as the
 * UNKNOWN_EXCEPTION a real org answers for its own bugs (logged, so a test run shows it).
 */
export function sendFailure(ex: Exchange, error: unknown): void {
  if (error instanceof SfApiError) return sendError(ex, error);
  process.stderr.write(
    `demo-org: unexpected error on ${ex.method} ${ex.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  sendJson(ex, 500, [
    {
      message:
        'An unexpected error occurred. Please include this ErrorId if you contact support: 1-2-3 (demo-org)',
      errorCode: 'UNKNOWN_EXCEPTION',
    },
  ]);
}

export function redirect(ex: Exchange, location: string): void {
  send(ex, 302, null, { Location: location, 'Cache-Control': 'no-store' });
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** Parses an HTTP date header (second resolution); null if absent or unparseable. */
export function httpDateHeader(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
