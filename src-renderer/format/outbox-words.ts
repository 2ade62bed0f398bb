import type { OutboxConflict, OutboxItem, OutboxKind } from '../../src-preload/contract';
import { formatFieldValue } from './format-field-value';

/** A value to be written, quoted so an empty text and a dash never look alike. */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object' && 'hostEmail' in value) {
    return `the Salesforce User of ${String((value as { hostEmail: unknown }).hostEmail)}`;
  }
  return `“${formatFieldValue(value)}”`;
}

/** What each kind of item is, in the admin's words (the Outbox's "Writes" column starts with it). */
export const OUTBOX_KIND_LABELS: Record<OutboxKind, string> = {
  lead_update: 'Lead update',
  task_create: 'Task',
  event_create: 'Event',
  booking_post: 'Booking post',
  instance_event: 'Instance event',
};

/** The quoted text of a string value the item carries (a Subject), or nothing. */
function quoted(value: unknown): string {
  return typeof value === 'string' && value !== '' ? ` “${value}”` : '';
}

/** An instance event's type in words: `instance.activated` → “Instance activated” event. */
function instanceEventWords(type: unknown): string {
  if (typeof type !== 'string' || type === '') return 'Instance event';
  const words = type.replace(/[._]/g, ' ');
  return `“${words.charAt(0).toUpperCase()}${words.slice(1)}” event`;
}

/**
 * "Status = “Meeting Booked”, OwnerId = the Salesforce User of alex@…" for a field update;
 * "Task “Intro call: invite sent”" or "Event “Intro call with alex@…”" for a create;
 * "Booking post for booking 12" and "“Instance activated” event" for the platform's.
 */
export function describeOutboxWrite(
  item: Pick<OutboxItem, 'kind' | 'values' | 'bookingId'>,
): string {
  const label = OUTBOX_KIND_LABELS[item.kind];
  switch (item.kind) {
    case 'lead_update': {
      const writes = Object.entries(item.values).map(
        ([field, value]) => `${field} = ${valueWords(value)}`,
      );
      return writes.length === 0 ? 'No fields' : writes.join(', ');
    }
    case 'booking_post':
      return item.bookingId ? `${label} for booking ${item.bookingId}` : label;
    case 'instance_event':
      return instanceEventWords(item.values.type);
    case 'task_create':
    case 'event_create':
      return `${label}${quoted(item.values.Subject)}`;
  }
}

/**
 * Who an item is about, for the Outbox's first column: the Lead (openable) when it has one,
 * else the record it names, else what it is still waiting for.
 */
export function outboxSubject(item: Pick<OutboxItem, 'kind' | 'leadId' | 'leadName'>): {
  text: string;
  /** A Lead's Id whose timeline can be opened; null for a Contact or no record yet. */
  leadId: string | null;
} {
  if (item.leadId === null) {
    return {
      text: item.kind === 'booking_post' ? 'Record not known yet' : 'No record',
      leadId: null,
    };
  }
  // Only Leads have a timeline here; a booking may be posted to a Contact (Id prefix 003).
  const isLead = item.leadId.startsWith('00Q');
  return { text: item.leadName ?? item.leadId, leadId: isLead ? item.leadId : null };
}

/** "Status: a person set “Working” (it was “Open”); Leadbridge would have written “Booked”". */
export function describeConflict(conflict: OutboxConflict): string {
  return `${conflict.field}: a person set ${valueWords(conflict.theirs)} (it was ${valueWords(conflict.basis)}); Leadbridge would have written ${valueWords(conflict.ours)}`;
}
