import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../core/event-bus';
import { createRecordingLogger } from '../../test/support/silent-logger';
import { EventStreams, type EventStreamResponse } from './event-stream';

/** A client connection that never reads: every write stays buffered. */
function stalledClient(): EventStreamResponse & { destroyed: boolean } {
  const sink = new Writable({ write: () => undefined });
  return Object.assign(sink, { writeHead: () => sink }) as unknown as EventStreamResponse & {
    destroyed: boolean;
  };
}

const limits = { maxClients: 2, maxBufferedBytes: 64 * 1024 };
const bigEvent = (events: EventBus) =>
  events.emit('log:appended', {
    id: 1,
    time: '2026-11-30T09:00:00.000Z',
    kind: 'lead.changed',
    subject: null,
    details: { note: 'x'.repeat(16 * 1024) },
  });

describe('event streams', () => {
  it('serve at most the configured number of clients at once', () => {
    const streams = new EventStreams(new EventBus(), createRecordingLogger(), limits);
    const first = stalledClient();
    expect(streams.open(first)).toBe(true);
    expect(streams.open(stalledClient())).toBe(true);
    expect(streams.open(stalledClient())).toBe(false);
    first.destroy();
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(streams.open(stalledClient())).toBe(true);
        resolve();
      }),
    );
  });

  it('drop a client that stops reading instead of buffering every event for it', () => {
    const events = new EventBus();
    const logger = createRecordingLogger();
    const streams = new EventStreams(events, logger, limits);
    const client = stalledClient();
    streams.open(client);
    for (let i = 0; i < 100; i++) bigEvent(events);
    expect(client.destroyed).toBe(true);
    expect(client.writableLength).toBeLessThan(limits.maxBufferedBytes + 32 * 1024);
    expect(logger.lines.some((line) => line.message.includes('dropped'))).toBe(true);
  });
});
