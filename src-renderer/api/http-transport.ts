import type { ApiResult, EventName, MethodName } from '../../src-preload/contract';
import type { Transport } from './api-client';
import { apiErrorFrom, type HostLink } from './host-link';
import { readServerSentEvents, type StreamTiming } from './server-sent-events';

const TOKEN_KEY = 'leadbridge.token';

/**
 * Reads the per-launch token from the URL fragment (`#token=…`), keeps it for this tab
 * only, and removes it from the address bar so it is not bookmarked or shared by accident.
 */
export function takeToken(location: Location, history: History, storage: Storage): string {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    storage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
    return fromFragment;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpTransport(
  location: Location,
  history: History,
  storage: Storage,
  timing?: StreamTiming,
): Transport & { takeNewToken(): void } {
  let token = takeToken(location, history, storage);
  const headers = () => ({ Authorization: `Bearer ${token}` });
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  const linkListeners = new Set<(link: HostLink) => void>();
  // The page was just served by the host, so it answers until the stream says otherwise.
  let link: HostLink = { state: 'open' };
  let opened = false;
  let stream: AbortController | undefined;

  const follow = (next: HostLink) => {
    if (next.state === 'open') {
      // Events sent while no stream was open are gone: whoever shows them re-reads.
      if (opened) for (const listener of reconnectListeners) listener();
      opened = true;
    }
    if (sameLink(link, next)) return;
    link = next;
    for (const listener of linkListeners) listener(link);
  };

  const ensureStream = () => {
    if (stream) return;
    stream = new AbortController();
    void readServerSentEvents(
      '/api/events',
      headers(),
      stream.signal,
      (event, data) => {
        for (const listener of listeners.get(event as EventName) ?? []) listener(data);
      },
      follow,
      timing,
    );
  };

  return {
    async invoke(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { ...headers(), 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'HOST_UNREACHABLE',
            message: 'The Leadbridge host is not answering. Check that it is still running.',
          },
        };
      }
      if (response.ok)
        return { ok: true, value: (await response.json().catch(() => null)) as unknown };
      return { ok: false, error: await apiErrorFrom(response) };
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      ensureStream();
      return () => set.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onHostLink(listener) {
      linkListeners.add(listener);
      ensureStream();
      return () => linkListeners.delete(listener);
    },
    /**
     * Opening the address a restarted host printed in this tab changes only the fragment (no
     * reload): take its token and reconnect at once, so the window comes back by itself.
     */
    takeNewToken() {
      const next = takeToken(location, history, storage);
      if (next === token) return;
      token = next;
      if (!stream) return;
      stream.abort();
      stream = undefined;
      ensureStream();
    },
  };
}

function sameLink(a: HostLink, b: HostLink): boolean {
  if (a.state === 'refused' && b.state === 'refused') return a.error.code === b.error.code;
  return a.state === b.state;
}
