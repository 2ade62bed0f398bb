import type { ConnectionStatus } from '../../../src-preload/contract';
import type { UserError } from '../../stores/user-error';

export type ConnectionView =
  | 'loading'
  | 'unavailable'
  | 'restoring'
  | 'disconnected'
  | 'connecting'
  | 'connected'
  | 'reconnect-needed';

/** Which panel the Connection screen shows. */
export function connectionView(
  status: ConnectionStatus | null,
  loadError: UserError | null,
): ConnectionView {
  if (!status) return loadError ? 'unavailable' : 'loading';
  return status.state;
}

/** Why the last sign-in did not connect (Deny, a replayed link…), or null. */
export function signInProblem(status: ConnectionStatus | null): string | null {
  if (status?.state !== 'disconnected' && status?.state !== 'reconnect-needed') return null;
  return status.problem;
}
