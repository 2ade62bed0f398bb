/**
 * The renderer's one way to reach main, over a Transport: the Electron bridge when the
 * preload exposed it, else the headless host's HTTP. Both return the contract's ApiResult,
 * so callers see the same values and the same `{ code, message }` errors either way.
 */
import type {
  ApiError,
  ApiResult,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src-preload/contract';
import type { HostLink } from './host-link';

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
  /** Called when the event stream came back after a break: events may have been missed. */
  onReconnect(listener: () => void): () => void;
  /** Called whenever the host starts or stops answering this window. */
  onHostLink(listener: (link: HostLink) => void): () => void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onReconnect(listener: () => void): () => void;
  onHostLink(listener: (link: HostLink) => void): () => void;
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
    onReconnect: (listener) => transport.onReconnect(listener),
    onHostLink: (listener) => transport.onHostLink(listener),
  };
}
