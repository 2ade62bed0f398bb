// Wall-clock time in a named time zone, without a date library: Intl knows the zones.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The date and time a clock on the wall in `zone` shows at `instantMs`. */
export function wallClock(instantMs: number, zone: string): WallClock {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(instantMs))
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Minutes `zone` is ahead of UTC at `instantMs` (Asia/Tokyo: 540). */
export function offsetMinutes(instantMs: number, zone: string): number {
  const wall = wallClock(instantMs, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** The instant a wall clock in `zone` shows this date and time (the later one across a DST gap). */
export function instantOf(wall: Omit<WallClock, 'second'>, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = asUtc - offsetMinutes(asUtc, zone) * 60_000;
  return asUtc - offsetMinutes(first, zone) * 60_000;
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/** `2020-08-26T18:00:00+09:00`: the instant as `zone`'s wall clock with its offset. */
export function localIso(instantMs: number, zone: string): string {
  const wall = wallClock(instantMs, zone);
  const offset = offsetMinutes(instantMs, zone);
  const sign = offset < 0 ? '-' : '+';
  return (
    `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:` +
    `${pad(wall.second)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** Whether Intl knows the zone (a typo would otherwise throw deep inside a page). */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}
