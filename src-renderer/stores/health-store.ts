import { createStore } from 'zustand/vanilla';
import type { HealthErrorGroup, HealthReport, SyncStatus } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

export interface HealthState {
  /** Null until the host answers. */
  report: HealthReport | null;
  loading: boolean;
  error: UserError | null;
  /** The error code whose Retry is on its way. */
  retrying: string | null;
  /** What the last Retry did, or why it failed, by error code. */
  retryNotes: Record<string, { text: string; failed: boolean }>;

  /** Loads, then follows what changes the report; returns the unsubscribe. */
  start(): () => void;
  load(): Promise<void>;
  retry(group: HealthErrorGroup): Promise<void>;
}

const listed = new Intl.ListFormat('en', { type: 'conjunction' });

/** A failing sync or a drained batch logs many entries at once: one re-read per burst. */
export const HEALTH_REFRESH_MS = 1_000;

export function createHealthStore(api: ApiClient, refreshDelayMs = HEALTH_REFRESH_MS) {
  const later = createDebouncer(refreshDelayMs);
  let generation = 0;

  return createStore<HealthState>()((set, get) => {
    const load = async () => {
      const mine = ++generation;
      set({ loading: true });
      try {
        const report = await api.call('health:get');
        if (mine !== generation) return;
        set({ report, loading: false, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };
    const reloadSoon = () => later.schedule(() => void load());

    return {
      report: null,
      loading: false,
      error: null,
      retrying: null,
      retryNotes: {},

      start() {
        let lastSync: string | undefined;
        const stops = [
          // An error entry carries its code; the other entries change nothing shown here.
          api.on('log:appended', (entry) => {
            if (typeof entry.details.code === 'string') reloadSoon();
          }),
          api.on('outbox:changed', (outbox) => {
            const { report } = get();
            if (report) set({ report: { ...report, outbox } });
            // Failed items may have gone back to pending: their Retry changes.
            reloadSoon();
          }),
          api.on('sync:status', (status) => {
            // Progress repeats the same facts many times per sync.
            const key = syncKey(status);
            if (key === lastSync) return;
            lastSync = key;
            reloadSoon();
          }),
          api.onReconnect(() => void load()),
        ];
        void load();
        return () => {
          later.cancel();
          for (const stop of stops) stop();
        };
      },

      load,

      async retry(group) {
        const { retry } = group;
        if (!retry || get().retrying) return;
        set({ retrying: group.code });
        try {
          const done: string[] = [];
          if (retry.outboxItemIds.length > 0) {
            const { retried } = await api.call('outbox:retry', { itemIds: retry.outboxItemIds });
            done.push(`${retried.toLocaleString()} outbox ${retried === 1 ? 'item' : 'items'}`);
          }
          if (retry.bookingIds.length > 0) {
            const { retried } = await api.call('bookings:retry', { bookingIds: retry.bookingIds });
            done.push(`${retried.toLocaleString()} ${retried === 1 ? 'booking' : 'bookings'}`);
          }
          if (retry.syncNow) {
            await api.call('sync:now');
            done.push('a sync');
          }
          set({
            retryNotes: {
              ...get().retryNotes,
              [group.code]: { text: `Retrying ${listed.format(done)}.`, failed: false },
            },
          });
        } catch (error) {
          const { message } = toUserError(error);
          set({
            retryNotes: { ...get().retryNotes, [group.code]: { text: message, failed: true } },
          });
        } finally {
          set({ retrying: null });
        }
        await load();
      },
    };
  });
}

function syncKey(status: SyncStatus): string {
  return [status.state, status.lastRun?.at, status.lastReconcile?.at, status.progress?.phase].join(
    '|',
  );
}

export type HealthStore = ReturnType<typeof createHealthStore>;
