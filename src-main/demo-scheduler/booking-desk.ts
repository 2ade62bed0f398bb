// Where bookings are made and cancelled — from the booking page, /__admin/book or the handle —
// and reported to Leadbridge.
import type { Booking, BookingBook } from './bookings';
import type { Calendar } from './options';
import type { BookingForm, FormErrors } from './pages/booking-page';
import { isBookable, slotDays, type SlotDay } from './slots';
import type { Webhooks } from './webhooks';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type BookingAttempt = { ok: true; booking: Booking } | { ok: false; errors: FormErrors };

export class BookingDesk {
  constructor(
    readonly calendars: Calendar[],
    private readonly bookings: BookingBook,
    private readonly webhooks: Webhooks,
    private readonly now: () => number,
    private readonly workingDays: number,
  ) {}

  slots(calendar: Calendar): SlotDay[] {
    return slotDays(calendar, this.now(), this.workingDays, this.bookings.takenStarts(calendar.id));
  }

  /** The earliest slot nobody has taken, or null. */
  firstFreeSlot(calendar: Calendar): number | null {
    for (const day of this.slots(calendar)) {
      const free = day.slots.find((slot) => !slot.taken);
      if (free) return free.startMs;
    }
    return null;
  }

  /** Books the form's slot for its guest and sends the webhook; or what to fix, per field. */
  book(calendar: Calendar, form: BookingForm): BookingAttempt {
    const errors: FormErrors = {};
    const startMs = Number(form.slot);
    const taken = this.bookings.takenStarts(calendar.id);
    if (form.slot === '') errors.slot = 'Choose a time.';
    else if (!isBookable(calendar, startMs, this.now(), this.workingDays, taken))
      errors.slot = 'That time is no longer free: choose another.';
    if (form.name === '' || form.name.length > 120) errors.name = 'Enter your name.';
    if (!EMAIL.test(form.email) || form.email.length > 254)
      errors.email = 'Enter a valid email address.';
    if (form.company.length > 120) errors.company = 'The company name is too long.';
    if (form.answer.length > 2000) errors.answer = 'The answer is too long.';
    else if (calendar.question.required && form.answer === '')
      errors.answer = 'Answer the question.';
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const booking = this.bookings.book(
      calendar,
      startMs,
      { name: form.name, email: form.email, company: form.company },
      form.answer,
    );
    this.webhooks.booked(booking, calendar);
    return { ok: true, booking };
  }

  /** Cancels a standing booking and sends the cancellation; null when there is none. */
  cancel(bookingId: string, reason: string): Booking | null {
    const booking = this.bookings.cancel(bookingId, reason);
    const calendar = booking && this.calendars.find((c) => c.id === booking.calendarId);
    if (!booking || !calendar) return null;
    this.webhooks.cancelled(booking, calendar);
    return booking;
  }
}

/**
 * A booking asked for by a script (`/__admin/book`, the handle's `book`): `{calendarId, name,
 * email, company?, answer?, slot?}` where `slot` (epoch ms) defaults to the first free one.
 */
export function scriptedBooking(
  desk: BookingDesk,
  fields: Record<string, unknown>,
): { ok: true; booking: Booking } | { ok: false; status: number; errors: FormErrors | string } {
  const calendar = desk.calendars.find((c) => c.id === fields.calendarId);
  if (!calendar)
    return { ok: false, status: 404, errors: `No calendar "${String(fields.calendarId)}"` };
  const form = bookingForm((name) => fields[name]);
  const attempt = desk.book(calendar, {
    ...form,
    slot: form.slot || String(desk.firstFreeSlot(calendar) ?? ''),
  });
  return attempt.ok ? attempt : { ok: false, status: 400, errors: attempt.errors };
}

/** A form's fields as typed (trimmed), from the page's POST or a JSON body. */
export function bookingForm(get: (name: keyof BookingForm) => unknown): BookingForm {
  const text = (name: keyof BookingForm) => {
    const value = get(name);
    return typeof value === 'string'
      ? value.trim()
      : typeof value === 'number'
        ? String(value)
        : '';
  };
  return {
    slot: text('slot'),
    name: text('name'),
    email: text('email'),
    company: text('company'),
    answer: text('answer'),
  };
}
