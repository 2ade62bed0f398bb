export interface HourCount {
  /** The hour's start, ISO in UTC (`2025-01-01T14:00:00.000Z`). */
  hour: string;
  count: number;
}

const HOUR_MS = 3_600_000;

/**
 * The host lists only hours that had changes, and its 24-hour window starts mid-hour; the
 * chart wants 24 whole bars ending with the current hour, quiet hours included.
 */
export function lastDayByHour(rows: readonly HourCount[], now: number): HourCount[] {
  const counts = new Map(rows.map((row) => [Date.parse(row.hour), row.count]));
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  return Array.from({ length: 24 }, (_, index) => {
    const start = currentHour - (23 - index) * HOUR_MS;
    return { hour: new Date(start).toISOString(), count: counts.get(start) ?? 0 };
  });
}
