import { createStore } from 'zustand/vanilla';
import type { Channel, ConditionFieldInfo } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

export interface ChannelsState {
  channels: Channel[];
  /** Lead's fields for the rule builder; empty until the first sync has read the describe. */
  fields: ConditionFieldInfo[];
  loaded: boolean;
  loading: boolean;
  loadError: UserError | null;
  /** The channel a switch or delete is on its way for; one at a time. */
  busyChannelId: number | null;
  /** A refused enable or delete, with the channel it was for. */
  actionError: (UserError & { channelId: number }) | null;

  /** Keeps the list live as the runner fires or disables channels; returns the unsubscribe. */
  start(): () => void;
  load(): Promise<void>;
  /** Resolves to the channel as the host now has it, or null when refused (see actionError). */
  setEnabled(channelId: number, enabled: boolean): Promise<Channel | null>;
  remove(channelId: number): Promise<boolean>;
  dismissActionError(): void;
}

/** The runner changes fire counts on every timing event: one re-read per burst. */
export const CHANNELS_REFRESH_MS = 300;

export function createChannelsStore(api: ApiClient, refreshDelayMs = CHANNELS_REFRESH_MS) {
  const later = createDebouncer(refreshDelayMs);
  let generation = 0;

  return createStore<ChannelsState>()((set, get) => {
    const load = async () => {
      const mine = ++generation;
      set({ loading: true });
      try {
        const [{ channels }, { fields }] = await Promise.all([
          api.call('channels:list', {}),
          api.call('channels:fields', {}),
        ]);
        if (mine !== generation) return;
        set({ channels, fields, loaded: true, loading: false, loadError: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, loadError: toUserError(error) });
      }
    };

    const act = async <T>(channelId: number, call: () => Promise<T>): Promise<T | null> => {
      if (get().busyChannelId !== null) return null;
      set({ busyChannelId: channelId, actionError: null });
      try {
        const result = await call();
        set({ busyChannelId: null });
        return result;
      } catch (error) {
        set({ busyChannelId: null, actionError: { ...toUserError(error), channelId } });
        return null;
      }
    };

    const replace = (channel: Channel) =>
      set({ channels: get().channels.map((c) => (c.id === channel.id ? channel : c)) });

    return {
      channels: [],
      fields: [],
      loaded: false,
      loading: false,
      loadError: null,
      busyChannelId: null,
      actionError: null,

      start() {
        const stop = api.on('channels:changed', () => {
          if (get().loaded) later.schedule(() => void load());
        });
        return () => {
          later.cancel();
          stop();
        };
      },

      load,

      async setEnabled(channelId, enabled) {
        const channel = await act(channelId, () =>
          api.call('channels:set-enabled', { channelId, enabled }),
        );
        if (channel) replace(channel);
        return channel;
      },

      async remove(channelId) {
        const done = await act(channelId, () => api.call('channels:delete', { channelId }));
        if (!done) return false;
        set({ channels: get().channels.filter((c) => c.id !== channelId) });
        return true;
      },

      dismissActionError: () => set({ actionError: null }),
    };
  });
}

export type ChannelsStore = ReturnType<typeof createChannelsStore>;
