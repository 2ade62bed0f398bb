import { describe, expect, it } from 'vitest';
import { bookingEvent } from '../../../test/support/booking-events';
import { createMeetingsStore } from '../../../test/support/meetings-store';
import { BookingLedger, type PostedBooking } from './booking-ledger';

function setup() {
  const store = createMeetingsStore();
  const ledger = new BookingLedger(store.db, store.clock, (input) =>
    store.outbox.enqueueBookingPost(input),
  );
  const record = (...args: Parameters<BookingLedger['recordEvent']>) =>
    store.db.transaction(() => ledger.recordEvent(...args))();
  const posts = () =>
    store.db
      .prepare(`SELECT kind, lead_id, booking_id, idempotency_key FROM outbox ORDER BY id`)
      .all();
  const booking = (id: number) =>
    store.db
      .prepare('SELECT external_id, status, start, post_item_id FROM bookings WHERE id = ?')
      .get(id);
  return { ...store, ledger, record, posts, booking };
}

describe('booking ledger', () => {
  it('keeps one booking per (source, external id) and queues ONE post on its first booked event', () => {
    const { record, posts, booking } = setup();
    const first = record(bookingEvent(), 3, 1);
    const again = record(bookingEvent(), 3, 2);
    expect(first).toEqual({ bookingId: 1, queued: true });
    expect(again).toEqual({ bookingId: 1, queued: false });
    expect(posts()).toEqual([
      { kind: 'booking_post', lead_id: null, booking_id: 1, idempotency_key: 'booking:1' },
    ]);
    expect(booking(1)).toMatchObject({ status: 'booked', post_item_id: 1 });
    // Another platform may reuse the id: a booking of its own.
    expect(record(bookingEvent({ source: 'calendly' }), null, 3)).toEqual({
      bookingId: 2,
      queued: true,
    });
  });

  it('a cancel wins whenever it arrived, and the booking delivered after it is still posted once', () => {
    const { record, posts, booking } = setup();
    const cancel = bookingEvent({ kind: 'cancelled', occurredAt: '2026-11-22T10:00:00.000Z' });
    expect(record(cancel, 3, 1)).toEqual({ bookingId: 1, queued: false });
    expect(record(bookingEvent(), 3, 2)).toEqual({ bookingId: 1, queued: true });
    record(bookingEvent(), 3, 3);
    // A reschedule the platform sent before the cancel, delivered after it.
    record(bookingEvent({ kind: 'rescheduled', occurredAt: '2026-11-22T09:30:00.000Z' }), 3, 4);
    expect(booking(1)).toMatchObject({ status: 'cancelled' });
    expect(posts()).toHaveLength(1);
  });

  it('a reschedule under a new id re-keys the booking, and a late event about the old id finds it', () => {
    const { record, posts, booking } = setup();
    record(bookingEvent({ source: 'calendly', externalId: 'old' }), 3, 1);
    const moved = bookingEvent({
      source: 'calendly',
      kind: 'rescheduled',
      externalId: 'new',
      rescheduledFrom: 'old',
      occurredAt: '2026-11-22T11:00:00.000Z',
      start: '2026-11-26T01:00:00.000Z',
    });
    expect(record(moved, 3, 2)).toEqual({ bookingId: 1, queued: false });
    // Calendly's cancel of the old invitee (rescheduled: true) arrives after the new one.
    const oldCancelled = bookingEvent({
      source: 'calendly',
      kind: 'rescheduled',
      externalId: 'old',
      start: null,
      end: null,
      occurredAt: '2026-11-22T11:00:00.000Z',
    });
    expect(record(oldCancelled, 3, 3)).toEqual({ bookingId: 1, queued: false });
    expect(booking(1)).toEqual({
      external_id: 'new',
      status: 'rescheduled',
      start: '2026-11-26T01:00:00.000Z',
      post_item_id: 1,
    });
    expect(posts()).toHaveLength(1);
  });

  it('an older event delivered late does not re-time the booking, nor a late booked move its status', () => {
    const { record, booking } = setup();
    record(
      bookingEvent({
        kind: 'rescheduled',
        occurredAt: '2026-11-22T12:00:00.000Z',
        start: '2026-11-27T01:00:00.000Z',
      }),
      3,
      1,
    );
    record(
      bookingEvent({ kind: 'no_show', start: null, occurredAt: '2026-11-27T02:00:00.000Z' }),
      3,
      2,
    );
    record(bookingEvent(), 3, 3);
    expect(booking(1)).toMatchObject({ status: 'no_show', start: '2026-11-27T01:00:00.000Z' });
  });

  it('runs only inside the caller’s transaction, and only for booking events', () => {
    const { ledger, record } = setup();
    expect(() => ledger.recordEvent(bookingEvent(), 3, 1)).toThrow(/outside a transaction/);
    expect(() => record(bookingEvent({ kind: 'invite_sent' }), 3, 1)).toThrow(
      /not about a booking/,
    );
  });

  it('tells the onPosted listeners inside the outcome’s transaction, with the record', () => {
    const { db, record, ledger } = setup();
    record(bookingEvent(), 3, 1);
    const heard: (PostedBooking & { inTransaction: boolean })[] = [];
    ledger.onPosted((posted) => heard.push({ ...posted, inTransaction: db.inTransaction }));
    db.transaction(() =>
      ledger.recordOutcome(1, {
        outcome: 'created',
        record: { kind: 'lead', id: '00Q000000000001AAA' },
        error: null,
        eventItemId: null,
      }),
    )();
    expect(heard).toEqual([
      {
        bookingId: 1,
        meetingTypeId: 3,
        event: bookingEvent(),
        record: { kind: 'lead', id: '00Q000000000001AAA' },
        outcome: 'created',
        inTransaction: true,
      },
    ]);
    db.transaction(() =>
      ledger.recordOutcome(1, {
        outcome: 'failed',
        record: null,
        error: { code: 'X', message: 'y' },
        eventItemId: null,
      }),
    )();
    expect(heard).toHaveLength(1);
    expect(db.prepare('SELECT outcome, posted_at FROM bookings').get()).toEqual({
      outcome: 'failed',
      posted_at: null,
    });
  });
});
