// The slots a booking page offers: working days from today, 9:00 to 17:00 on the calendar's
// wall clock, one slot per meeting length, none sooner than an hour from now.
import type { Calendar } from './options';
import { instantOf, wallClock } from './time-zone';

export interface Slot {
  startMs: number;
  endMs: number;
  taken: boolean;
}

export interface SlotDay {
  /** `2026-12-01` on the calendar's wall clock. */
  date: string;
  slots: Slot[];
}

const DAY_START_MINUTES = 9 * 60;
const DAY_END_MINUTES = 17 * 60;
/** Like a platform's minimum notice: nobody books a slot starting in five minutes. */
const MINIMUM_NOTICE_MS = 60 * 60_000;

export function slotDays(
  calendar: Calendar,
  nowMs: number,
  workingDays: number,
  taken: ReadonlySet<number>,
): SlotDay[] {
  const today = wallClock(nowMs, calendar.timeZone);
  const days: SlotDay[] = [];
  for (let offset = 0; days.length < workingDays && offset < workingDays * 3; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const slots: Slot[] = [];
    const step = calendar.durationMinutes;
    for (let minute = DAY_START_MINUTES; minute + step <= DAY_END_MINUTES; minute += step) {
      const startMs = instantOf(
        {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
          hour: Math.floor(minute / 60),
          minute: minute % 60,
        },
        calendar.timeZone,
      );
      if (startMs < nowMs + MINIMUM_NOTICE_MS) continue;
      slots.push({ startMs, endMs: startMs + step * 60_000, taken: taken.has(startMs) });
    }
    if (slots.length > 0) days.push({ date: date.toISOString().slice(0, 10), slots });
  }
  return days;
}

/** Whether a start time is one the page offers and nobody has taken. */
export function isBookable(
  calendar: Calendar,
  startMs: number,
  nowMs: number,
  workingDays: number,
  taken: ReadonlySet<number>,
): boolean {
  return slotDays(calendar, nowMs, workingDays, taken).some((day) =>
    day.slots.some((slot) => slot.startMs === startMs && !slot.taken),
  );
}
