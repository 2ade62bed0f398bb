/**
 * The renderer's one way to reach main. Uses the Electron bridge when the preload exposed
 * it, else the headless host's HTTP transport; both return the contract's ApiResult, so
 * callers see the same values and the same `{ code, message }` errors either way.
 */
import {
  bridgeEventName,
  bridgeMethodName,
  type ApiError,
  type ApiResult,
  type EventName,
  type EventPayload,
  type LeadbridgeBridge,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../src-preload/contract';
import { createHttpTransport } from './http-transport';

export class ApiClientError extends Error {
  readonly code: string;

  constructor({ code, message }: ApiError) {
    super(message);
    this.name = 'ApiClientError';
    this.code = code;
  }
}

export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new ApiClientError(result.error);
      return result.value as MethodOutput<typeof method>;
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}

/** The bridge is typed per method; here one loop covers them all, hence the narrow casts. */
function bridgeTransport(bridge: LeadbridgeBridge): Transport {
  const byName = bridge as unknown as Record<string, (argument: unknown) => unknown>;
  return {
    invoke: (method, input) =>
      byName[bridgeMethodName(method)]!(input) as Promise<ApiResult<unknown>>,
    subscribe: (event, listener) => byName[bridgeEventName(event)]!(listener) as () => void,
  };
}

function selectTransport(): Transport {
  if (window.leadbridge) return bridgeTransport(window.leadbridge);
  return createHttpTransport(window.location, window.history, window.sessionStorage);
}

export const api: ApiClient = createApiClient(selectTransport());
