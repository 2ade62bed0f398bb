import {
  bookingFieldSchema,
  type BookingField,
  type MappingSource,
  type PlatformEvent,
} from '../../../src-preload/contract';
import { dayText, localDay } from '../channels/zoned-calendar';
import type { PostField } from './object-describes';

const TIMES: BookingField[] = ['start', 'end'];
/** Every booking field whose value is text: all but the times and the host's User. */
const PERSON_TEXT = bookingFieldSchema.options.filter(
  (field) => !TIMES.includes(field) && field !== 'host_user',
);

/**
 * The booking fields whose value fits a Salesforce field: any text into free text, an email
 * into an email field, a time into a date or date-time, the host's User into a User
 * reference. Nothing fits numbers, checkboxes or other references.
 */
export function bookingFieldsFor(field: Pick<PostField, 'type' | 'referenceTo'>): BookingField[] {
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'combobox':
    case 'encryptedstring':
      return [...PERSON_TEXT, ...TIMES];
    case 'email':
      return ['guest_email', 'answer'];
    case 'phone':
      return ['guest_phone', 'answer'];
    case 'url':
      return ['meeting_url', 'answer'];
    case 'picklist':
    case 'multipicklist':
      return ['answer', 'calendar_name'];
    case 'date':
    case 'datetime':
      return TIMES;
    case 'reference':
      return field.referenceTo.includes('User') ? ['host_user'] : [];
    default:
      return [];
  }
}

/** Labels a guest's free-text comment goes under on the platforms' forms. */
const COMMENT_LABEL = /comment|message|note|備考|コメント|ご質問|ご要望/i;

/**
 * A mapped field's value for one booking, as Salesforce takes it for the field's type; null
 * when the booking does not have it. `host_user` is resolved by the poster (its email here).
 */
export function bookingValue(
  event: PlatformEvent,
  source: Extract<MappingSource, { kind: 'booking' }>,
  field: Pick<PostField, 'type'>,
): string | null {
  const { guest } = event;
  const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);
  switch (source.field) {
    case 'guest_name':
      return text([guest.firstName, guest.lastName].filter(Boolean).join(' '));
    case 'guest_first_name':
      return text(guest.firstName);
    case 'guest_last_name':
      return text(guest.lastName);
    case 'guest_email':
      return text(guest.email);
    case 'guest_company':
      return text(guest.company);
    case 'guest_phone':
      return text(guest.phone);
    case 'comment':
      return text(event.answers.find((answer) => COMMENT_LABEL.test(answer.label))?.value);
    case 'answer': {
      const label = source.label?.trim().toLowerCase();
      return text(event.answers.find((a) => a.label.trim().toLowerCase() === label)?.value);
    }
    case 'calendar_name':
      return text(event.calendar?.name);
    case 'meeting_url':
      return text(event.meetingUrl);
    case 'start':
    case 'end':
      return timeValue(event[source.field], event.timezone, field.type);
    case 'host_user':
      return text(event.hosts[0]?.email);
  }
}

/** A date field takes the meeting's day where the booking was made (its time zone). */
function timeValue(instant: string | null, timeZone: string | null, type: string): string | null {
  if (instant === null) return null;
  const at = Date.parse(instant);
  if (!Number.isFinite(at)) return null;
  if (type === 'date') return dayText(localDay(at, knownZone(timeZone)));
  return new Date(at).toISOString();
}

/** A zone name the platform sent that this machine does not know counts as UTC. */
function knownZone(timeZone: string | null): string {
  if (timeZone === null) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
