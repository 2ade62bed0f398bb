import { createStore } from 'zustand/vanilla';
import type { LeadSummary } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer, SEARCH_DEBOUNCE_MS } from './debouncer';
import { toUserError, type UserError } from './user-error';

export interface LeadsState {
  /** What is in the search box, as typed. */
  queryText: string;
  /** The query the list was fetched with (trimmed). */
  query: string;
  leads: LeadSummary[];
  /** Cached Leads matching the query, loaded or not. */
  total: number;
  /** False until the first answer, so "nothing cached" is not claimed before the host said so. */
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: UserError | null;

  /** Refetches the list after each sync; returns the unsubscribe. */
  start(): () => void;
  /** The first page for the current query, again. */
  refresh(): Promise<void>;
  setQueryText(text: string): void;
  setQuery(text: string): Promise<void>;
  loadMore(): Promise<void>;
  dismissError(): void;
}

export const LEADS_PAGE_SIZE = 100;

export function createLeadsStore(
  api: ApiClient,
  pageSize = LEADS_PAGE_SIZE,
  searchDelayMs = SEARCH_DEBOUNCE_MS,
) {
  let generation = 0;
  const debouncer = createDebouncer(searchDelayMs);

  return createStore<LeadsState>()((set, get) => {
    const refresh = async () => {
      const mine = ++generation;
      set({ loading: true, loadingMore: false });
      try {
        const page = await api.call('leads:search', {
          query: get().query,
          limit: pageSize,
          offset: 0,
        });
        if (mine !== generation) return;
        set({ leads: page.leads, total: page.total, loaded: true, loading: false, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    const setQuery = async (text: string) => {
      debouncer.cancel();
      const query = text.trim();
      set({ queryText: text });
      if (query === get().query && get().loaded) return;
      set({ query, leads: [] });
      await refresh();
    };

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
          // Someone reading page 7 would lose their place if the list reset under them; a
          // short list, or the empty state waiting for the import, is simply brought up to date.
          if (!get().loaded || get().leads.length > pageSize) return;
          void refresh();
        });
      },

      refresh,
      setQuery,

      setQueryText(text) {
        set({ queryText: text });
        debouncer.schedule(() => void setQuery(text));
      },

      async loadMore() {
        const { leads, total, loading, loadingMore, query } = get();
        if (loading || loadingMore || leads.length >= total) return;
        const mine = generation;
        set({ loadingMore: true });
        try {
          const page = await api.call('leads:search', {
            query,
            limit: pageSize,
            offset: leads.length,
          });
          if (mine !== generation) return;
          // A sync between pages can shift rows by one; an id already shown is not shown twice.
          const shown = new Set(get().leads.map((lead) => lead.id));
          set({
            leads: [...get().leads, ...page.leads.filter((lead) => !shown.has(lead.id))],
            total: page.total,
            loadingMore: false,
            error: null,
          });
        } catch (error) {
          if (mine !== generation) return;
          set({ loadingMore: false, error: toUserError(error) });
        }
      },

      dismissError: () => set({ error: null }),
    };
  });
}

export type LeadsStore = ReturnType<typeof createLeadsStore>;
