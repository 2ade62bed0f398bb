import type {
  BookingOutcome,
  BookingSettings,
  BookingSummary,
  FieldMapping,
  MappingError,
  MappingField,
  MethodOutput,
  PlatformEvent,
  PlatformStatus,
  ReceivedEvent,
} from '../../src-preload/contract';
import { MAPPING_KEY, writeModes, type MappedObject } from '../stores/mapping-rules';
import { fakeApiError, type FakeHandlers } from './fake-api-client';
import {
  contactFieldsFixture,
  leadFieldsFixture,
  platformEventFixture,
  platformStatusFixture,
} from './platform-fixtures';

export interface FakePlatformState {
  status: PlatformStatus;
  events: ReceivedEvent[];
  bookings: BookingSummary[];
  settings: BookingSettings[];
  calendars: MethodOutput<'booking-settings:list'>['calendars'];
  fields: Record<MappedObject, MappingField[]>;
  /** What `platform:set-secret` generates when no value is given. */
  nextGenerated: string;
}

/**
 * The host's meeting-platform and booking handlers, over state a test can read and change:
 * the same checks the core makes (a mapping's rows against the describe, a required field
 * unmapped when creating, saving refused while invalid), simply enough to drive the screens.
 */
export function createFakePlatformHost(initial: Partial<FakePlatformState> = {}) {
  const state: FakePlatformState = {
    status: platformStatusFixture(),
    events: [],
    bookings: [],
    settings: [],
    calendars: [
      { id: 'cal-intro', name: 'Intro call', meetingType: { id: 1, name: 'Intro call' } },
      { id: 'cal-demo', name: 'Product demo', meetingType: null },
    ],
    fields: { Lead: leadFieldsFixture(), Contact: contactFieldsFixture() },
    nextGenerated: 'lbgen_0123456789abcdef',
    // The host owns its copy: a retry changing a booking must not change a test's fixture.
    ...structuredClone(initial),
  };

  const validate = (settings: BookingSettings): MappingError[] => {
    const errors: MappingError[] = [];
    for (const [object, modes] of Object.entries(writeModes(settings)) as [
      MappedObject,
      { create: boolean },
    ][]) {
      const rows = settings[MAPPING_KEY[object]];
      const fields = new Map(state.fields[object].map((field) => [field.name, field]));
      rows.forEach((row, index) => {
        const error = rowError(row, fields.get(row.field), rows.slice(0, index));
        if (error) errors.push({ object, index, field: row.field, ...error });
      });
      if (!modes.create) continue;
      for (const field of state.fields[object]) {
        if (field.required && !rows.some((row) => row.field === field.name)) {
          errors.push({
            object,
            index: null,
            field: field.name,
            code: 'REQUIRED_FIELD_UNMAPPED',
            message: `${field.label} must be given to create a ${object}: map it, or turn off creating.`,
          });
        }
      }
    }
    return errors;
  };

  const valuesFor = (rows: FieldMapping[], sample: PlatformEvent, object: MappedObject) =>
    Object.fromEntries(
      rows
        .filter((row) => state.fields[object].some((field) => field.name === row.field))
        .map((row) => [row.field, sampleValue(row, sample)]),
    );

  const handlers = {
    'platform:status': () => state.status,
    'platform:update': (input) => {
      const receiver = input?.receiver ?? state.status.receiver;
      const listening = receiver.enabled;
      state.status = {
        ...state.status,
        receiver: {
          ...receiver,
          listening,
          baseUrl: listening ? `http://${receiver.bindAddress}:${receiver.port}/hooks/` : null,
          error: null,
        },
        outbound: input?.outbound ?? state.status.outbound,
      };
      return state.status;
    },
    'platform:set-secret': (input) => {
      const generated = input!.value === undefined ? state.nextGenerated : null;
      const value = input!.value ?? state.nextGenerated;
      state.status = {
        ...state.status,
        secrets: { ...state.status.secrets, [input!.name]: { set: true, hint: value.slice(-4) } },
      };
      return { status: state.status, generated };
    },
    'platform:events': (input) => {
      const events = state.events.filter(
        (event) => !input?.states || input.states.includes(event.state),
      );
      const offset = input?.offset ?? 0;
      return {
        events: events.slice(offset, offset + (input?.limit ?? 100)),
        total: events.length,
      };
    },
    'bookings:list': (input) => {
      const query = (input?.query ?? '').toLowerCase();
      const matching = state.bookings.filter(
        (booking) =>
          (!input?.outcomes || input.outcomes.includes(booking.outcome)) &&
          [booking.guest.email, booking.guest.name, booking.guest.company, booking.record?.id]
            .filter((text): text is string => typeof text === 'string')
            .some((text) => text.toLowerCase().includes(query)),
      );
      const counts = Object.fromEntries(
        (['pending', 'created', 'updated', 'untouched', 'not_created', 'failed'] as const).map(
          (outcome: BookingOutcome) => [
            outcome,
            state.bookings.filter((booking) => booking.outcome === outcome).length,
          ],
        ),
      ) as Record<BookingOutcome, number>;
      const offset = input?.offset ?? 0;
      return {
        bookings: matching.slice(offset, offset + (input?.limit ?? 100)),
        total: matching.length,
        counts,
      };
    },
    'bookings:retry': (input) => {
      let retried = 0;
      for (const booking of state.bookings) {
        if (!input!.bookingIds.includes(booking.id) || booking.outcome !== 'failed') continue;
        booking.outcome = 'pending';
        booking.error = null;
        retried++;
      }
      return { retried };
    },
    'booking-settings:list': () => ({ settings: state.settings, calendars: state.calendars }),
    'booking-settings:validate': (input) => ({ errors: validate(input!) }),
    'booking-settings:save': (input) => {
      const [first] = validate(input!);
      if (first)
        throw fakeApiError('MAPPING_INVALID', `${first.message} Fix the mapping, then save.`);
      state.settings = [
        ...state.settings.filter((saved) => saved.calendarId !== input!.calendarId),
        input!,
      ];
      return input!;
    },
    'booking-settings:delete': (input) => {
      state.settings = state.settings.filter((saved) => saved.calendarId !== input!.calendarId);
      return { deleted: true as const };
    },
    'booking-settings:preview': (input) => {
      const { settings } = input!;
      const sample = input!.sample ?? platformEventFixture();
      const modes = writeModes(settings);
      const createObject = settings.objectToLink === 'contact' ? 'Contact' : 'Lead';
      const overwriteObject = settings.objectToLink === 'lead' ? 'Lead' : 'Contact';
      // What the preview writes to `object`: the mapped rows of the fields it may write.
      const write = (object: MappedObject, allowed: (field: MappingField) => boolean) => {
        const rows = settings[MAPPING_KEY[object]].filter((row) =>
          state.fields[object].some((field) => field.name === row.field && allowed(field)),
        );
        return { object, values: valuesFor(rows, sample, object) };
      };
      return {
        sample,
        create: modes[createObject]?.create ? write(createObject, (f) => f.createable) : null,
        overwrite: modes[overwriteObject]?.overwrite
          ? write(overwriteObject, (f) => f.updateable)
          : null,
        event: settings.createEvent
          ? {
              Subject: `${sample.calendar?.name ?? 'Meeting'}: ${sample.guest.firstName} ${sample.guest.lastName}`,
              StartDateTime: sample.start,
              EndDateTime: sample.end,
              Location: sample.meetingUrl,
            }
          : null,
        errors: validate(settings),
      };
    },
    'mapping:fields': (input) => ({
      fields: state.fields[input!.object],
      describedAt: '2026-11-30T08:00:00.000Z',
    }),
  } satisfies FakeHandlers;

  return { state, handlers };
}

