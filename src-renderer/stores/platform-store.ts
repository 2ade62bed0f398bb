import { createStore } from 'zustand/vanilla';
import type {
  OutboundSettings,
  PlatformSecretName,
  PlatformStatus,
  ReceivedEvent,
  ReceiverSettings,
} from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

/** What a Settings change was about, so its error shows beside it. */
export type PlatformPart = 'receiver' | 'outbound' | PlatformSecretName;

export interface PlatformState {
  /** The receiver, the secrets' hints and the outbound events; null until the host answers. */
  status: PlatformStatus | null;
  loadError: UserError | null;
  /** The most recent received events. */
  events: ReceivedEvent[];
  eventsTotal: number;
  eventsError: UserError | null;
  /** The change on its way, one at a time. */
  saving: PlatformPart | null;
  /** The last change's refusal, beside what it was about. */
  saveError: { part: PlatformPart; error: UserError } | null;
  /**
   * A secret Leadbridge just generated: shown this once (to paste into the platform), gone
   * when dismissed or when the window reloads; the host never answers it again.
   */
  generated: { name: PlatformSecretName; value: string } | null;

  /** Follows `platform:changed`; returns the unsubscribe. */
  start(): () => void;
  load(): Promise<void>;
  loadEvents(): Promise<void>;
  updateReceiver(receiver: ReceiverSettings): Promise<boolean>;
  updateOutbound(outbound: OutboundSettings): Promise<boolean>;
  /** Stores a pasted secret, or (without a value) has Leadbridge generate one. */
  setSecret(name: PlatformSecretName, value?: string): Promise<boolean>;
  dismissGenerated(): void;
}

/** Enough for an admin to see that deliveries arrive, and why the last ones failed. */
export const RECENT_EVENTS_SHOWN = 20;
/** A burst of webhooks changes the counts on every one: one re-read of the list per burst. */
export const EVENTS_REFRESH_MS = 400;

export function createPlatformStore(api: ApiClient, refreshDelayMs = EVENTS_REFRESH_MS) {
  const later = createDebouncer(refreshDelayMs);
  // An event newer than a call's answer wins over it.
  let statusEvents = 0;

  return createStore<PlatformState>()((set, get) => {
    const loadEvents = async () => {
      try {
        const page = await api.call('platform:events', { limit: RECENT_EVENTS_SHOWN });
        set({ events: page.events, eventsTotal: page.total, eventsError: null });
      } catch (error) {
        set({ eventsError: toUserError(error) });
      }
    };

    const change = async (part: PlatformPart, call: () => Promise<PlatformStatus>) => {
      if (get().saving !== null) return false;
      set({ saving: part, saveError: null });
      try {
        set({ status: await call(), saving: null });
        return true;
      } catch (error) {
        set({ saving: null, saveError: { part, error: toUserError(error) } });
        return false;
      }
    };

    return {
      status: null,
      loadError: null,
      events: [],
      eventsTotal: 0,
      eventsError: null,
      saving: null,
      saveError: null,
      generated: null,

      start() {
        const stop = api.on('platform:changed', (status) => {
          statusEvents++;
          const before = get().status?.received;
          set({ status });
          const { total, pending } = status.received;
          // Only a list someone has opened is kept up to date.
          if (before && (before.total !== total || before.pending !== pending))
            later.schedule(() => void loadEvents());
        });
        return () => {
          later.cancel();
          stop();
        };
      },

      async load() {
        const sentAt = statusEvents;
        try {
          const status = await api.call('platform:status', {});
          if (sentAt === statusEvents) set({ status, loadError: null });
        } catch (error) {
          set({ loadError: toUserError(error) });
        }
        await loadEvents();
      },

      loadEvents,

      updateReceiver: (receiver) =>
        change('receiver', () => api.call('platform:update', { receiver })),

      updateOutbound: (outbound) =>
        change('outbound', () => api.call('platform:update', { outbound })),

      async setSecret(name, value) {
        let generated: string | null = null;
        const saved = await change(name, async () => {
          const answer = await api.call('platform:set-secret', value ? { name, value } : { name });
          generated = answer.generated;
          return answer.status;
        });
        set({ generated: generated === null ? null : { name, value: generated } });
        return saved;
      },

      dismissGenerated: () => set({ generated: null }),
    };
  });
}
