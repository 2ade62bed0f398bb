import type { ActivityLogging } from '../../../src-preload/contract';
import type { MeetingTypeDraft } from '../../stores/meeting-types-store';

/** "Tasks and Events": what a meeting type records on the Lead in Salesforce. */
export function activityLoggingText({ tasks, events }: ActivityLogging): string {
  if (tasks && events) return 'Tasks and Events';
  if (tasks) return 'Tasks';
  if (events) return 'Events';
  return 'Nothing';
}

export interface MeetingTypeForm {
  name: string;
  hosts: string[];
  calendarId: string;
  calendarName: string;
  activityLogging: ActivityLogging;
}

/** The meeting type as the host takes it: no calendar when its id is left empty. */
export function meetingTypeDraft(form: MeetingTypeForm): MeetingTypeDraft {
  const calendarId = form.calendarId.trim();
  return {
    name: form.name,
    hosts: form.hosts,
    calendar: calendarId === '' ? null : { id: calendarId, name: form.calendarName.trim() },
    activityLogging: form.activityLogging,
  };
}

/**
 * The calendars the meeting type form offers to pick: those Leadbridge has seen (from bookings
 * received) that no other meeting type stands for yet.
 */
export function calendarsToOffer(
  calendars: readonly { id: string; name: string; meetingType: { id: number } | null }[],
  editingId: number | null,
): { value: string; label: string }[] {
  return calendars
    .filter((calendar) => calendar.meetingType === null || calendar.meetingType.id === editingId)
    .map((calendar) => ({ value: calendar.id, label: `${calendar.name} (${calendar.id})` }));
}
