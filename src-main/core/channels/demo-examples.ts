import type { BookingSettings, ChannelDraft, FieldWrite } from '../../../src-preload/contract';
import type { MeetingTypeRepository } from '../meetings/meeting-type-repository';
import type { ChannelService } from './channel-service';

export interface DemoExampleOptions {
  /** An active User of the demo org: the meeting type's host, and the Lead's owner once booked. */
  hostEmail: string;
  timeZone: string;
  /** The demo org's Lead Status values: the Update channel writes a booked-like one if any. */
  leadStatuses: readonly string[];
  /** The demo scheduler's calendar the meeting type books (its bookings find the type by it). */
  calendar?: { id: string; name: string } | null;
}

/** A Lead Status value that says a meeting is booked ("Meeting Booked"), if the org has one. */
export function bookedLikeStatus(statuses: readonly string[]): string | undefined {
  return statuses.find((status) => /\bbooked\b/i.test(status));
}

/**
 * The demo's starting point (`--demo` only, never a real org): one meeting type logging
 * activities, an Import channel and an Update channel, both disabled, so a new user enables
 * them, edits a Lead's Status on the demo org's page, marks the instance booked and watches
 * the Lead's owner change. Seeded only while no meeting type exists, so it never comes back
 * after the user changed or archived it.
 */
export function seedDemoExamples(
  parts: { meetingTypes: MeetingTypeRepository; channels: ChannelService },
  options: DemoExampleOptions,
): boolean {
  if (parts.meetingTypes.list(true).length > 0) return false;
  const type = parts.meetingTypes.create({
    name: 'Intro call',
    hosts: [options.hostEmail],
    calendar: options.calendar ?? null,
    activityLogging: { tasks: true, events: true },
  });
  const rules = (conditions: ChannelDraft['rules']['conditions']) => ({
    conditions,
    trigger: 'becomes_true' as const,
    timeZone: options.timeZone,
  });
  parts.channels.createExample({
    meetingTypeId: type.id,
    name: 'Status changed to Working - Contacted',
    kind: 'import',
    action: 'initialize_and_activate',
    interceptScope: 'meeting_type',
    rules: rules({
      combinator: 'and',
      rules: [{ field: 'Status', operator: 'changed_to', value: 'Working - Contacted' }],
    }),
  });
  const booked = bookedLikeStatus(options.leadStatuses);
  const writes: FieldWrite[] = [
    ...(booked ? [{ field: 'Status', source: 'fixed' as const, value: booked }] : []),
    { field: 'OwnerId', source: 'host_user' },
  ];
  parts.channels.createExample({
    meetingTypeId: type.id,
    name: booked ? `When booked: Status = ${booked}, Owner = host` : 'When booked: Owner = host',
    kind: 'update',
    action: 'write_fields',
    interceptScope: 'meeting_type',
    // No conditions: every booked Lead of this meeting type.
    rules: rules({ combinator: 'and', rules: [] }),
    update: { statuses: ['booked'], writes },
  });
  return true;
}

/**
 * The demo's booking settings: one default for every calendar, creating a Lead for a new guest
 * (the name, email and company from the form, the custom question into Description), leaving an
 * existing Lead untouched, and an Event for each meeting. Saved as is (the org may not be
 * connected yet, so its describe is unknown): the poster checks the mapping again before each
 * post. Only while no booking settings are saved, so it never comes back after a change.
 */
export function seedDemoBookingSettings(
  store: { list(): BookingSettings[]; save(settings: BookingSettings): void },
  questionLabel: string,
): boolean {
  if (store.list().length > 0) return false;
  store.save({
    calendarId: null,
    objectToLink: 'lead',
    createWhenMissing: true,
    overwriteWhenFound: false,
    createEvent: true,
    leadMapping: [
      { field: 'LastName', source: { kind: 'booking', field: 'guest_last_name' } },
      { field: 'FirstName', source: { kind: 'booking', field: 'guest_first_name' } },
      { field: 'Email', source: { kind: 'booking', field: 'guest_email' } },
      { field: 'Company', source: { kind: 'booking', field: 'guest_company' } },
      { field: 'LeadSource', source: { kind: 'fixed', value: 'Web' } },
      { field: 'Description', source: { kind: 'booking', field: 'answer', label: questionLabel } },
    ],
    contactMapping: [],
  });
  return true;
}
