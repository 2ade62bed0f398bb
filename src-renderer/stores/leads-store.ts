import { createStore } from 'zustand/vanilla';
import type { LeadSummary } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { SEARCH_DEBOUNCE_MS } from './debouncer';
import { createSearchablePagedList, type SearchablePagedListState } from './searchable-paged-list';

export interface LeadsState extends SearchablePagedListState {
  leads: LeadSummary[];

  /** Refetches the list after each sync; returns the unsubscribe. */
  start(): () => void;
  dismissError(): void;
}

export const LEADS_PAGE_SIZE = 100;

export function createLeadsStore(
  api: ApiClient,
  pageSize = LEADS_PAGE_SIZE,
  searchDelayMs = SEARCH_DEBOUNCE_MS,
) {
  return createStore<LeadsState>()((set, get) => {
    const list = createSearchablePagedList<LeadsState, 'leads'>({
      api,
      set,
      get,
      rowsKey: 'leads',
      pageSize,
      searchDelayMs,
      fetchPage: (offset) =>
        api.call('leads:search', { query: get().query, limit: pageSize, offset }),
    });

    return {
      queryText: '',
      query: '',
      leads: [],
      total: 0,
      loaded: false,
      loading: false,
      loadingMore: false,
      error: null,

      start() {
        let lastRunAt: string | null | undefined;
        return api.on('sync:status', (status) => {
          const at = status.lastRun?.at ?? null;
          if (at === lastRunAt) return;
          lastRunAt = at;
          if (list.onFirstPage()) void list.refresh();
        });
      },

      refresh: list.refresh,
      setQuery: list.setQuery,
      setQueryText: list.setQueryText,
      loadMore: list.loadMore,
      dismissError: () => set({ error: null }),
    };
  });
}

export type LeadsStore = ReturnType<typeof createLeadsStore>;
