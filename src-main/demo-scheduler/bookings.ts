// The bookings made on the scheduler's pages: what a guest booked, and whether it still stands.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Calendar } from './options';

export interface Guest {
  name: string;
  email: string;
  company: string;
}

export interface OnlineMeeting {
  provider: 'google_meet' | 'zoom';
  id: string;
  joinUrl: string;
  password: string | null;
}

export interface Booking {
  /** TimeRex-style event id (20 hex characters); also the confirmation page's address. */
  id: string;
  /** Calendly names the scheduled event and the invitee by uuid. */
  calendly: { eventUuid: string; inviteeUuid: string };
  calendarId: string;
  startMs: number;
  endMs: number;
  guest: Guest;
  /** The guest's answer to the calendar's custom question ('' when left blank). */
  answer: string;
  meeting: OnlineMeeting | null;
  status: 'confirmed' | 'cancelled';
  createdAtMs: number;
  cancelledAtMs: number | null;
  cancellationReason: string | null;
}

export class BookingBook {
  readonly #bookings = new Map<string, Booking>();

  constructor(private readonly now: () => number) {}

  book(calendar: Calendar, startMs: number, guest: Guest, answer: string): Booking {
    const booking: Booking = {
      id: randomBytes(10).toString('hex'),
      calendly: { eventUuid: randomUUID(), inviteeUuid: randomUUID() },
      calendarId: calendar.id,
      startMs,
      endMs: startMs + calendar.durationMinutes * 60_000,
      guest,
      answer,
      meeting: onlineMeeting(calendar),
      status: 'confirmed',
      createdAtMs: this.now(),
      cancelledAtMs: null,
      cancellationReason: null,
    };
    this.#bookings.set(booking.id, booking);
    return booking;
  }

  /** Cancels a standing booking; null when it is unknown or already cancelled. */
  cancel(id: string, reason: string): Booking | null {
    const booking = this.#bookings.get(id);
    if (!booking || booking.status === 'cancelled') return null;
    booking.status = 'cancelled';
    booking.cancelledAtMs = this.now();
    booking.cancellationReason = reason;
    return booking;
  }

  get(id: string): Booking | undefined {
    return this.#bookings.get(id);
  }

  list(): Booking[] {
    return [...this.#bookings.values()];
  }

  /** Start times already taken on a calendar (a cancelled booking frees its slot). */
  takenStarts(calendarId: string): Set<number> {
    return new Set(
      this.list()
        .filter((b) => b.calendarId === calendarId && b.status === 'confirmed')
        .map((b) => b.startMs),
    );
  }
}

const letters = (count: number) =>
  Array.from({ length: count }, () => String.fromCharCode(97 + randomInt(26))).join('');

function onlineMeeting(calendar: Calendar): OnlineMeeting | null {
  if (calendar.meeting === 'google_meet') {
    const code = `${letters(3)}-${letters(4)}-${letters(3)}`;
    return {
      provider: 'google_meet',
      id: code,
      joinUrl: `https://meet.google.com/${code}`,
      password: null,
    };
  }
  if (calendar.meeting === 'zoom') {
    const id = String(randomInt(10_000_000_000, 99_999_999_999));
    return {
      provider: 'zoom',
      id,
      joinUrl: `https://zoom.us/j/${id}`,
      password: String(randomInt(100_000, 999_999)),
    };
  }
  return null;
}
