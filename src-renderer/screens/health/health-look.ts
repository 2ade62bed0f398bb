import type { HealthReport, HealthRetry } from '../../../src-preload/contract';
import { formatShortTime } from '../../format/format-short-time';
import { plural } from '../../format/plural';

type ApiUsage = HealthReport['apiUsage'];

/** "Leadbridge made 230 of them (10%) in the last 24 hours; …", or its calls alone. */
export function leadbridgeShareText(usage: ApiUsage): string {
  const calls = plural(usage.leadbridgeCalls, 'call');
  if (usage.leadbridgeShare === null) return `Leadbridge made ${calls} in the last 24 hours.`;
  if (usage.leadbridgeShare === 1)
    return `Leadbridge made all of them (${calls}) in the last 24 hours: nothing else in the org called the API.`;
  return `Leadbridge made ${usage.leadbridgeCalls.toLocaleString()} of them (${sharePercent(usage.leadbridgeShare)}) in the last 24 hours; the rest came from the org’s other integrations and users.`;
}

function sharePercent(share: number): string {
  const percent = share * 100;
  return percent > 0 && percent < 1 ? 'less than 1%' : `${Math.round(percent)}%`;
}

/** What the bar of one hour adds to its count: where the org's usage stood. */
export function orgUsedAtHour(orgUsed: number | null): string | null {
  return orgUsed === null ? null : `the org’s usage at ${orgUsed.toLocaleString()}`;
}

/** The button of one error reason: what it will do, in as few words as it can. */
export function retryLabel(retry: HealthRetry): string {
  const parts = [
    retry.outboxItemIds.length > 0 ? plural(retry.outboxItemIds.length, 'item') : null,
    retry.bookingIds.length > 0 ? plural(retry.bookingIds.length, 'booking') : null,
  ].filter((part) => part !== null);
  if (parts.length === 0) return 'Sync now';
  return `Retry ${parts.join(' and ')}${retry.syncNow ? ' and sync' : ''}`;
}

/** "3 times" / "once" */
export function timesText(count: number): string {
  return count === 1 ? 'once' : `${count.toLocaleString()} times`;
}

/** The error's sentence: its message, or its code when an entry carried none. */
export function errorMessage(details: Record<string, unknown>, code: string): string {
  return typeof details.message === 'string' && details.message.trim() !== ''
    ? details.message
    : `Failed with ${code}.`;
}

/** The daily reconciliation runs with the first sync after it falls due. */
export function nextReconcileText(dueAt: string | null, now: number): string {
  if (dueAt === null || Date.parse(dueAt) <= now) return 'with the next sync';
  return `with the first sync after ${formatShortTime(dueAt, new Date(now))}`;
}
