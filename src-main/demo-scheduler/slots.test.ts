// The booking page's slots and the times the webhooks carry, on the calendar's own clock.
import { describe, expect, it } from 'vitest';
import { resolveCalendar } from './options';
import { slotDays } from './slots';
import { instantOf, localIso, offsetMinutes } from './time-zone';

describe('time zones', () => {
  it('writes an instant as the zone’s wall clock with its offset, across daylight saving', () => {
    const instant = Date.UTC(2020, 7, 26, 9, 0);
    expect(localIso(instant, 'Asia/Tokyo')).toBe('2020-08-26T18:00:00+09:00');
    expect(localIso(instant, 'America/New_York')).toBe('2020-08-26T05:00:00-04:00');
    expect(localIso(Date.UTC(2020, 0, 15, 9, 0), 'America/New_York')).toBe(
      '2020-01-15T04:00:00-05:00',
    );
    expect(localIso(instant, 'Asia/Kolkata')).toBe('2020-08-26T14:30:00+05:30');
    expect(offsetMinutes(instant, 'UTC')).toBe(0);
  });

  it('finds the instant a wall clock shows, on both sides of a DST change', () => {
    const wall = { year: 2026, month: 3, day: 9, hour: 9, minute: 0 };
    expect(new Date(instantOf(wall, 'America/New_York')).toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(new Date(instantOf({ ...wall, day: 6 }, 'America/New_York')).toISOString()).toBe(
      '2026-03-06T14:00:00.000Z',
    );
  });
});

describe('slots', () => {
  const calendar = resolveCalendar({
    id: 'c1',
    name: 'Intro',
    durationMinutes: 30,
    timeZone: 'Asia/Tokyo',
  });
  // Friday 2026-12-04 10:10 in Tokyo.
  const now = Date.UTC(2026, 11, 4, 1, 10);

  it('offers working days only, 9:00 to 17:00 on the calendar’s clock, none within the hour', () => {
    const days = slotDays(calendar, now, 3, new Set());
    expect(days.map((day) => day.date)).toEqual(['2026-12-04', '2026-12-07', '2026-12-08']);
    const times = (index: number) =>
      days[index]!.slots.map((slot) => localIso(slot.startMs, 'Asia/Tokyo').slice(11, 16));
    expect(times(0)[0]).toBe('11:30');
    expect(times(1)).toHaveLength(16);
    expect(times(1)[0]).toBe('09:00');
    expect(times(1).at(-1)).toBe('16:30');
  });

  it('marks a taken slot as taken', () => {
    const first = slotDays(calendar, now, 1, new Set())[0]!.slots[0]!;
    const again = slotDays(calendar, now, 1, new Set([first.startMs]))[0]!.slots[0]!;
    expect(again).toEqual({ ...first, taken: true });
  });
});
