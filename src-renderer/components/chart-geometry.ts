import { plural } from '../format/plural';
import type { HourCount } from '../stores/hour-buckets';

/** A rounded top for the y axis, so the tallest bar rarely touches the frame: 1, 2, 5, 10, 20… */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= max) ?? 10;
  return step * magnitude;
}

/**
 * Which bars get an hour label: local midnight, 06:00, 12:00 and 18:00 where the hours
 * line up with them, else every sixth bar counting back from the current hour (time zones
 * offset by half an hour).
 */
export function hourTickIndexes(hours: readonly HourCount[]): number[] {
  const aligned = hours.flatMap((bucket, index) => {
    const date = new Date(bucket.hour);
    return date.getMinutes() === 0 && date.getHours() % 6 === 0 ? [index] : [];
  });
  if (aligned.length > 0) return aligned;
  return hours.flatMap((_, index) => ((hours.length - 1 - index) % 6 === 0 ? [index] : []));
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const hourMinuteFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** "6 PM" or "18": an axis label, as short as the locale allows. */
export function hourLabel(iso: string): string {
  return hourFormat.format(new Date(iso));
}

/** "14:00–15:00: 3 changes", for a bar's tooltip: `noun` names one of what is counted. */
export function barTitle(bucket: HourCount, noun: string): string {
  const start = Date.parse(bucket.hour);
  const end = new Date(start + 3_600_000).toISOString();
  const from = hourMinuteFormat.format(new Date(bucket.hour));
  const to = hourMinuteFormat.format(new Date(end));
  return `${from}–${to}: ${plural(bucket.count, noun)}`;
}
