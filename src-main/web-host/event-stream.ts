import type { ServerResponse } from 'node:http';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/ports';

const HEARTBEAT_MS = 15_000;

export interface EventStreamLimits {
  /** Open streams at once (one per Leadbridge tab). */
  maxClients: number;
  /** Unsent bytes a client may fall behind by before it is dropped. */
  maxBufferedBytes: number;
}

export const defaultEventStreamLimits: EventStreamLimits = {
  maxClients: 16,
  maxBufferedBytes: 1024 * 1024,
};

/** What a stream needs of the HTTP response (a ServerResponse; tests pass a stand-in). */
export type EventStreamResponse = Pick<
  ServerResponse,
  'writeHead' | 'write' | 'on' | 'destroy' | 'writableLength'
>;

/**
 * The web host's Server-Sent Events clients: a bounded number of them, and none allowed to
 * fall far behind. A client that stops reading would otherwise keep every later event in
 * this process's memory; it is dropped instead, and the renderer reconnects and reloads.
 */
export class EventStreams {
  #clients = 0;

  constructor(
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly limits: EventStreamLimits = defaultEventStreamLimits,
  ) {}

  /** Streams every core event to one client until it disconnects; false when full. */
  open(response: EventStreamResponse): boolean {
    if (this.#clients >= this.limits.maxClients) return false;
    this.#clients += 1;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    let streaming = true;
    const stop = () => {
      if (!streaming) return;
      streaming = false;
      clearInterval(heartbeat);
      unsubscribe();
      this.#clients -= 1;
    };
    const send = (text: string) => {
      if (!streaming) return;
      response.write(text);
      if (response.writableLength > this.limits.maxBufferedBytes) {
        this.logger.warn('event stream client dropped: not reading', {
          bufferedBytes: response.writableLength,
        });
        stop();
        response.destroy();
      }
    };
    const unsubscribe = this.events.subscribe((message) => {
      send(`event: ${message.event}\ndata: ${JSON.stringify(message.payload)}\n\n`);
    });
    // Comments keep proxies and idle timers from closing a quiet stream.
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    response.on('close', stop);
    send('retry: 2000\n\n');
    return true;
  }
}
