import { createStore } from 'zustand/vanilla';
import type { AdminInstanceStatus, MethodOutput } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export type InstanceHistory = MethodOutput<'instances:history'>;

export interface InstanceHistoryState {
  /** The instance whose drawer is open; null when closed. */
  instanceId: number | null;
  history: InstanceHistory | null;
  loading: boolean;
  error: UserError | null;
  changing: boolean;
  changeError: UserError | null;

  /** Reloads the open history when its instance changes; returns the unsubscribe. */
  start(): () => void;
  open(instanceId: number): Promise<void>;
  /**
   * An admin's status change. Activating a closed instance starts a new one: the drawer
   * then shows the new instance. Resolves to whether the host accepted it.
   */
  setStatus(status: AdminInstanceStatus, reason: string): Promise<boolean>;
  close(): void;
  dismissChangeError(): void;
}

export function createInstanceHistoryStore(api: ApiClient) {
  // Opening another instance (or closing) makes an answer still on its way stale.
  let generation = 0;

  return createStore<InstanceHistoryState>()((set, get) => {
    const load = async (instanceId: number, keepShown: boolean) => {
      const mine = ++generation;
      set({ loading: true, error: null, ...(keepShown ? {} : { history: null }) });
      try {
        const history = await api.call('instances:history', { instanceId });
        if (mine !== generation) return;
        set({ history, loading: false });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    return {
      instanceId: null,
      history: null,
      loading: false,
      error: null,
      changing: false,
      changeError: null,

      start() {
        return api.on('instances:changed', ({ changes }) => {
          const { instanceId, changing } = get();
          // The drawer's own change reloads when its answer comes.
          if (instanceId === null || changing) return;
          if (changes.some((change) => change.instanceId === instanceId)) {
            void load(instanceId, true);
          }
        });
      },

      async open(instanceId) {
        set({ instanceId, changeError: null });
        await load(instanceId, false);
      },

      async setStatus(status, reason) {
        const { instanceId, changing } = get();
        if (instanceId === null || changing) return false;
        set({ changing: true, changeError: null });
        try {
          const { instance } = await api.call('instances:set-status', {
            instanceId,
            status,
            reason,
          });
          set({ changing: false, instanceId: instance.id });
          await load(instance.id, instance.id === instanceId);
          return true;
        } catch (error) {
          set({ changing: false, changeError: toUserError(error) });
          return false;
        }
      },

      close() {
        generation++;
        set({ instanceId: null, history: null, loading: false, error: null, changeError: null });
      },

      dismissChangeError: () => set({ changeError: null }),
    };
  });
}

export type InstanceHistoryStore = ReturnType<typeof createInstanceHistoryStore>;
