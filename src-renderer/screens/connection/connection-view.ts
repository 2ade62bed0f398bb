import type { ConnectionStatus } from '../../../src-preload/contract';
import type { SignInPage } from '../../stores/connection-store';
import type { UserError } from '../../stores/user-error';

export type ConnectionView =
  'loading' | 'unavailable' | 'disconnected' | 'connecting' | 'connected' | 'reconnect-needed';

/** The host's wording when nothing went wrong; anything else on 'disconnected' is a problem. */
export const NOT_CONNECTED_MESSAGE = 'Not connected. Choose your org and click Connect.';

/** Which panel the Connection screen shows. */
export function connectionView(
  status: ConnectionStatus | null,
  signIn: SignInPage | null,
  loadError: UserError | null,
): ConnectionView {
  if (!status) return loadError ? 'unavailable' : 'loading';
  // The host keeps reporting 'reconnect-needed' until the new sign-in completes, so the
  // sign-in this window started decides that the user is now waiting for Salesforce.
  if (status.state === 'reconnect-needed' && signIn) return 'connecting';
  return status.state;
}

/** Why the last sign-in did not connect (Deny, a replayed link…), or null. */
export function signInProblem(status: ConnectionStatus | null): string | null {
  if (status?.state !== 'disconnected') return null;
  const message = status.message.trim();
  return message === '' || message === NOT_CONNECTED_MESSAGE ? null : message;
}
