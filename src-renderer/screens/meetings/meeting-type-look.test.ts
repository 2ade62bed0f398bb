import { describe, expect, it } from 'vitest';
import { activityLoggingText, meetingTypeDraft } from './meeting-type-look';

describe('meeting type look', () => {
  it('says what a meeting type logs on the Lead', () => {
    expect(activityLoggingText({ tasks: true, events: true })).toBe('Tasks and Events');
    expect(activityLoggingText({ tasks: false, events: true })).toBe('Events');
    expect(activityLoggingText({ tasks: true, events: false })).toBe('Tasks');
    expect(activityLoggingText({ tasks: false, events: false })).toBe('Nothing');
  });

  it('sends the activity logging switches with the meeting type, and no half calendar', () => {
    const form = {
      name: 'Intro call',
      hosts: ['alex.host@leadbridge.demo'],
      calendarId: ' ',
      calendarName: '',
      activityLogging: { tasks: false, events: true },
    };
    expect(meetingTypeDraft(form)).toEqual({
      name: 'Intro call',
      hosts: ['alex.host@leadbridge.demo'],
      calendar: null,
      activityLogging: { tasks: false, events: true },
    });
    expect(
      meetingTypeDraft({ ...form, calendarId: ' cal-1 ', calendarName: ' Sales ' }).calendar,
    ).toEqual({ id: 'cal-1', name: 'Sales' });
  });
});
