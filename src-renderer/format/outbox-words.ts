import type { OutboxConflict, OutboxItem } from '../../src-preload/contract';
import { formatFieldValue } from './format-field-value';

/** A value to be written, quoted so an empty text and a dash never look alike. */
function valueWords(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object' && 'hostEmail' in value) {
    return `the Salesforce User of ${String((value as { hostEmail: unknown }).hostEmail)}`;
  }
  return `“${formatFieldValue(value)}”`;
}

/**
 * "Status = “Meeting Booked”, OwnerId = the Salesforce User of alex@…" for a field update;
 * "Task “Intro call: invite sent”" or "Event “Intro call with alex@…”" for a create.
 */
export function describeOutboxWrite(item: Pick<OutboxItem, 'kind' | 'values'>): string {
  if (item.kind === 'lead_update') {
    const writes = Object.entries(item.values).map(
      ([field, value]) => `${field} = ${valueWords(value)}`,
    );
    return writes.length === 0 ? 'No fields' : writes.join(', ');
  }
  const subject = typeof item.values.Subject === 'string' ? ` “${item.values.Subject}”` : '';
  return `${item.kind === 'task_create' ? 'Task' : 'Event'}${subject}`;
}

/** "Status: a person set “Working” (it was “Open”); Leadbridge would have written “Booked”". */
export function describeConflict(conflict: OutboxConflict): string {
  return `${conflict.field}: a person set ${valueWords(conflict.theirs)} (it was ${valueWords(conflict.basis)}); Leadbridge would have written ${valueWords(conflict.ours)}`;
}
