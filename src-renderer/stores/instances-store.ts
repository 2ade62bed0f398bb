import { createStore } from 'zustand/vanilla';
import type { InstanceStatus, InstanceSummary } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer, SEARCH_DEBOUNCE_MS } from './debouncer';
import { toUserError, type UserError } from './user-error';

export interface InstanceFilters {
  statuses: InstanceStatus[];
  meetingTypeId: number | null;
  /** The search the list was fetched with (trimmed): a Lead Id, or part of a name or email. */
  query: string;
}

export interface InstancesState extends InstanceFilters {
  /** What is in the search box, as typed. */
  queryText: string;
  instances: InstanceSummary[];
  total: number;
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: UserError | null;

  /** Brings a short list up to date as instances change; returns the unsubscribe. */
  start(): () => void;
  refresh(): Promise<void>;
  setStatuses(statuses: InstanceStatus[]): Promise<void>;
  setMeetingType(meetingTypeId: number | null): Promise<void>;
  setQueryText(text: string): void;
  setQuery(text: string): Promise<void>;
  loadMore(): Promise<void>;
  dismissError(): void;
}

export const INSTANCES_PAGE_SIZE = 100;
/** A channel run changes many instances at once: one re-read per burst. */
export const LIVE_REFRESH_MS = 300;

export function createInstancesStore(
  api: ApiClient,
  pageSize = INSTANCES_PAGE_SIZE,
  searchDelayMs = SEARCH_DEBOUNCE_MS,
  liveDelayMs = LIVE_REFRESH_MS,
) {
  let generation = 0;
  const typing = createDebouncer(searchDelayMs);
  const live = createDebouncer(liveDelayMs);

  return createStore<InstancesState>()((set, get) => {
    const request = (offset: number) => {
      const { statuses, meetingTypeId, query } = get();
      return api.call('instances:search', {
        query,
        limit: pageSize,
        offset,
        ...(statuses.length > 0 ? { statuses } : {}),
        ...(meetingTypeId !== null ? { meetingTypeId } : {}),
      });
    };

    const refresh = async () => {
      const mine = ++generation;
      set({ loading: true, loadingMore: false });
      try {
        const page = await request(0);
        if (mine !== generation) return;
        set({ ...page, loaded: true, loading: false, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    const refilter = async (filters: Partial<InstanceFilters>) => {
      set({ ...filters, instances: [], total: 0 });
      await refresh();
    };

    const setQuery = async (text: string) => {
      typing.cancel();
      const query = text.trim();
      set({ queryText: text });
      if (query === get().query && get().loaded) return;
      await refilter({ query });
    };

    return {
      statuses: [],
      meetingTypeId: null,
      query: '',
      queryText: '',
      instances: [],
      total: 0,
      loaded: false,
      loading: false,
      loadingMore: false,
      error: null,

      start() {
        const stop = api.on('instances:changed', () => {
          // Someone reading page 3 would lose their place if the list reset under them.
          if (!get().loaded || get().instances.length > pageSize) return;
          live.schedule(() => void refresh());
        });
        return () => {
          live.cancel();
          stop();
        };
      },

      refresh,
      setStatuses: (statuses) => refilter({ statuses }),
      setMeetingType: (meetingTypeId) => refilter({ meetingTypeId }),
      setQuery,

      setQueryText(text) {
        set({ queryText: text });
        typing.schedule(() => void setQuery(text));
      },

      async loadMore() {
        const { instances, total, loading, loadingMore } = get();
        if (loading || loadingMore || instances.length >= total) return;
        const mine = generation;
        set({ loadingMore: true });
        try {
          const page = await request(instances.length);
          if (mine !== generation) return;
          // A change between pages moves an instance to the top: it is not shown twice.
          const shown = new Set(get().instances.map((instance) => instance.id));
          set({
            instances: [...get().instances, ...page.instances.filter((i) => !shown.has(i.id))],
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

export type InstancesStore = ReturnType<typeof createInstancesStore>;
