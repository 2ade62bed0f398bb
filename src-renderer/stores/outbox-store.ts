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
import { createPagedList, type PagedListState } from './paged-list';
import { toUserError, type UserError } from './user-error';

export type OutboxReason = MethodOutput<'outbox:list'>['reasons'][number];
export type OutboxAction = 'retry' | 'discard';

export interface OutboxViewState extends PagedListState {
  /** The worker as the Sync screen and the Outbox view show it; null until the host answers. */
  status: OutboxStatus | null;
  /** The states the list shows; empty shows every state. */
  states: OutboxState[];
  items: OutboxItem[];
  counts: OutboxCounts | null;
  reasons: OutboxReason[];
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
  // An event newer than a status call's answer wins over it.
  let statusEvents = 0;

  return createStore<OutboxViewState>()((set, get) => {
    const list = createPagedList<OutboxViewState, 'items'>({
      api,
      set,
      get,
      rowsKey: 'items',
      pageSize,
      fetchPage(offset) {
        const { states } = get();
        return api.call('outbox:list', {
          limit: pageSize,
          offset,
          ...(states.length > 0 ? { states } : {}),
        });
      },
    });

    const load = async () => {
      await list.refresh();
      // A ticked item that left the list (sent, or filtered away) is no longer ticked.
      const shown = new Set(get().items.map((item) => item.id));
      set({ selected: get().selected.filter((id) => shown.has(id)) });
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

      loadMore: list.loadMore,

      setStates: (states) => list.refilter({ states, selected: [] }),

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
