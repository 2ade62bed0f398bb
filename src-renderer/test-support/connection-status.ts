import type { ConnectionStatus } from '../../src-preload/contract';

/** A connection status in `state` with nothing known of an org, for the renderer's tests. */
export function connectionStatus(
  state: ConnectionStatus['state'],
  message: string = state,
): ConnectionStatus {
  return {
    state,
    message,
    org: null,
    lastSuccessfulCallAt: null,
    problem: null,
    token: null,
    cachedOrg: null,
    cacheReplaced: null,
  };
}
