import type { ConnectionState } from '../../../src-preload/contract';
import type { HostLink } from '../../api/host-link';

/**
 * Why Sync now, Reconcile now and Pause cannot work right now, said beside them; null when
 * they can. Null also while the connection is not known yet (the buttons wait for the status).
 */
export function syncActionsBlock(
  link: HostLink,
  connection: ConnectionState | null,
): string | null {
  if (link.state !== 'open') return 'Available again once Leadbridge answers.';
  switch (connection) {
    case 'restoring':
      return 'Available once Leadbridge has read the saved Salesforce sign-in.';
    case 'disconnected':
      return 'Available once a Salesforce org is connected.';
    case 'connecting':
      return 'Available once the Salesforce sign-in completes.';
    case 'reconnect-needed':
      return 'Available once Leadbridge is connected to Salesforce again.';
    default:
      return null;
  }
}
