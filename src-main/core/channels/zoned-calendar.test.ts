import { describe, expect, it } from 'vitest';
import { dayText, localDay, parseDay, shiftDay, startOfDay, ZonedToday } from './zoned-calendar';

const day = (text: string) => parseDay(text)!;
const iso = (instant: number) => new Date(instant).toISOString();

describe('calendar days in a time zone', () => {
  it.each([
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    ['2026-03-30', 'Asia/Kolkata', '2026-03-29T18:30:00.000Z'],
    // Chile springs forward at midnight: that Sunday begins at 01:00, the instant of the jump.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    // So does Lebanon, east of Greenwich: that Sunday begins at 01:00 +03.
    ['2026-03-29', 'Asia/Beirut', '2026-03-28T22:00:00.000Z'],
    // Cuba falls back from 01:00 to 00:00: the day begins at the first of its two midnights.
    ['2026-11-01', 'America/Havana', '2026-11-01T04:00:00.000Z'],
    ['2026-03-30', 'UTC', '2026-03-30T00:00:00.000Z'],
  ])('%s begins in %s at %s', (text, zone, expected) => {
    expect(iso(startOfDay(day(text), zone))).toBe(expected);
    expect(dayText(localDay(startOfDay(day(text), zone), zone))).toBe(text);
    expect(dayText(localDay(startOfDay(day(text), zone) - 1, zone))).toBe(dayText(day(text) - 1));
  });

  it('accepts only real calendar days', () => {
    expect(parseDay('2028-02-29')).toBeDefined();
    expect(parseDay('2026-02-29')).toBeUndefined();
    expect(parseDay('2026-3-1')).toBeUndefined();
  });

  it.each([
    ['2026-03-31', { amount: 1, unit: 'months' }, -1, '2026-02-28'],
    ['2028-03-31', { amount: 1, unit: 'months' }, -1, '2028-02-29'],
    ['2026-12-15', { amount: 2, unit: 'months' }, 1, '2027-02-15'],
    ['2026-01-10', { amount: 2, unit: 'weeks' }, -1, '2025-12-27'],
    ['2026-01-10', { amount: 10, unit: 'days' }, 1, '2026-01-20'],
  ] as const)('%s shifted by %j × %i is %s', (from, period, sign, expected) => {
    expect(dayText(shiftDay(day(from), period, sign))).toBe(expected);
  });

  it('today turns at midnight in the zone, not in UTC', () => {
    let now = Date.parse('2026-03-30T21:59:59Z');
    const today = new ZonedToday('Europe/Berlin', () => now);
    expect(dayText(today.day())).toBe('2026-03-30');
    now += 1000;
    expect(dayText(today.day())).toBe('2026-03-31');
  });
});
