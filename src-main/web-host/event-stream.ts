import type { ServerResponse } from 'node:http';
import type { EventBus } from '../core/event-bus';

const HEARTBEAT_MS = 15_000;

/** Streams every core event to one client as Server-Sent Events until it disconnects. */
export function streamEvents(events: EventBus, response: ServerResponse): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write('retry: 2000\n\n');
  const unsubscribe = events.subscribe((message) => {
    response.write(`event: ${message.event}\ndata: ${JSON.stringify(message.payload)}\n\n`);
  });
  // Comments keep proxies and idle timers from closing a quiet stream.
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  response.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
