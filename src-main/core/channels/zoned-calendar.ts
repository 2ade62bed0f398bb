import type { RelativePeriod } from '../../../src-preload/contract';

/**
 * Calendar days in a time zone, as Salesforce date fields hold them ('YYYY-MM-DD', which
 * sort as strings) and as day numbers (days since 1970-01-01) for arithmetic.
 */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a 'YYYY-MM-DD' that names a real calendar day, else undefined. */
export function parseDay(text: string): number | undefined {
  const match = DAY_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? time / DAY_MS : undefined;
}

export function dayText(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Moves a day by a period; a month later than Jan 31 is the last day of February. */
export function shiftDay(dayNumber: number, period: RelativePeriod, sign: 1 | -1): number {
  if (period.unit === 'days') return dayNumber + sign * period.amount;
  if (period.unit === 'weeks') return dayNumber + sign * 7 * period.amount;
  const date = new Date(dayNumber * DAY_MS);
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + sign * period.amount;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / DAY_MS;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's wall-clock time at an instant, read as if it were UTC (whole seconds). */
function wallTime(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallClock(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
}

/** The calendar day an instant falls on in a time zone. */
export function localDay(instant: number, timeZone: string): number {
  return Math.floor(wallTime(instant, timeZone) / DAY_MS);
}

/**
 * The first instant of a calendar day in a time zone. Where a DST change meets midnight — a
 * jump that skips it (the day starts at 01:00) or a fall back that repeats it — that is the
 * earliest instant the zone's clock shows the day.
 */
export function startOfDay(dayNumber: number, timeZone: string): number {
  const midnight = dayNumber * DAY_MS;
  let instant = midnight;
  for (let i = 0; i < 3; i += 1) instant = midnight - (wallTime(instant, timeZone) - instant);
  if (localDay(instant, timeZone) === dayNumber && localDay(instant - 1, timeZone) < dayNumber) {
    return instant;
  }
  // Found by halving a window of hours around the guess, to the millisecond.
  let before = instant - 6 * 3_600_000;
  let after = instant + 6 * 3_600_000;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localDay(middle, timeZone) >= dayNumber) after = middle;
    else before = middle;
  }
  return after;
}

/**
 * Today in a time zone, recomputed only when the clock leaves the day it last saw, so a
 * compiled channel asks Intl once a day rather than once per Lead.
 */
export class ZonedToday {
  private from = Infinity;
  private until = -Infinity;
  private today = 0;

  constructor(
    private readonly timeZone: string,
    private readonly now: () => number,
  ) {}

  day(): number {
    const now = this.now();
    if (now < this.from || now >= this.until) {
      this.today = localDay(now, this.timeZone);
      this.from = startOfDay(this.today, this.timeZone);
      this.until = startOfDay(this.today + 1, this.timeZone);
    }
    return this.today;
  }
}
