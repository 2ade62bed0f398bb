import type { BookingSettings, PlatformEvent } from '../../src-preload/contract';
import { BookingLedger } from '../../src-main/core/bookings/booking-ledger';
import type { ConnectedOutbox } from './outbox-fixture';

let inboxIds = 0;

/**
 * Records platform events as the applier does (in a transaction of its own connection to the
 * core's database), then waits for the core's worker to post them.
 */
export function bookingsOf(setup: ConnectedOutbox) {
  const { db } = setup.queue;
  const core = setup.harness.core;
  return {
    async record(event: PlatformEvent, meetingTypeId: number | null = null) {
      const recorded = await setup.queue.queue((outbox) =>
        new BookingLedger(db, setup.harness.clock, (input) =>
          outbox.enqueueBookingPost(input),
        ).recordEvent(event, meetingTypeId, (inboxIds += 1)),
      );
      return recorded.bookingId;
    },
    async save(settings: BookingSettings) {
      return core.handlers['booking-settings:save'](settings);
    },
    async summary(bookingId: number) {
      const { bookings } = await core.handlers['bookings:list']({
        query: '',
        limit: 500,
        offset: 0,
      });
      return bookings.find((booking) => booking.id === bookingId)!;
    },
  };
}

/** Settings posting to Leads: create when missing, leave found ones, an Event per booking. */
export function leadSettings(changes: Partial<BookingSettings> = {}): BookingSettings {
  return {
    calendarId: null,
    objectToLink: 'lead',
    createWhenMissing: true,
    overwriteWhenFound: false,
    createEvent: true,
    leadMapping: [
      { field: 'FirstName', source: { kind: 'booking', field: 'guest_first_name' } },
      { field: 'LastName', source: { kind: 'booking', field: 'guest_last_name' } },
      { field: 'Company', source: { kind: 'booking', field: 'guest_company' } },
      { field: 'Email', source: { kind: 'booking', field: 'guest_email' } },
      { field: 'LeadSource', source: { kind: 'fixed', value: 'Web' } },
    ],
    contactMapping: [
      { field: 'FirstName', source: { kind: 'booking', field: 'guest_first_name' } },
      { field: 'LastName', source: { kind: 'booking', field: 'guest_last_name' } },
      { field: 'Email', source: { kind: 'booking', field: 'guest_email' } },
    ],
    ...changes,
  };
}
