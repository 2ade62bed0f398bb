import { createStore } from 'zustand/vanilla';
import type { SyncStatus } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export type SyncAction = 'sync:now' | 'sync:pause' | 'sync:resume' | 'sync:reconcile';

export interface SyncStoreState {
  /** Null until the host first answers. */
  status: SyncStatus | null;
  /** The button the user pressed, while its call is on its way. */
  pending: SyncAction | null;
  error: UserError | null;

  /** Loads the status and follows the `sync:status` event; returns the unsubscribe. */
  start(): () => void;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** "Reconcile now": its result arrives later as `status.lastReconcile`. */
  reconcile(): Promise<void>;
  dismissError(): void;
}

export function createSyncStore(api: ApiClient) {
  return createStore<SyncStoreState>()((set, get) => {
    // Bumped by every sync:status event. An answer to a call sent before the latest event
    // is older than what the event said (a quick sync can finish before "Sync now" answers),
    // so it must not overwrite it.
    let eventCount = 0;
    const fresh = (sentAt: number, status: SyncStatus) => (sentAt === eventCount ? { status } : {});

    const run = async (action: SyncAction) => {
      if (get().pending) return;
      set({ pending: action });
      const sentAt = eventCount;
      try {
        const status = await api.call(action);
        set({ ...fresh(sentAt, status), pending: null, error: null });
      } catch (error) {
        set({ pending: null, error: toUserError(error) });
      }
    };

    const refresh = async () => {
      const sentAt = eventCount;
      try {
        set({ ...fresh(sentAt, await api.call('sync:status')), error: null });
      } catch (error) {
        set({ error: toUserError(error) });
      }
    };

    return {
      status: null,
      pending: null,
      error: null,
      start() {
        const unsubscribe = api.on('sync:status', (status) => {
          eventCount += 1;
          set({ status });
        });
        void refresh();
        return unsubscribe;
      },
      refresh,
      syncNow: () => run('sync:now'),
      pause: () => run('sync:pause'),
      resume: () => run('sync:resume'),
      reconcile: () => run('sync:reconcile'),
      dismissError: () => set({ error: null }),
    };
  });
}

export type SyncStore = ReturnType<typeof createSyncStore>;
