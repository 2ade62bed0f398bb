import type { AppNotification, LogEntry } from '../../../src-preload/contract';
import type { FailureThreshold } from './notifier';

/** What each notification says: what happened and what to do, in an admin's words. */

export function reconnectNeededNotification(entry: LogEntry): AppNotification {
  const reason =
    textOf(entry.details.reason) ??
    'Salesforce no longer accepts Leadbridge’s sign-in. Open Connection and connect again.';
  return {
    kind: 'reconnect-needed',
    title: 'Reconnect needed',
    body: `${reason} Sync and write-back are paused until then.`,
    route: 'connection',
  };
}

export function channelDisabledNotification(entry: LogEntry): AppNotification {
  const name = textOf(entry.details.channel);
  return {
    kind: 'channel-disabled',
    title: name ? `Channel “${name}” turned off` : 'A channel was turned off',
    body: textOf(entry.details.reason) ?? 'Open Channels to see why.',
    route: 'channels',
  };
}

export function writebackFailuresNotification(threshold: FailureThreshold): AppNotification {
  return {
    kind: 'writeback-failures',
    title: 'Writes to Salesforce are failing',
    body: `${threshold.failures} or more writes to Salesforce failed within ${duration(threshold.windowMs)}. Open Outbox to see why, fix the cause, and retry them.`,
    route: 'outbox',
  };
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes === 60) return 'an hour';
  return minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`;
}
