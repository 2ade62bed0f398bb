import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import { lastDayByHour, type HourCount } from './hour-buckets';
import { toUserError, type UserError } from './user-error';

export interface ChangesChartState {
  /** Exactly 24 hours, oldest first, ending with the current hour; empty until loaded. */
  hours: HourCount[];
  loading: boolean;
  error: UserError | null;

  /** Loads, then reloads after every finished sync; returns the unsubscribe. */
  start(): () => void;
  load(): Promise<void>;
}

export function createChangesChartStore(api: ApiClient, now: () => number = Date.now) {
  let generation = 0;

  return createStore<ChangesChartState>()((set) => {
    const load = async () => {
      const mine = ++generation;
      set({ loading: true });
      try {
        const rows = await api.call('leads:changes-per-hour');
        if (mine !== generation) return;
        set({ hours: lastDayByHour(rows, now()), loading: false, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    return {
      hours: [],
      loading: false,
      error: null,

      start() {
        let lastRunAt: string | null | undefined;
        const unsubscribe = api.on('sync:status', (status) => {
          const at = status.lastRun?.at ?? null;
          // Progress events repeat the previous run many times per sync; only a new run
          // can have added changes.
          if (at === lastRunAt) return;
          const first = lastRunAt === undefined;
          lastRunAt = at;
          if (!first) void load();
        });
        void load();
        return unsubscribe;
      },

      load,
    };
  });
}

export type ChangesChartStore = ReturnType<typeof createChangesChartStore>;
