import type { InstanceSummary, MeetingType } from '../../src-preload/contract';

/** An instance as the host describes it; tests override what they look at. */
export function instanceFixture(
  id: number,
  overrides: Partial<InstanceSummary> = {},
): InstanceSummary {
  return {
    id,
    recordId: `00Q${String(id).padStart(15, '0')}`,
    recordKind: 'lead',
    email: `lead${id}@example.com`,
    name: `Lead ${id}`,
    meetingType: { id: 1, name: 'Intro call' },
    status: 'initialized',
    isOpen: true,
    bookedStart: null,
    bookedEnd: null,
    hostEmail: null,
    meetingUrl: null,
    openedAt: '2026-11-22T09:00:00.000Z',
    closedAt: null,
    lastChange: {
      at: '2026-11-22T09:00:00.000Z',
      from: null,
      to: 'initialized',
      reason: 'Imported',
      cause: { kind: 'channel', id: '1', name: 'Working leads' },
    },
    adminStatuses: ['activated', 'deactivated'],
    ...overrides,
  };
}

export function meetingTypeFixture(id: number, overrides: Partial<MeetingType> = {}): MeetingType {
  return {
    id,
    name: `Meeting ${id}`,
    hosts: ['rep@example.com'],
    calendar: null,
    archived: false,
    activityLogging: { tasks: true, events: true },
    openInstances: 0,
    createdAt: '2026-11-22T09:00:00.000Z',
    updatedAt: '2026-11-22T09:00:00.000Z',
    ...overrides,
  };
}
