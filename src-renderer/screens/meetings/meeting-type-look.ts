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
