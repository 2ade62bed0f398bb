import type { SyncStatus } from '../../src-preload/contract';

/** "4:12", or "1:02:03" past an hour; never negative (an overdue sync reads 0:00). */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** What the card says about the next sync, given the status and the current time. */
export function nextSyncText(
  status: Pick<SyncStatus, 'state' | 'paused' | 'nextSyncAt'>,
  now: number,
): string {
  if (status.state === 'syncing') return 'Syncing now';
  if (status.paused) return 'Paused';
  // Paused by the API budget: the scheduler only looks at the usage again, no sync is due.
  if (status.state === 'paused') return 'Paused at the API cap';
  if (status.state === 'disconnected') return 'Starts once an org is connected';
  if (!status.nextSyncAt) return '—';
  const due = Date.parse(status.nextSyncAt);
  if (Number.isNaN(due)) return '—';
  // The scheduler starts a moment after the time it announced; "0:00" would look stuck.
  if (due - now <= 0) return 'Starting…';
  return `Next sync in ${formatCountdown(due - now)}`;
}