function rowError(
  row: FieldMapping,
  field: MappingField | undefined,
  earlier: FieldMapping[],
): Pick<MappingError, 'code' | 'message'> | null {
  if (!field)
    return { code: 'FIELD_UNKNOWN', message: `${row.field} is not a field in Salesforce.` };
  if (!field.createable && !field.updateable) {
    return { code: 'FIELD_NOT_WRITABLE', message: `${field.label} cannot be written.` };
  }
  if (earlier.some((other) => other.field === row.field)) {
    return { code: 'FIELD_MAPPED_TWICE', message: `${field.label} is mapped twice.` };
  }
  const { source } = row;
  if (source.kind === 'booking') {
    if (!field.bookingFields.includes(source.field)) {
      return {
        code: 'SOURCE_NOT_FOR_FIELD',
        message: `That booking fact cannot go into ${field.label}.`,
      };
    }
    if (source.field === 'answer' && !source.label) {
      return { code: 'ANSWER_LABEL_MISSING', message: 'Say which question’s answer to use.' };
    }
    return null;
  }
  const value = source.value;
  if (field.picklistValues.length > 0 && !field.picklistValues.some((p) => p.value === value)) {
    return {
      code: 'PICKLIST_VALUE_UNKNOWN',
      message: `“${String(value)}” is not a value of ${field.label}.`,
    };
  }
  if (typeof value === 'string' && field.length !== null && value.length > field.length) {
    return {
      code: 'VALUE_TOO_LONG',
      message: `${field.label} takes at most ${field.length} characters.`,
    };
  }
  return null;
}

function sampleValue(row: FieldMapping, sample: PlatformEvent): unknown {
  const { source } = row;
  if (source.kind === 'fixed') return source.value;
  const facts: Record<string, unknown> = {
    guest_name: [sample.guest.firstName, sample.guest.lastName].filter(Boolean).join(' '),
    guest_first_name: sample.guest.firstName,
    guest_last_name: sample.guest.lastName,
    guest_email: sample.guest.email,
    guest_company: sample.guest.company,
    guest_phone: sample.guest.phone,
    calendar_name: sample.calendar?.name ?? null,
    start: sample.start,
    end: sample.end,
    meeting_url: sample.meetingUrl,
    host_user: { hostEmail: sample.hosts[0]?.email ?? null },
    answer: sample.answers.find((answer) => answer.label === source.label)?.value ?? null,
    comment: null,
  };
  return facts[source.field];
}
