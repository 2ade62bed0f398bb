import type { ApiResult, EventName, MethodName } from '../../src-preload/contract';
import type { Transport } from './api-client';
import { readServerSentEvents } from './server-sent-events';

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
): Transport {
  const token = takeToken(location, history, storage);
  const headers = { Authorization: `Bearer ${token}` };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let stream: AbortController | undefined;

  const ensureStream = () => {
    if (stream) return;
    stream = new AbortController();
    void readServerSentEvents(
      '/api/events',
      headers,
      stream.signal,
      (event, data) => {
        for (const listener of listeners.get(event as EventName) ?? []) listener(data);
      },
      (reconnected) => {
        if (reconnected) for (const listener of reconnectListeners) listener();
      },
    );
  };

  return {
    async invoke(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
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
      const body = (await response.json().catch(() => null)) as unknown;
      if (response.ok) return { ok: true, value: body };
      const error = body as { code?: unknown; message?: unknown } | null;
      return {
        ok: false,
        error: {
          code: typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
          message:
            typeof error?.message === 'string'
              ? error.message
              : `The host answered ${response.status}.`,
        },
      };
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
  };
}
