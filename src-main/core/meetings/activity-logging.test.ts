import { describe, expect, it } from 'vitest';
import type { ActivityLogging as ActivityLoggingSwitches } from '../../../src-preload/contract';
import { cacheLead, createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import { outboxRows } from '../../../test/support/outbox-rows';

const HOST = 'alex.host@leadbridge.demo';
const OTHER_HOST = 'sam.host@leadbridge.demo';
const BOOKING = {
  start: '2026-12-03T15:00:00.000Z',
  end: '2026-12-03T15:30:00.000Z',
  hostEmail: OTHER_HOST,
  meetingUrl: 'https://meet.example.com/intro-42',
};

function setup(activityLogging: ActivityLoggingSwitches = { tasks: true, events: true }) {
  const store = createMeetingsStore();
  cacheLead(store.db, leadId(1), 'Ada Lovelace', 'ada@example.com');
  const intro = store.meetingTypes.create({
    name: 'Intro call',
    hosts: [HOST, OTHER_HOST],
    activityLogging,
  });
  const open = (status: 'initialized' | 'activated') =>
    store.instances.openInstance({
      recordId: leadId(1),
      email: 'ada@example.com',
      meetingTypeId: intro.id,
      status,
      reason: 'Imported',
      cause: { kind: 'channel', id: '7', name: 'Working leads' },
    }).instance;
  const rows = () => outboxRows(store.db);
  return { ...store, intro, open, rows };
}

describe('a booking by hand', () => {
  it('stores the meeting’s facts and queues an Event on the Lead: start, end, a subject naming the type and host, the URL as Location', () => {
    const store = setup();
    const instance = store.open('activated');
    const { instance: booked } = store.admin.setStatus(
      instance.id,
      'booked',
      'Booked by phone',
      BOOKING,
    );
    expect(booked).toMatchObject({
      status: 'booked',
      bookedStart: BOOKING.start,
      bookedEnd: BOOKING.end,
      hostEmail: OTHER_HOST,
      meetingUrl: BOOKING.meetingUrl,
    });
    const [historyEntry] = store.instances.history(instance.id);
    expect(store.rows()).toEqual([
      expect.objectContaining({
        kind: 'event_create',
        object: 'Event',
        leadId: leadId(1),
        values: {
          Subject: `Intro call with ${OTHER_HOST}`,
          StartDateTime: BOOKING.start,
          EndDateTime: BOOKING.end,
          Location: BOOKING.meetingUrl,
        },
        cause: { kind: 'admin', id: null, name: null },
        instanceId: instance.id,
        idempotencyKey: `event:${historyEntry!.id}`,
      }),
    ]);
  });

  it('queues no Event when the meeting type does not log events', () => {
    const store = setup({ tasks: true, events: false });
    store.admin.setStatus(store.open('activated').id, 'booked', 'Booked by phone', BOOKING);
    expect(store.rows()).toEqual([]);
  });

  it('refuses a host who is not one of the meeting type’s hosts, and changes nothing', () => {
    const store = setup();
    const instance = store.open('activated');
    expect(() =>
      store.admin.setStatus(instance.id, 'booked', 'Booked by phone', {
        ...BOOKING,
        hostEmail: 'stranger@example.com',
      }),
    ).toThrowError(expect.objectContaining({ code: 'BOOKING_HOST_NOT_A_HOST' }));
    expect(store.instances.require(instance.id)).toMatchObject({
      status: 'activated',
      hostEmail: null,
    });
    expect(store.rows()).toEqual([]);
  });

  it('is the only status that takes booking facts, and needs them', () => {
    const store = setup();
    const instance = store.open('activated');
    expect(() => store.admin.setStatus(instance.id, 'deactivated', 'Stop', BOOKING)).toThrowError(
      expect.objectContaining({ code: 'BOOKING_NOT_EXPECTED' }),
    );
    expect(() => store.admin.setStatus(instance.id, 'booked', 'Booked')).toThrowError(
      expect.objectContaining({ code: 'BOOKING_FACTS_MISSING' }),
    );
    expect(store.instances.require(instance.id).status).toBe('activated');
  });
});

describe('an attempt recorded by hand', () => {
  it('moves an activated instance to invited on the first invite and queues a closed email Task naming the meeting type', () => {
    const store = setup();
    const instance = store.open('activated');
    const first = store.admin.recordAttempt(instance.id, 'invite');
    expect(first.instance.status).toBe('invited');
    expect(store.instances.history(instance.id)[0]).toMatchObject({
      from: 'activated',
      to: 'invited',
      cause: { kind: 'admin' },
    });
    const second = store.admin.recordAttempt(instance.id, 'email', 'Follow-up');
    expect(second.instance.status).toBe('invited');
    const tasks = store.rows();
    expect(tasks.map((task) => task.id)).toEqual([first.outboxItemId, second.outboxItemId]);
    expect(tasks[0]).toMatchObject({
      kind: 'task_create',
      object: 'Task',
      leadId: leadId(1),
      instanceId: instance.id,
      values: {
        Subject: 'Meeting invite: Intro call',
        Status: 'Completed',
        ActivityDate: '2026-11-22',
        TaskSubtype: 'Email',
      },
    });
    expect(tasks[1]!.values.Subject).toBe('Follow-up: Intro call');
    expect(tasks[0]!.idempotencyKey).not.toBe(tasks[1]!.idempotencyKey);
    expect(store.log.list({ limit: 5, kinds: ['instance.attempt'] }).entries).toHaveLength(2);
  });

  it('queues no Task when the meeting type does not log tasks, and still records the invite', () => {
    const store = setup({ tasks: false, events: true });
    const instance = store.open('activated');
    expect(store.admin.recordAttempt(instance.id, 'invite')).toMatchObject({
      outboxItemId: null,
      instance: { status: 'invited' },
    });
    expect(store.rows()).toEqual([]);
  });

  it('is refused on a closed instance, writing nothing', () => {
    const store = setup();
    const instance = store.open('activated');
    store.admin.setStatus(instance.id, 'deactivated', 'Asked us to stop');
    expect(() => store.admin.recordAttempt(instance.id, 'invite')).toThrowError(
      expect.objectContaining({ code: 'INSTANCE_CLOSED' }),
    );
    expect(store.rows()).toEqual([]);
    expect(store.log.list({ limit: 5, kinds: ['instance.attempt'] }).entries).toEqual([]);
  });
});

describe('meeting types’ activity logging', () => {
  it('is on for both by default, kept through edits that leave it out, and switched per type', () => {
    const store = createMeetingsStore();
    const type = store.meetingTypes.create({ name: 'Intro call', hosts: [HOST] });
    expect(type.activityLogging).toEqual({ tasks: true, events: true });
    const renamed = store.meetingTypes.update(type.id, { name: 'Intro' });
    expect(renamed.activityLogging).toEqual({ tasks: true, events: true });
    const switched = store.meetingTypes.update(type.id, {
      activityLogging: { tasks: false, events: true },
    });
    expect(switched.activityLogging).toEqual({ tasks: false, events: true });
    expect(store.meetingTypes.require(type.id).activityLogging).toEqual({
      tasks: false,
      events: true,
    });
  });
});
