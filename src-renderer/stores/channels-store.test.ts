import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelFixture, conditionFieldsFixture } from '../../test/support/channel-answers-fixture';
import type { Channel } from '../../src-preload/contract';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { createChannelsStore } from './channels-store';

function host(initial: Channel[]) {
  let channels = initial;
  const fake = createFakeApiClient({
    'channels:list': () => ({ channels }),
    'channels:fields': () => ({ fields: conditionFieldsFixture }),
    'channels:set-enabled': (input) => {
      const channel = channels.find((c) => c.id === input!.channelId)!;
      if (input!.enabled && channel.errors.length > 0) {
        throw fakeApiError(
          'CHANNEL_INVALID',
          'This channel’s rules have errors; fix them before enabling it.',
        );
      }
      const updated = { ...channel, enabled: input!.enabled };
      channels = channels.map((c) => (c.id === updated.id ? updated : c));
      return updated;
    },
    'channels:delete': (input) => {
      channels = channels.filter((c) => c.id !== input!.channelId);
      return { deleted: true };
    },
  });
  return { fake, set: (next: Channel[]) => (channels = next) };
}

afterEach(() => vi.useRealTimers());

describe('channels store', () => {
  it('loads the channels and the fields the rule builder offers', async () => {
    const { fake } = host([channelFixture(1)]);
    const store = createChannelsStore(fake.client);
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      loaded: true,
      channels: [expect.objectContaining({ id: 1 })],
      fields: conditionFieldsFixture,
    });
  });

  it('enables a valid channel and shows it enabled without a reload', async () => {
    const { fake } = host([channelFixture(1)]);
    const store = createChannelsStore(fake.client);
    await store.getState().load();
    const enabled = await store.getState().setEnabled(1, true);
    expect(enabled?.enabled).toBe(true);
    expect(store.getState().channels[0]!.enabled).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'channels:list')).toHaveLength(1);
  });

  it('keeps the refusal to enable an invalid channel, with the channel it was for', async () => {
    const errors = [{ path: [0], code: 'FIELD_UNKNOWN' as const, message: 'Lead has no field X.' }];
    const { fake } = host([channelFixture(1, { errors })]);
    const store = createChannelsStore(fake.client);
    await store.getState().load();
    expect(await store.getState().setEnabled(1, true)).toBeNull();
    expect(store.getState()).toMatchObject({
      busyChannelId: null,
      actionError: { channelId: 1, code: 'CHANNEL_INVALID' },
      channels: [expect.objectContaining({ enabled: false })],
    });
  });

  it('re-reads the list once per burst of channels:changed (the runner firing)', async () => {
    vi.useFakeTimers();
    const { fake, set } = host([channelFixture(1)]);
    const store = createChannelsStore(fake.client, 300);
    const stop = store.getState().start();
    await store.getState().load();
    set([channelFixture(1, { fireCount: 2, lastFiredAt: '2026-11-22T10:00:00.000Z' })]);
    fake.emit('channels:changed', { channelIds: [1] });
    fake.emit('channels:changed', { channelIds: [1] });
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.calls.filter((c) => c.method === 'channels:list')).toHaveLength(2);
    expect(store.getState().channels[0]!.fireCount).toBe(2);
    stop();
    expect(fake.listenerCount('channels:changed')).toBe(0);
  });

  it('deletes a channel from the list', async () => {
    const { fake } = host([channelFixture(1), channelFixture(2)]);
    const store = createChannelsStore(fake.client);
    await store.getState().load();
    expect(await store.getState().remove(1)).toBe(true);
    expect(store.getState().channels.map((c) => c.id)).toEqual([2]);
  });
});
