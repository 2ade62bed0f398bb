import type { FieldMapping, PlatformEvent } from '../../../src-preload/contract';
import { typedValue } from '../channels/plan-writes';
import { bookingValue } from './booking-values';
import type { PostField } from './object-describes';

export type WriteMode = 'create' | 'overwrite';

export interface RecordWrite {
  /** Field → value; a host_user field holds null until the User is known. */
  values: Record<string, unknown>;
  /** Field → host email, for fields taking the host's Salesforce User. */
  hostUsers: Record<string, string>;
  /** Required fields this booking has no value for (creating only). */
  missing: PostField[];
}

/**
 * What one booking writes to a record through the mapping: createable fields when creating,
 * updateable ones when overwriting. A booking field the booking lacks is left out (an
 * overwrite never blanks what the record holds); a fixed null clears the field.
 */
export function recordValues(
  event: PlatformEvent,
  mapping: readonly FieldMapping[],
  fields: ReadonlyMap<string, PostField>,
  mode: WriteMode,
): RecordWrite {
  const values: Record<string, unknown> = {};
  const hostUsers: Record<string, string> = {};
  for (const row of mapping) {
    const field = fields.get(row.field);
    if (!field || !(mode === 'create' ? field.createable : field.updateable)) continue;
    if (row.source.kind === 'fixed') {
      const typed = typedValue(field, row.source.value);
      if (!('code' in typed)) values[field.name] = typed.value;
      continue;
    }
    const value = bookingValue(event, row.source, field);
    if (value === null) continue;
    if (row.source.field === 'host_user') {
      hostUsers[field.name] = value.toLowerCase();
      values[field.name] = null;
    } else {
      values[field.name] = value;
    }
  }
  // The email is how a booking finds its record again (the next booking, or this one after a
  // crash): a record created without it would be created again.
  if (mode === 'create' && fields.get('Email')?.createable && values.Email == null) {
    values.Email = event.guest.email;
  }
  const missing =
    mode === 'create'
      ? [...fields.values()].filter(
          (field) => field.required && !(field.name in hostUsers) && isEmpty(values[field.name]),
        )
      : [];
  return { values, hostUsers, missing };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Salesforce's limit on an Event's Subject and Location. */
const TEXT_LIMIT = 255;

/**
 * The meeting's Event: "<calendar>: <guest>", its time, and the meeting URL as Location (a
 * longer URL cut short would lead nowhere: then it goes without). Null without a time.
 */
export function eventValues(event: PlatformEvent): Record<string, unknown> | null {
  if (event.start === null || event.end === null) return null;
  const guest =
    [event.guest.firstName, event.guest.lastName].filter(Boolean).join(' ') || event.guest.email;
  const subject = `${event.calendar?.name ?? 'Meeting'}: ${guest}`;
  const values: Record<string, unknown> = {
    Subject: subject.length > TEXT_LIMIT ? `${subject.slice(0, TEXT_LIMIT - 1)}…` : subject,
    StartDateTime: new Date(event.start).toISOString(),
    EndDateTime: new Date(event.end).toISOString(),
  };
  if (event.meetingUrl !== null && event.meetingUrl.length <= TEXT_LIMIT) {
    values.Location = event.meetingUrl;
  }
  return values;
}
