import type { BookingOutcome, BookingSummary, OutboxState } from '../../../src-preload/contract';
import type { ChipLook } from '../../components/count-chip-filter';

export const BOOKING_OUTCOME_LOOKS: Record<BookingOutcome, ChipLook> = {
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

/** A cell's two lines: what it is in words, and the Id or detail under it. */
export interface CellLines {
  title: string;
  detail: string | null;
}

/** The Event's state in words, with its Id under it once Salesforce gave one. */
export function eventLines(event: BookingSummary['event']): CellLines {
  if (event === null) return { title: 'No Event', detail: null };
  return { title: EVENT_STATE_WORDS[event.state], detail: event.id };
}

const RECORD_KIND_WORDS = { lead: 'Lead', contact: 'Contact' } as const;

/** The record by its name when Leadbridge has it (Contacts and Leads not synced yet: by its Id). */
export function recordLines(booking: Pick<BookingSummary, 'record' | 'outcome'>): CellLines {
  const { record } = booking;
  if (!record) {
    return { title: booking.outcome === 'pending' ? 'Not known yet' : 'None', detail: null };
  }
  const kindAndId = `${RECORD_KIND_WORDS[record.kind]} ${record.id}`;
  return record.name
    ? { title: record.name, detail: kindAndId }
    : { title: kindAndId, detail: null };
}

/** Only a refusal can be posted again; anything else already is what the settings decided. */
export function canRetryBooking(booking: Pick<BookingSummary, 'outcome'>): boolean {
  return booking.outcome === 'failed';
}

/** The guest: the name when known, else the email; the rest under it. */
export function guestLines(guest: BookingSummary['guest']): CellLines {
  const detail = [guest.name ? guest.email : null, guest.company].filter(Boolean).join(' · ');
  return { title: guest.name ?? guest.email, detail: detail || null };
}

/** What the empty list means: nothing received, or nothing matching the filter. */
export function emptyBookingsText(filtered: boolean): string {
  return filtered
    ? 'No booking matches. Clear the search or show every outcome.'
    : 'No booking received yet. Turn the webhook receiver on in Settings → Meeting platform, map a calendar in Mapping, and book a slot.';
}
