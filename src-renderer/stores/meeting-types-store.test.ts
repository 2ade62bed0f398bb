import { afterEach, describe, expect, it, vi } from 'vitest';
import { meetingTypeFixture } from '../../test/support/instance-fixture';
import type { MeetingType } from '../../src-preload/contract';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { createMeetingTypesStore } from './meeting-types-store';

function host() {
  let types: MeetingType[] = [];
  return createFakeApiClient({
    'meeting-types:list': () => ({ meetingTypes: types.filter((t) => !t.archived) }),
    'meeting-types:create': (input) => {
      if (types.some((t) => t.name === input!.name))
        throw fakeApiError('MEETING_TYPE_NAME_TAKEN', 'A meeting type called that already exists.');
      const created = meetingTypeFixture(types.length + 1, {
        name: input!.name,
        hosts: input!.hosts,
      });
      types = [...types, created];
      return created;
    },
    'meeting-types:update': ({ id, ...changes } = { id: 0 }) => {
      types = types.map((t) => (t.id === id ? ({ ...t, ...changes } as MeetingType) : t));
      return types.find((t) => t.id === id)!;
    },
    'meeting-types:archive': (input) => {
      types = types.map((t) => (t.id === input!.id ? { ...t, archived: true } : t));
      return { meetingType: types.find((t) => t.id === input!.id)!, deactivated: 2 };
    },
  });
}

afterEach(() => vi.useRealTimers());

describe('meeting types store', () => {
  it('creates, edits and archives, showing the list as the host has it after each', async () => {
    const fake = host();
    const store = createMeetingTypesStore(fake.client);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, meetingTypes: [] });

    expect(await store.getState().create({ name: 'Intro call', hosts: ['rep@example.com'] })).toBe(
      true,
    );
    expect(await store.getState().update(1, { name: 'Intro call', hosts: ['a@example.com'] })).toBe(
      true,
    );
    expect(store.getState().meetingTypes).toEqual([
      expect.objectContaining({ name: 'Intro call', hosts: ['a@example.com'] }),
    ]);
    expect(await store.getState().archive(1)).toBe(true);
    expect(store.getState().meetingTypes).toEqual([]);
  });

  it('keeps the refusal for the form to show and changes nothing', async () => {
    const fake = host();
    const store = createMeetingTypesStore(fake.client);
    await store.getState().create({ name: 'Intro call', hosts: ['rep@example.com'] });
    expect(await store.getState().create({ name: 'Intro call', hosts: ['x@example.com'] })).toBe(
      false,
    );
    expect(store.getState()).toMatchObject({
      saving: false,
      saveError: { code: 'MEETING_TYPE_NAME_TAKEN' },
      meetingTypes: [expect.objectContaining({ hosts: ['rep@example.com'] })],
    });
    store.getState().dismissSaveError();
    expect(store.getState().saveError).toBeNull();
  });

  it('re-reads the open-instance counts once per burst of instance changes', async () => {
    vi.useFakeTimers();
    const fake = host();
    const store = createMeetingTypesStore(fake.client, 500);
    const stop = store.getState().start();
    await store.getState().load();
    const change = {
      instanceId: 1,
      meetingTypeId: 1,
      recordId: 'x',
      from: null,
      to: 'activated',
      at: 'now',
    } as const;
    fake.emit('instances:changed', { changes: [change] });
    fake.emit('instances:changed', { changes: [change] });
    await vi.advanceTimersByTimeAsync(500);
    expect(fake.calls.filter((c) => c.method === 'meeting-types:list')).toHaveLength(2);
    stop();
  });
});
