import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test/support/poll-until';
import type { HostLink } from './host-link';
import { createHttpTransport } from './http-transport';

const TOKEN = 'host-link-token';
const timing = { retryMs: 20, maxRetryMs: 80, silenceMs: 400 };
const encoder = new TextEncoder();

/**
 * The headless host's /api/events as `fetch` sees it, heartbeat included: it can stop
 * (open streams break, new connections are refused, as when its process is killed), start
 * again, freeze (connections stay open, nothing arrives) or come back with another token.
 */
function fakeHost() {
  let state: 'up' | 'down' | 'frozen' = 'up';
  let token = TOKEN;
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const write = (text: string) => {
    for (const stream of streams) stream.enqueue(encoder.encode(text));
  };
  const heartbeat = setInterval(() => state === 'up' && write(': heartbeat\n\n'), 50);

  const fetch = (_url: string, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ?? undefined;
    if (state === 'down') return Promise.reject(new TypeError('fetch failed'));
    if (state === 'frozen') {
      return new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason)),
      );
    }
    const authorization = new Headers(init?.headers).get('Authorization');
    if (authorization !== `Bearer ${token}`) {
      const refusal = { code: 'UNAUTHORIZED', message: 'Needs the token.' };
      return Promise.resolve(Response.json(refusal, { status: 401 }));
    }
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        streams.add(controller);
        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        signal?.addEventListener('abort', () => {
          streams.delete(controller);
          controller.error(signal.reason);
        });
      },
    });
    return Promise.resolve(
      new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    );
  };

  return {
    fetch,
    openStreams: () => streams.size,
    send: (event: string, data: unknown) =>
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    stop() {
      state = 'down';
      for (const stream of streams) stream.error(new TypeError('terminated'));
      streams.clear();
    },
    freeze: () => (state = 'frozen'),
    restart(withToken = TOKEN) {
      token = withToken;
      state = 'up';
    },
    end: () => clearInterval(heartbeat),
  };
}

/** The http transport as the page creates it, its requests answered by the fake host. */
function windowOn(host: ReturnType<typeof fakeHost>) {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = host.fetch as typeof globalThis.fetch;
  const location = { hash: `#token=${TOKEN}`, pathname: '/', search: '' } as Location;
  const history = { replaceState: () => undefined } as unknown as History;
  const kept = new Map<string, string>();
  const storage = {
    getItem: (key: string) => kept.get(key) ?? null,
    setItem: (key: string, value: string) => void kept.set(key, value),
  } as unknown as Storage;
  const transport = createHttpTransport(location, history, storage, timing);
  /** As when the person opens the address the restarted host printed in this tab. */
  const openAddressWithToken = (token: string) => {
    location.hash = `#token=${token}`;
    transport.takeNewToken();
  };
  const links: HostLink[] = [];
  const events: unknown[] = [];
  let reconnects = 0;
  const stops = [
    transport.onHostLink((link) => links.push(link)),
    transport.onReconnect(() => (reconnects += 1)),
    transport.subscribe('sync:status', (payload) => events.push(payload)),
  ];
  return {
    links,
    events,
    reconnects: () => reconnects,
    last: () => links.at(-1)?.state ?? 'open',
    openAddressWithToken,
    close() {
      stops.forEach((stop) => stop());
      globalThis.fetch = originalFetch;
    },
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function start() {
  const host = fakeHost();
  const window = windowOn(host);
  cleanups.push(() => {
    window.close();
    host.end();
    host.stop();
  });
  return { host, window };
}

describe('the http transport follows whether the host answers', () => {
  it('reports the host unreachable when it stops, and open again (with a reconnect) when it is back', async () => {
    const { host, window } = start();
    await until('the stream', () => (host.openStreams() > 0 ? true : undefined), 5_000);
    host.send('sync:status', { state: 'idle' });
    await until('the event', () => (window.events.length > 0 ? true : undefined), 5_000);
    expect(window.links).toEqual([]);

    host.stop();
    await until('unreachable', () => (window.last() === 'unreachable' ? true : undefined), 5_000);
    // While it stays away, the window tries again (backing off) without repeating itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(window.links).toEqual([{ state: 'unreachable' }]);
    expect(window.reconnects()).toBe(0);

    host.restart();
    await until('open again', () => (window.last() === 'open' ? true : undefined), 5_000);
    expect(window.links).toEqual([{ state: 'unreachable' }, { state: 'open' }]);
    // Events sent while it was away are lost: the stores re-read on this.
    expect(window.reconnects()).toBe(1);
    host.send('sync:status', { state: 'paused' });
    await until('an event after the restart', () =>
      window.events.length === 2 ? true : undefined,
    );
  });

  it('reports a host whose stream falls silent (frozen, asleep) as unreachable', async () => {
    const { host, window } = start();
    await until('the stream', () => (host.openStreams() > 0 ? true : undefined), 5_000);
    host.freeze();
    await until('unreachable', () => (window.last() === 'unreachable' ? true : undefined), 5_000);
  });

  it('reports a restarted host that no longer accepts the window’s token as refusing, and reconnects once its new address is opened', async () => {
    const { host, window } = start();
    await until('the stream', () => (host.openStreams() > 0 ? true : undefined), 5_000);
    host.stop();
    host.restart('a-new-launch-token');
    await until('refused', () => (window.last() === 'refused' ? true : undefined), 5_000);
    expect(window.links.at(-1)).toEqual({
      state: 'refused',
      error: { code: 'UNAUTHORIZED', message: 'Needs the token.' },
    });

    window.openAddressWithToken('a-new-launch-token');
    await until('open again', () => (window.last() === 'open' ? true : undefined), 5_000);
    expect(window.reconnects()).toBe(1);
  });
});
