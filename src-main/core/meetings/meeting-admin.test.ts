import { describe, expect, it } from 'vitest';
import { cacheLead, createMeetingsStore, leadId } from '../../../test/support/meetings-store';

const channel = { kind: 'channel', id: '7', name: 'Working leads' } as const;

function setup() {
  const store = createMeetingsStore();
  cacheLead(store.db, leadId(1), 'Ada Lovelace', 'ada@example.com');
  const intro = store.meetingTypes.create({
    name: 'Intro call',
    hosts: ['rep@example.com'],
    calendar: null,
  });
  const open = (status: 'initialized' | 'activated' | 'booked', n = 1) =>
    store.instances.openInstance({
      recordId: leadId(n),
      email: 'ada@example.com',
      meetingTypeId: intro.id,
      status,
      reason: 'Imported',
      cause: channel,
    }).instance;
  return { ...store, intro, open };
}

describe('an admin’s status change', () => {
  it('activates, deactivates and marks a meeting held, with the reason and cause in the history', () => {
    const store = setup();
    const instance = store.open('initialized');
    store.admin.setStatus(instance.id, 'activated', 'Spoke to them at the fair');
    expect(store.instances.history(instance.id)[0]).toMatchObject({
      from: 'initialized',
      to: 'activated',
      reason: 'Spoke to them at the fair',
      cause: { kind: 'admin', id: null, name: null },
    });
    const booked = store.open('booked', 2);
    expect(store.admin.setStatus(booked.id, 'no_show', 'Nobody joined')).toMatchObject({
      created: false,
      instance: { status: 'no_show', isOpen: false },
    });
    expect(
      store.admin.setStatus(instance.id, 'deactivated', 'Asked us to stop').instance.status,
    ).toBe('deactivated');
  });

  it('refuses a change the status machine does not allow and changes nothing', () => {
    const store = setup();
    const instance = store.open('initialized');
    expect(() => store.admin.setStatus(instance.id, 'completed', 'held')).toThrowError(
      expect.objectContaining({ code: 'INSTANCE_TRANSITION_INVALID' }),
    );
    expect(store.instances.get(instance.id)).toEqual(instance);
    expect(store.instances.history(instance.id)).toHaveLength(1);
  });

  it('activating a closed instance starts a new one and never reopens the old', () => {
    const store = setup();
    const old = store.open('activated');
    store.admin.setStatus(old.id, 'deactivated', 'Paused for the holidays');
    const result = store.admin.setStatus(old.id, 'activated', 'Back in January');
    expect(result.created).toBe(true);
    expect(result.instance).toMatchObject({ status: 'activated', recordId: leadId(1) });
    expect(result.instance.id).not.toBe(old.id);
    expect(store.instances.get(old.id)?.status).toBe('deactivated');
    expect(store.instances.history(result.instance.id)).toEqual([
      expect.objectContaining({ from: null, to: 'activated', reason: 'Back in January' }),
    ]);
  });

  it('refuses to activate a closed instance while the Lead has another open one of the type', () => {
    const store = setup();
    const old = store.open('activated');
    store.admin.setStatus(old.id, 'deactivated', 'stop');
    const current = store.open('initialized');
    const before = store.db.prepare('SELECT COUNT(*) FROM instance_history').pluck().get();
    expect(() => store.admin.setStatus(old.id, 'activated', 'again')).toThrowError(
      expect.objectContaining({ code: 'INSTANCE_ALREADY_OPEN' }),
    );
    expect(store.instances.get(current.id)?.status).toBe('initialized');
    expect(store.db.prepare('SELECT COUNT(*) FROM instance_history').pluck().get()).toBe(before);
  });
});

describe('meeting types', () => {
  it('keeps hosts in order without repeats and refuses a second live type with one name', () => {
    const store = setup();
    const demo = store.meetingTypes.create({
      name: 'Product demo',
      hosts: ['se@example.com', 'rep@example.com', 'se@example.com'],
      calendar: { id: 'cal-1', name: 'Demo calendar' },
    });
    expect(demo).toMatchObject({
      hosts: ['se@example.com', 'rep@example.com'],
      calendar: { id: 'cal-1', name: 'Demo calendar' },
      archived: false,
      openInstances: 0,
    });
    expect(() =>
      store.meetingTypes.create({ name: 'intro CALL', hosts: ['a@b.co'], calendar: null }),
    ).toThrowError(expect.objectContaining({ code: 'MEETING_TYPE_NAME_TAKEN' }));
    expect(() => store.meetingTypes.update(demo.id, { name: 'Intro call' })).toThrowError(
      expect.objectContaining({ code: 'MEETING_TYPE_NAME_TAKEN' }),
    );
  });

  it('changes only the fields given', () => {
    const store = setup();
    store.clock.advance(5000);
    const updated = store.meetingTypes.update(store.intro.id, { hosts: ['new@example.com'] });
    expect(updated).toMatchObject({
      name: 'Intro call',
      hosts: ['new@example.com'],
      calendar: null,
      updatedAt: '2026-11-22T09:00:05.000Z',
    });
    expect(
      store.meetingTypes.update(store.intro.id, { calendar: { id: 'c', name: 'C' } }),
    ).toMatchObject({ hosts: ['new@example.com'], calendar: { id: 'c', name: 'C' } });
  });

  it('archiving deactivates instances not yet booked, lets booked meetings run, frees the name', () => {
    const store = setup();
    const waiting = store.open('activated', 1);
    const booked = store.open('booked', 2);
    expect(store.meetingTypes.require(store.intro.id).openInstances).toBe(2);
    const result = store.admin.archiveMeetingType(store.intro.id);
    expect(result).toMatchObject({
      deactivated: 1,
      meetingType: { archived: true, openInstances: 1 },
    });
    expect(store.instances.get(waiting.id)?.lastChange).toMatchObject({
      to: 'deactivated',
      reason: 'The meeting type “Intro call” was archived.',
      cause: { kind: 'admin' },
    });
    expect(store.instances.get(booked.id)?.status).toBe('booked');
    expect(store.meetingTypes.list(false)).toEqual([]);
    expect(store.meetingTypes.list(true)).toHaveLength(1);
    expect(() => store.meetingTypes.update(store.intro.id, { name: 'x' })).toThrowError(
      expect.objectContaining({ code: 'MEETING_TYPE_ARCHIVED' }),
    );
    expect(store.announced.map((e) => e.kind)).toContain('meeting-type.archived');
    store.meetingTypes.create({ name: 'Intro call', hosts: ['a@b.co'], calendar: null });
  });
});
