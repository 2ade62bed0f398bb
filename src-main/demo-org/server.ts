// The HTTP front door: routes each request to OAuth, REST, streaming, admin or the demo page,
// applies injected faults, auth and API limits, and guarantees a Salesforce-shaped answer.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { OrgServices } from './api-context';
import { versionedPath, versionStatus } from './api-context';
import { handleAdmin } from './admin-api';
import type { AdminDeps } from './admin-api';
import { adminRefusal } from './admin-guard';
import { serveDemoPage } from './demo-page/assets';
import type { FaultRule } from './faults';
import type { Exchange } from './http-util';
import {
  MAX_REQUEST_HEAD_BYTES,
  oversizedRequest,
  readBody,
  send,
  sendFailure,
  sendJson,
} from './http-util';
import { badOAuthToken, type OAuthEndpoints } from './oauth';
import { redactedQuery, type RequestLog } from './request-log';
import { RestApi, versionsList } from './rest-api';
import { generateLeads } from './seed-leads';
import { notFound, requestLimitExceeded, SfApiError, versionRetired } from './sf-errors';
import type { StreamingEndpoint } from './streaming';

export interface ServerParts extends AdminDeps {
  services: OrgServices;
  oauth: OAuthEndpoints;
  requests: RequestLog;
  streaming: StreamingEndpoint;
}

