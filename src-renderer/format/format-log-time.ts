import { formatRelativeTime } from './format-relative-time';

const timeOnly = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const dateAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

/** Local time; today's entries drop the date so the column stays narrow. */
export function formatLogTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return isSameLocalDay(date, now) ? timeOnly.format(date) : dateAndTime.format(date);
}

/**
 * For a tooltip: the unabridged local time, how long ago, and the instant as the host wrote it
 * (what a support question or another system's log names).
 */
export function formatFullTime(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${full.format(date)} · ${formatRelativeTime(iso, '', now)} · ${date.toISOString()}`;
}

function isSameLocalDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}
