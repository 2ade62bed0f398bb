import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiError } from '../../src-preload/contract';
import { dispatch, type Handlers } from '../core/contract-dispatcher';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/ports';
import { EventStreams } from './event-stream';
import { serveOAuthCallback, type OAuthCallbackRoute } from './oauth-callback-page';
import { hasValidToken, isAllowedHost } from './request-guard';
import { decodePath, requestPath } from './request-path';
import { setSecurityHeaders } from './security-headers';
import { serveStaticFile } from './static-files';

export interface WebHostOptions {
  handlers: Handlers;
  events: EventBus;
  logger: Logger;
  /** The built renderer (out/renderer). */
  rendererDirectory: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** Where the browser comes back after a Salesforce sign-in (no bearer token: state guards it). */
  oauthCallback?: OAuthCallbackRoute;
}

export interface WebHost {
  port: number;
  /** The address to open, with the token in the fragment (never sent to the server). */
  uiUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The contract over HTTP on 127.0.0.1 only: POST /api/<method>, GET /api/events (SSE). */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const streams = new EventStreams(options.events, options.logger);
  const server = http.createServer((request, response) => {
    handle(request, response, options, streams, boundPort()).catch((error: unknown) => {
      options.logger.error('web host request failed', { error: String(error) });
      if (!response.headersSent) sendError(response, 500, internalError);
      else response.destroy();
    });
  });
  const boundPort = () => (server.address() as AddressInfo).port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = boundPort();
  return {
    port,
    uiUrl: `http://127.0.0.1:${port}/#token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: WebHostOptions,
  streams: EventStreams,
  port: number,
): Promise<void> {
  setSecurityHeaders(response);
  if (!isAllowedHost(request.headers.host, port)) {
    return sendError(response, 403, {
      code: 'FORBIDDEN_HOST',
      message: `Open Leadbridge at http://127.0.0.1:${port}/ (this address is not allowed).`,
    });
  }
  const url = requestPath(request.url, port);
  if (url === null) return sendError(response, 400, badPath);

  if (options.oauthCallback && url.pathname === options.oauthCallback.path) {
    if (request.method !== 'GET') return sendError(response, 405, methodNotAllowed);
    // The redirect URI registered with Salesforce names localhost, whichever name was used.
    const callbackUrl = `http://localhost:${port}${url.pathname}${url.search}`;
    return serveOAuthCallback(options.oauthCallback, callbackUrl, response);
  }

  if (!url.pathname.startsWith('/api/')) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendError(response, 405, methodNotAllowed);
    }
    if (await serveStaticFile(options.rendererDirectory, url.pathname, response)) return;
    return sendError(response, 404, { code: 'NOT_FOUND', message: 'There is no such page.' });
  }

  if (!hasValidToken(request.headers.authorization, options.token)) {
    response.setHeader('WWW-Authenticate', 'Bearer');
    return sendError(response, 401, {
      code: 'UNAUTHORIZED',
      message: 'This request needs the access token printed when the host started.',
    });
  }
  if (url.pathname === '/api/events') {
    if (request.method !== 'GET') return sendError(response, 405, methodNotAllowed);
    if (streams.open(response)) return;
    response.setHeader('Retry-After', '10');
    return sendError(response, 503, tooManyEventStreams);
  }
  if (request.method !== 'POST') return sendError(response, 405, methodNotAllowed);

  const body = await readJsonBody(request);
  if (!body.ok) return sendError(response, body.status, body.error);
  const methodName = decodePath(url.pathname.slice('/api/'.length));
  if (methodName === null) return sendError(response, 400, badPath);
  const result = await dispatch(options.handlers, methodName, body.value, options.logger);
  if (result.ok) return sendJson(response, 200, result.value);
  return sendError(response, statusFor(result.error.code), result.error);
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError };

async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  const type = request.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      return {
        ok: false,
        status: 413,
        error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MiB.' },
      };
    }
    chunks.push(chunk);
  }
  if (size === 0) return { ok: true, value: undefined };
  if (!type.startsWith('application/json')) {
    return {
      ok: false,
      status: 415,
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.' },
    };
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return {
      ok: false,
      status: 400,
      error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
    };
  }
}

function statusFor(code: string): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 400;
    case 'UNKNOWN_METHOD':
      return 404;
    case 'INTERNAL':
      return 500;
    default:
      // Understood, but the app's state refuses it (not connected, paused…).
      return 409;
  }
}

const methodNotAllowed: ApiError = {
  code: 'METHOD_NOT_ALLOWED',
  message: 'Use POST for /api/<method> and GET for pages and /api/events.',
};
const tooManyEventStreams: ApiError = {
  code: 'TOO_MANY_EVENT_STREAMS',
  message:
    'Leadbridge is open in too many tabs. Close the ones you do not need, then reload this one.',
};
const badPath: ApiError = {
  code: 'BAD_PATH',
  message: 'This address is malformed (a broken %-escape or not a path). Check the link.',
};
const internalError: ApiError = {
  code: 'INTERNAL',
  message: 'Leadbridge hit an unexpected error. Try again; if it persists, restart the host.',
};

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value ?? null);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, error: ApiError): void {
  sendJson(response, status, error);
}