export function createOrgServer(parts: ServerParts): Server {
  const rest = new RestApi(parts.services, (userId) => parts.oauth.identityUrl(userId));
  // Node refuses heads over 16 KiB itself (a bare 400): accept more, so the org can answer as
  // Salesforce does (414/431) in route().
  const server = createServer({ maxHeaderSize: 4 * MAX_REQUEST_HEAD_BYTES }, (req, res) => {
    void route(req, res, parts, rest);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  parts: ServerParts,
  rest: RestApi,
): Promise<void> {
  const started = Date.now();
  let url: URL;
  try {
    // Salesforce's CLI keeps instance URLs with a trailing slash and asks for "//services/…",
    // which a real org serves; parsed as is, "//services" would read as a host.
    url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://127.0.0.1');
  } catch {
    res.writeHead(400).end();
    return;
  }
  const ex: Exchange = {
    headers: req.headers,
    readBody: () => readBody(req),
    res,
    url,
    method: req.method ?? 'GET',
    path: url.pathname,
    extraHeaders: {},
  };
  if (ex.path.startsWith('/services/') || ex.path.startsWith('/id/')) {
    res.on('close', () => {
      const autoAssign = req.headers['sforce-auto-assign'];
      parts.requests.add({
        method: ex.method,
        path: ex.path,
        query: redactedQuery(url.search),
        status: res.headersSent ? res.statusCode : 0,
        time: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        ...(ex.writes ? { writes: ex.writes } : {}),
        ...(typeof autoAssign === 'string' ? { autoAssign } : {}),
      });
    });
  }
  const oversized = oversizedRequest(req, parts.services.state.settings.maxRequestHeadBytes);
  if (oversized) {
    send(ex, oversized.status, oversized.body, { 'Content-Type': 'text/html;charset=iso-8859-1' });
    return;
  }
  try {
    await dispatch(ex, { req, res }, parts, rest);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendFailure(ex, error);
  }
}

/** The socket's request and response, for what only the wire has (peer address, partial bodies). */
interface Wire {
  req: IncomingMessage;
  res: ServerResponse;
}

async function dispatch(
  ex: Exchange,
  wire: Wire,
  parts: ServerParts,
  rest: RestApi,
): Promise<void> {
  const { path } = ex;
  if (path.startsWith('/__admin/')) {
    const refusal = adminRefusal(wire.req);
    if (refusal !== null) throw new SfApiError(403, 'FORBIDDEN', refusal);
    return handleAdmin(ex, parts);
  }
  if (path.startsWith(parts.streaming.mount)) return parts.streaming.handle(wire.req, wire.res);
  if (path.startsWith('/services/oauth2/')) {
    const fault = parts.services.faults.take(path);
    if (fault && (await applyFault(ex, wire, fault, parts))) return;
    if (await parts.oauth.handle(ex)) return;
    throw notFound();
  }
  if (path.startsWith('/id/')) return parts.oauth.identity(ex);
  if (path === '/services/data' || path === '/services/data/')
    return sendJson(ex, 200, versionsList());
  const match = versionedPath(path);
  if (match) {
    const { version } = match;
    const status = versionStatus(version);
    if (status === 'retired') throw versionRetired(version);
    if (status === 'unknown') throw notFound();
    const fault = parts.services.faults.take(path);
    if (fault && (await applyFault(ex, wire, fault, parts))) return;
    const session = parts.oauth.bearer(ex);
    if (!parts.services.usage.count()) {
      ex.extraHeaders['Sforce-Limit-Info'] = parts.services.usage.header();
      throw requestLimitExceeded();
    }
    ex.extraHeaders['Sforce-Limit-Info'] = parts.services.usage.header();
    return rest.handle(ex, version, match.rest, session.userId);
  }
  if (serveDemoPage(ex)) return;
  throw notFound();
}

/** Salesforce's scheduled-maintenance / proxy answer: an HTML page, not a JSON error. */
const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p></body></html>';

function invalidGrant(ex: Exchange, description: string): true {
  sendJson(ex, 400, { error: 'invalid_grant', error_description: description });
  return true;
}

/** Applies a fault; true when it answered the request itself. */
async function applyFault(
  ex: Exchange,
  wire: Wire,
  fault: FaultRule,
  parts: ServerParts,
): Promise<boolean> {
  const { state } = parts.services;
  switch (fault.kind) {
    case 'expired-session':
      // The OAuth endpoints say it their own way (403 and one word), the REST API with a 401.
      if (ex.path.startsWith('/services/oauth2/')) return badOAuthToken(ex);
      throw new SfApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    case '500':
      throw new SfApiError(
        500,
        'UNKNOWN_EXCEPTION',
        'An unexpected error occurred. Please include this ErrorId if you contact support: 1-2-3 (demo-org)',
      );
    case '503':
      throw new SfApiError(
        503,
        'SERVER_UNAVAILABLE',
        'Server temporarily unavailable. Please try again later.',
      );
    case '503-html':
      send(ex, 503, MAINTENANCE_PAGE, { 'Content-Type': 'text/html;charset=UTF-8' });
      return true;
    case 'query-timeout':
      throw new SfApiError(400, 'QUERY_TIMEOUT', 'Your query request was running for too long.');
    case 'invalid-grant-expired':
      return invalidGrant(ex, 'expired access/refresh token');
    case 'invalid-grant-ip-or-hours':
      return invalidGrant(ex, 'ip restricted or invalid login hours');
    case 'invalid-grant-inactive-user':
      return invalidGrant(ex, 'inactive user');
    case 'request-limit-exceeded':
      ex.extraHeaders['Sforce-Limit-Info'] =
        `api-usage=${state.settings.dailyApiLimit}/${state.settings.dailyApiLimit}`;
      throw requestLimitExceeded();
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return false;
    case 'reset':
      wire.res.writeHead(200, {
        'Content-Type': 'application/json;charset=UTF-8',
        'Content-Length': '4096',
      });
      wire.res.write('{"totalSize":2000,"done":false,"records":[{"attributes":');
      setImmediate(() => wire.res.destroy());
      return true;
    case 'stall':
      // The body never finishes; the connection ends when the client gives up or the org closes.
      wire.res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
      wire.res.write('{"totalSize":2000,"done":false,"records":[');
      return true;
    case 'malformed-json':
      send(ex, 200, '{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Lead"');
      return true;
    case 'lost-response':
      // The org does the work; only the answer is lost (send() drops the connection instead).
      ex.dropResponse = true;
      return false;
    case 'unable-to-lock-row':
      return false;
    case 'late-commit': {
      // A long transaction commits now with the timestamp of when it started: its SystemModstamp
      // is older than rows already served, which a naive "> watermark" poll never sees.
      const [lead] = generateLeads(1, `late-${state.revision}`, state.leadOwnerIds(), state.now());
      if (lead) {
        state.transact(state.demoUserId, 'com/salesforce/api/rest/62.0', (tx) =>
          tx.insert('Lead', lead.values, { stampMs: state.now() - fault.ms }),
        );
      }
      return false;
    }
  }
}
