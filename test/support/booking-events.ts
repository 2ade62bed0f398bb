import type { PlatformEvent } from '../../src-preload/contract';

/** A platform event about a booking, as the intake normalises it; `changes` override fields. */
export function bookingEvent(changes: Partial<PlatformEvent> = {}): PlatformEvent {
  return {
    source: 'timerex',
    kind: 'booked',
    externalId: 'tr-1',
    occurredAt: '2026-11-22T09:00:00.000Z',
    start: '2026-11-25T01:00:00.000Z',
    end: '2026-11-25T01:30:00.000Z',
    timezone: 'Asia/Tokyo',
    calendar: { id: 'cal-intro', name: 'Intro call' },
    hosts: [{ email: 'alex.host@leadbridge.demo', name: 'Alex Host' }],
    guest: {
      email: 'guest@example.com',
      firstName: 'Mika',
      lastName: 'Tanaka',
      company: 'Tanaka Trading',
      phone: '+81 3 1234 5678',
    },
    answers: [{ label: 'What would you like to discuss?', value: 'Pricing' }],
    meetingUrl: 'https://meet.example.com/abc',
    rescheduledFrom: null,
    ...changes,
  };
}
