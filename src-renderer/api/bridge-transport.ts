import { bridgeEventName, bridgeMethodName } from '../../src-preload/bridge-names';
import type { ApiResult, LeadbridgeBridge } from '../../src-preload/contract';
import type { Transport } from './api-client';

/**
 * The Electron preload's bridge as a Transport. Main lives as long as the window, so IPC
 * events are never lost and the host is never unreachable.
 */
export function createBridgeTransport(bridge: LeadbridgeBridge): Transport {
  // The bridge is typed per method; one loop covers them all, hence the narrow casts.
  const byName = bridge as unknown as Record<string, (argument: unknown) => unknown>;
  return {
    invoke: (method, input) =>
      byName[bridgeMethodName(method)]!(input) as Promise<ApiResult<unknown>>,
    subscribe: (event, listener) => byName[bridgeEventName(event)]!(listener) as () => void,
    onReconnect: () => () => undefined,
    onHostLink: () => () => undefined,
  };
}
