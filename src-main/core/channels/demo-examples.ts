import type { MeetingTypeRepository } from '../meetings/meeting-type-repository';
import type { ChannelService } from './channel-service';

/**
 * The demo's starting point (`--demo` only, never a real org): one meeting type and one
 * Import channel, disabled, so a new user enables it, edits a Lead's Status on the demo org's
 * page and watches an instance appear. Seeded only while no meeting type exists, so it never
 * comes back after the user changed or archived it.
 */
export function seedDemoExamples(
  parts: { meetingTypes: MeetingTypeRepository; channels: ChannelService },
  hostEmail: string,
  timeZone: string,
): boolean {
  if (parts.meetingTypes.list(true).length > 0) return false;
  const type = parts.meetingTypes.create({
    name: 'Intro call',
    hosts: [hostEmail],
    calendar: null,
  });
  parts.channels.createExample({
    meetingTypeId: type.id,
    name: 'Status changed to Working - Contacted',
    kind: 'import',
    action: 'initialize_and_activate',
    interceptScope: 'meeting_type',
    rules: {
      conditions: {
        combinator: 'and',
        rules: [{ field: 'Status', operator: 'changed_to', value: 'Working - Contacted' }],
      },
      trigger: 'becomes_true',
      timeZone,
    },
  });
  return true;
}
