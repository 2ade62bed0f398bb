import type {
  BookingPreview,
  BookingSettings,
  MappingError,
  PlatformEvent,
} from '../../../src-preload/contract';
import { mappingOf, objectUses } from './mapping-validation';
import type { BookingObject, DescribedObject } from './object-describes';
import { eventValues, recordValues, type WriteMode } from './record-values';

/** The booking the Mapping screen's test posts when it is given none. */
export function sampleBooking(calendar: { id: string; name: string } | null): PlatformEvent {
  const start = Date.parse('2030-01-15T01:00:00.000Z');
  return {
    source: 'manual',
    kind: 'booked',
    externalId: 'sample',
    occurredAt: new Date(start - 86_400_000).toISOString(),
    start: new Date(start).toISOString(),
    end: new Date(start + 30 * 60_000).toISOString(),
    timezone: 'Asia/Tokyo',
    calendar: calendar ?? { id: 'sample-calendar', name: 'Sample calendar' },
    hosts: [{ email: 'host@example.com', name: 'Sample Host' }],
    guest: {
      email: 'sample.guest@example.com',
      firstName: 'Sample',
      lastName: 'Guest',
      company: 'Sample Company',
      phone: '+81 3 0000 0000',
    },
    answers: [{ label: 'Comment', value: 'Looking forward to it.' }],
    meetingUrl: 'https://meet.example.com/sample',
    rescheduledFrom: null,
  };
}

/**
 * What posting `sample` would write with these settings: the record created when none has
 * the email, the fields overwritten when one does, and the Event. Writes nothing; a host's
 * User shows as its email (looked up only when posting).
 */
export function previewBooking(
  settings: BookingSettings,
  sample: PlatformEvent,
  describes: Partial<Record<BookingObject, DescribedObject | undefined>>,
  errors: MappingError[],
): BookingPreview {
  const uses = objectUses(settings);
  const write = (object: BookingObject | undefined, mode: WriteMode) => {
    const fields = object && describes[object]?.fields;
    if (!object || !fields) return null;
    const { values, hostUsers } = recordValues(sample, mappingOf(settings, object), fields, mode);
    for (const [field, hostEmail] of Object.entries(hostUsers)) values[field] = { hostEmail };
    return { object, values };
  };
  return {
    sample,
    create: write(uses.find((use) => use.creating)?.object, 'create'),
    overwrite: settings.overwriteWhenFound ? write(uses[0]?.object, 'overwrite') : null,
    event: settings.createEvent ? eventValues(sample) : null,
    errors,
  };
}
