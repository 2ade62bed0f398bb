import type { SyncState } from '../../src-preload/contract';

/** One colour and word per state, shared by the header badge and the status card. */
export const syncStateLook: Record<SyncState, { color: string; label: string }> = {
  disconnected: { color: 'gray', label: 'Disconnected' },
  idle: { color: 'green', label: 'Up to date' },
  syncing: { color: 'blue', label: 'Syncing' },
  paused: { color: 'yellow', label: 'Paused' },
  error: { color: 'red', label: 'Error' },
};

/** While the host does not answer, no state is claimed: it may have changed since. */
export const hostAwayLook = { color: 'gray', label: 'Unreachable' };
export const hostAwayMessage =
  'Leadbridge is not answering, so whether Leads are syncing now is unknown.';
