import type { SyncState, SyncStatus } from '../../src-preload/contract';

interface SyncLook {
  color: string;
  label: string;
}

/** One colour and word per state, shared by the header badge and the status card. */
const syncStateLook: Record<SyncState, SyncLook> = {
  disconnected: { color: 'gray', label: 'Disconnected' },
  idle: { color: 'green', label: 'Up to date' },
  syncing: { color: 'blue', label: 'Syncing' },
  paused: { color: 'yellow', label: 'Paused' },
  error: { color: 'red', label: 'Error' },
};

/** A sync asking Salesforce again after a failed call is not simply "Syncing". */
const retryingLook: SyncLook = { color: 'orange', label: 'Retrying' };

export function syncStatusLook(status: Pick<SyncStatus, 'state' | 'retry'>): SyncLook {
  return status.state === 'syncing' && status.retry ? retryingLook : syncStateLook[status.state];
}

/** While the host does not answer, no state is claimed: it may have changed since. */
export const hostAwayLook = { color: 'gray', label: 'Unreachable' };
export const hostAwayMessage =
  'Leadbridge is not answering, so whether Leads are syncing now is unknown.';
