import type {
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src-preload/contract';
import { ApiClientError, type ApiClient } from '../api/api-client';
import type { HostLink } from '../api/host-link';

type Handler<M extends MethodName> = (
  input: MethodInput<M> | undefined,
) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type FakeHandlers = { [M in MethodName]?: Handler<M> };

/** What the real client throws when the host answers with an error. */
export function fakeApiError(code: string, message: string): Error {
  return new ApiClientError({ code, message });
}

/**
 * An ApiClient backed by handlers a test supplies, with `emit` standing in for the host's
 * event stream. Every call is recorded so tests can assert what the store asked for.
 */
export function createFakeApiClient(handlers: FakeHandlers = {}) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  const linkListeners = new Set<(link: HostLink) => void>();

  const client: ApiClient = {
    async call<M extends MethodName>(method: M, input?: MethodInput<M>) {
      calls.push({ method, input });
      const handler = handlers[method] as Handler<M> | undefined;
      if (!handler) throw fakeApiError('NOT_IMPLEMENTED', `The fake has no handler for ${method}.`);
      return handler(input);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onHostLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  };

  return {
    client,
    calls,
    handlers,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
    reconnect: () => reconnectListeners.forEach((listener) => listener()),
    /** As the transport reports the host stopping, refusing or coming back. */
    hostLink: (link: HostLink) => linkListeners.forEach((listener) => listener(link)),
  };
}

/** A promise the test resolves or rejects when it chooses, to exercise races. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
