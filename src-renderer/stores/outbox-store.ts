import { createStore } from 'zustand/vanilla';
import type {
  MethodOutput,
  OutboxCounts,
  OutboxItem,
  OutboxState,
  OutboxStatus,
} from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

export type OutboxReason = MethodOutput<'outbox:list'>['reasons'][number];
export type OutboxAction = 'retry' | 'discard';

export interface OutboxViewState {
  /** The worker as the Sync screen and the Outbox view show it; null until the host answers. */
  status: OutboxStatus | null;
  /** The states the list shows; empty shows every state. */
  states: OutboxState[];
  items: OutboxItem[];
  total: number;
  counts: OutboxCounts | null;
  reasons: OutboxReason[];
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: UserError | null;
  /** Items ticked for Retry or Discard. */
  selected: number[];
  /** The action on its way, one at a time. */
  acting: OutboxAction | null;
  /** What the last Retry or Discard did, in words. */
  actionNote: string | null;
  actionError: UserError | null;

  /** Follows `outbox:changed`: the status at once, a loaded list once per burst. */
  start(): () => void;
  refreshStatus(): Promise<void>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setStates(states: OutboxState[]): Promise<void>;
  toggle(itemId: number, selected: boolean): void;
  setSelected(itemIds: number[]): void;
  retrySelected(): Promise<void>;
  discardSelected(): Promise<void>;
  dismissActionError(): void;
}

export const OUTBOX_PAGE_SIZE = 100;
/** A drained batch changes hundreds of items at once: one re-read per burst. */
export const OUTBOX_REFRESH_MS = 400;

export function createOutboxStore(
  api: ApiClient,
  pageSize = OUTBOX_PAGE_SIZE,
  refreshDelayMs = OUTBOX_REFRESH_MS,
) {
  const later = createDebouncer(refreshDelayMs);
  // A filter change or a reload makes an answer still on its way stale.
  let generation = 0;
  // An event newer than a status call's answer wins over it.
  let statusEvents = 0;

  return createStore<OutboxViewState>()((set, get) => {
    const request = (offset: number) => {
      const { states } = get();
      return api.call('outbox:list', {
        limit: pageSize,
        offset,
        ...(states.length > 0 ? { states } : {}),
      });
    };

    const load = async () => {
      const mine = ++generation;
      set({ loading: true, loadingMore: false });
      try {
        const page = await request(0);
        if (mine !== generation) return;
        const shown = new Set(page.items.map((item) => item.id));
        set({
          items: page.items,
          total: page.total,
          counts: page.counts,
          reasons: page.reasons,
          // A ticked item that left the list (sent, or filtered away) is no longer ticked.
          selected: get().selected.filter((id) => shown.has(id)),
          loaded: true,
          loading: false,
          error: null,
        });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    const refreshStatus = async () => {
      const sentAt = statusEvents;
      try {
        const status = await api.call('outbox:status', {});
        if (sentAt === statusEvents) set({ status });
      } catch (error) {
        set({ error: toUserError(error) });
      }
    };

    const act = async (action: OutboxAction) => {
      const { selected, acting } = get();
      if (acting !== null || selected.length === 0) return;
      set({ acting: action, actionError: null, actionNote: null });
      try {
        const note =
          action === 'retry'
            ? retriedNote((await api.call('outbox:retry', { itemIds: selected })).retried)
            : discardedNote((await api.call('outbox:discard', { itemIds: selected })).discarded);
        set({ acting: null, actionNote: note, selected: [] });
        await Promise.all([load(), refreshStatus()]);
      } catch (error) {
        set({ acting: null, actionError: toUserError(error) });
      }
    };

    return {
      status: null,
      states: [],
      items: [],
      total: 0,
      counts: null,
      reasons: [],
      loaded: false,
      loading: false,
      loadingMore: false,
      error: null,
      selected: [],
      acting: null,
      actionNote: null,
      actionError: null,

      start() {
        const stop = api.on('outbox:changed', (status) => {
          statusEvents++;
          set({ status });
          if (get().loaded) later.schedule(() => void load());
        });
        void refreshStatus();
        return () => {
          later.cancel();
          stop();
        };
      },

      refreshStatus,
      load,

      async loadMore() {
        const { items, total, loading, loadingMore } = get();
        if (loading || loadingMore || items.length >= total) return;
        const mine = generation;
        set({ loadingMore: true });
        try {
          const page = await request(items.length);
          if (mine !== generation) return;
          // A new item between pages shifts the list down: none is shown twice.
          const shown = new Set(get().items.map((item) => item.id));
          set({
            items: [...get().items, ...page.items.filter((item) => !shown.has(item.id))],
            total: page.total,
            loadingMore: false,
          });
        } catch (error) {
          if (mine !== generation) return;
          set({ loadingMore: false, error: toUserError(error) });
        }
      },

      async setStates(states) {
        set({ states, items: [], total: 0, selected: [] });
        await load();
      },

      toggle(itemId, selected) {
        const others = get().selected.filter((id) => id !== itemId);
        set({ selected: selected ? [...others, itemId] : others });
      },

      setSelected: (itemIds) => set({ selected: [...new Set(itemIds)] }),
      retrySelected: () => act('retry'),
      discardSelected: () => act('discard'),
      dismissActionError: () => set({ actionError: null }),
    };
  });
}

function retriedNote(count: number): string {
  return count === 1
    ? '1 item will be sent again.'
    : `${count.toLocaleString()} items will be sent again.`;
}

function discardedNote(count: number): string {
  return count === 1
    ? '1 item discarded: it will not be sent.'
    : `${count.toLocaleString()} items discarded: they will not be sent.`;
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
