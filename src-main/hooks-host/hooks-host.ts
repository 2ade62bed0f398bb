import http from 'node:http';
import type { ApiError, ReceiverSettings } from '../../src-preload/contract';
import type { LeadbridgeCore } from '../core/leadbridge-core';
import type { Logger } from '../core/ports';
import type { ReceiverState } from '../core/platform/platform-service';
import type { WebhookAnswer, WebhookHeaders } from '../core/platform/webhook-intake';

/** Far above any booking's body; a bigger one is not from a scheduling platform. */
export const MAX_BODY_BYTES = 256 * 1024;
/** TimeRex gives a webhook 15 s; a request still arriving after that is dropped. */
const REQUEST_TIMEOUT_MS = 15_000;
const HOOK_PATH = /^\/hooks\/([a-z0-9_-]{1,40})$/;

export interface HooksHostDependencies {
  intake: {
    receive(source: string, headers: WebhookHeaders, rawBody: Buffer): Promise<WebhookAnswer>;
  };
  /** Where the listener's state goes (platform:status). */
  report(state: ReceiverState): void;
  logger: Logger;
}

/**
 * The webhook receiver's own listener, apart from the API and the UI: it serves POST
 * /hooks/<source> and nothing else, so exposing it to the internet (behind a proxy or tunnel)
 * exposes nothing but the intake.
 */
export class HooksHost {
  #server: http.Server | null = null;
  #listeningOn: { port: number; bindAddress: string } | null = null;
  /** Settings applied one after another: a move never races the stop before it. */
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: HooksHostDependencies) {}

  /** Listens, moves or stops to match `settings`, then reports the outcome. */
  apply(settings: ReceiverSettings): Promise<void> {
    this.#queue = this.#queue.then(() => this.#apply(settings));
    return this.#queue;
  }

  stop(): Promise<void> {
    this.#queue = this.#queue.then(() => this.#close());
    return this.#queue;
  }

  async #apply(settings: ReceiverSettings): Promise<void> {
    const same =
      this.#listeningOn?.port === settings.port &&
      this.#listeningOn.bindAddress === settings.bindAddress;
    if (settings.enabled && same) return;
    await this.#close();
    if (!settings.enabled) {
      this.deps.report({ listening: false, baseUrl: null, error: null });
      return;
    }
    const server = http.createServer((request, response) => this.#handle(request, response));
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.port, settings.bindAddress, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      const refusal = listenRefusal(error, settings);
      this.deps.logger.warn('webhook receiver not listening', { code: refusal.code });
      this.deps.report({ listening: false, baseUrl: null, error: refusal });
      return;
    }
    server.on('error', (error) =>
      this.deps.logger.error('webhook receiver error', { error: error.name }),
    );
    this.#server = server;
    this.#listeningOn = { port: settings.port, bindAddress: settings.bindAddress };
    this.deps.logger.info('webhook receiver listening', {
      port: settings.port,
      bindAddress: settings.bindAddress,
    });
    this.deps.report({ listening: true, baseUrl: baseUrl(settings), error: null });
  }

  async #close(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#listeningOn = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const match = HOOK_PATH.exec(path);
    if (!match?.[1]) {
      answer(response, 404, 'NOT_FOUND', 'Only POST /hooks/<source> is served here.');
      request.resume();
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      answer(response, 405, 'METHOD_NOT_ALLOWED', 'Webhooks are POSTed.');
      request.resume();
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      tooLarge(request, response);
      return;
    }
    const source = match[1];
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        if (!response.headersSent) tooLarge(request, response);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (response.headersSent) return;
      this.deps.intake.receive(source, request.headers, Buffer.concat(chunks)).then(
        (result) => respond(response, result.status, result.body),
        () =>
          answer(
            response,
            503,
            'NOT_STORED',
            'Leadbridge could not store this event; send it again later.',
          ),
      );
    });
    // A client that went away gets no answer; nothing half-read is stored.
    request.on('error', () => response.destroy());
  }
}

function tooLarge(request: http.IncomingMessage, response: http.ServerResponse): void {
  response.setHeader('connection', 'close');
  answer(response, 413, 'BODY_TOO_LARGE', `A webhook body is at most ${MAX_BODY_BYTES / 1024} KB.`);
  // Drained, not buffered: the rest of the body costs no memory.
  request.resume();
}

function answer(
  response: http.ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  respond(response, status, { error: { code, message } });
}

function respond(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(JSON.stringify(body));
}

function baseUrl(settings: ReceiverSettings): string {
  const host = settings.bindAddress.includes(':')
    ? `[${settings.bindAddress}]`
    : settings.bindAddress;
  return `http://${host}:${settings.port}/hooks/`;
}

/** Why the listener could not start, in the admin's words with what to change. */
function listenRefusal(error: unknown, settings: ReceiverSettings): ApiError {
  const { port, bindAddress } = settings;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return {
        code: 'RECEIVER_PORT_IN_USE',
        message: `Port ${port} is already in use on ${bindAddress}: choose another port for the webhook receiver.`,
      };
    case 'EADDRNOTAVAIL':
      return {
        code: 'RECEIVER_ADDRESS_UNAVAILABLE',
        message: `${bindAddress} is not an address of this machine: use 127.0.0.1 (behind a reverse proxy or tunnel) or one of this machine's addresses.`,
      };
    case 'EACCES':
      return {
        code: 'RECEIVER_PORT_REFUSED',
        message: `This system does not let Leadbridge listen on port ${port}: choose a port above 1023.`,
      };
    default:
      return {
        code: 'RECEIVER_NOT_LISTENING',
        message: `The webhook receiver could not listen on ${bindAddress}:${port}: choose another port or address and save again.`,
      };
  }
}

/**
 * What both hosts do: the listener follows the receiver settings from start-up (it listens at
 * once when it was left on) to shutdown. Returns the stop for the host's shutdown.
 */
export async function startHooksHost(
  platform: Pick<LeadbridgeCore['platform'], 'intake' | 'service'>,
  logger: Logger,
): Promise<() => Promise<void>> {
  const host = new HooksHost({
    intake: platform.intake,
    report: (state) => platform.service.receiverReported(state),
    logger,
  });
  const unsubscribe = platform.service.onReceiverSettings((settings) => void host.apply(settings));
  await host.apply(platform.service.receiverSettings());
  return async () => {
    unsubscribe();
    await host.stop();
  };
}
