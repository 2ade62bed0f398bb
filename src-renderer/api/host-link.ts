import type { ApiError } from '../../src-preload/contract';

/**
 * Whether the host answers this window: `open` while the event stream flows, `unreachable`
 * when it cannot be reached or went silent (stopped, crashed, asleep), `refused` when it
 * answers but turns this window away (a restarted host with a new access token, too many
 * tabs). The Electron bridge lives in the same process, so it is always `open`.
 */
export type HostLink =
  { state: 'open' } | { state: 'unreachable' } | { state: 'refused'; error: ApiError };

/** The contract's error from a failed HTTP answer: the host's own words when it sent them. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    code?: unknown;
    message?: unknown;
  } | null;
  return {
    code: typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`,
    message:
      typeof body?.message === 'string' ? body.message : `The host answered ${response.status}.`,
  };
}
