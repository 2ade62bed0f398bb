import { describe, expect, it } from 'vitest';
import { activityLoggingText, calendarsToOffer, meetingTypeDraft } from './meeting-type-look';

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

describe('calendars the meeting type form offers', () => {
  it('offers calendars no other meeting type stands for, and the one being edited', () => {
    const calendars = [
      { id: 'cal-a', name: 'Intro', meetingType: { id: 1 } },
      { id: 'cal-b', name: 'Demo', meetingType: null },
      { id: 'cal-c', name: 'Onboarding', meetingType: { id: 2 } },
    ];
    expect(calendarsToOffer(calendars, 2).map((option) => option.value)).toEqual([
      'cal-b',
      'cal-c',
    ]);
    expect(calendarsToOffer(calendars, null)).toEqual([{ value: 'cal-b', label: 'Demo (cal-b)' }]);
  });
});
