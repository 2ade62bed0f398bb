import type { BookingOutcome, BookingSummary, OutboxState } from '../../../src-preload/contract';

interface Look {
  label: string;
  color: string;
  hint: string;
}

export const BOOKING_OUTCOME_LOOKS: Record<BookingOutcome, Look> = {
  pending: { label: 'Waiting', color: 'blue', hint: 'Received; not posted to Salesforce yet' },
  created: { label: 'Created', color: 'teal', hint: 'A new record was created for the guest' },
  updated: {
    label: 'Updated',
    color: 'teal',
    hint: 'The guest’s record was found and the mapped fields overwritten',
  },
  untouched: {
    label: 'Left untouched',
    color: 'gray',
    hint: 'The guest’s record was found and left as it was (overwriting is off)',
  },
  not_created: {
    label: 'Not created',
    color: 'gray',
    hint: 'No record had the guest’s email and creating is off',
  },
  failed: {
    label: 'Failed',
    color: 'red',
    hint: 'Salesforce refused it: fix the cause, then Retry',
  },
};

/** The filter's order: what needs a person first. */
export const BOOKING_OUTCOMES_SHOWN: readonly BookingOutcome[] = [
  'failed',
  'pending',
  'created',
  'updated',
  'untouched',
  'not_created',
];

export const BOOKING_STATUS_LABELS: Record<BookingSummary['status'], string> = {
  booked: 'Booked',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  completed: 'Completed',
};

const EVENT_STATE_WORDS: Record<OutboxState, string> = {
  pending: 'Event waiting to be created',
  sent: 'Event created',
  conflict: 'Event held back',
  failed: 'Event failed (see the Outbox)',
  skipped: 'Event skipped',
  discarded: 'Event discarded',
};

/** The Event's state in words, with its Id once Salesforce gave one. */
export function eventText(event: BookingSummary['event']): string {
  if (event === null) return 'No Event';
  const words = EVENT_STATE_WORDS[event.state];
  return event.id ? `${words} (${event.id})` : words;
}

/** "Lead 00Q…" or "Contact 003…", or why there is none yet. */
export function recordText(booking: Pick<BookingSummary, 'record' | 'outcome'>): string {
  if (booking.record) {
    return `${booking.record.kind === 'lead' ? 'Lead' : 'Contact'} ${booking.record.id}`;
  }
  return booking.outcome === 'pending' ? 'Not known yet' : 'None';
}

/** Only a refusal can be posted again; anything else already is what the settings decided. */
export function canRetryBooking(booking: Pick<BookingSummary, 'outcome'>): boolean {
  return booking.outcome === 'failed';
}

/** The guest in a line: the name when known, else the email. */
export function guestTitle(guest: BookingSummary['guest']): string {
  return guest.name ?? guest.email;
}

/** What the empty list means: nothing received, or nothing matching the filter. */
export function emptyBookingsText(filtered: boolean): string {
  return filtered
    ? 'No booking matches. Clear the search or show every outcome.'
    : 'No booking received yet. Turn the webhook receiver on in Settings → Meeting platform, map a calendar in Mapping, and book a slot.';
}
