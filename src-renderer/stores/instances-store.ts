import { createStore } from 'zustand/vanilla';
import type { InstanceStatus, InstanceSummary } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { SEARCH_DEBOUNCE_MS } from './debouncer';
import { createSearchablePagedList, type SearchablePagedListState } from './searchable-paged-list';

export interface InstanceFilters {
  statuses: InstanceStatus[];
  meetingTypeId: number | null;
  /** The search the list was fetched with (trimmed): a Lead Id, or part of a name or email. */
  query: string;
}

export interface InstancesState extends InstanceFilters, SearchablePagedListState {
  instances: InstanceSummary[];

  /** Brings a short list up to date as instances change; returns the unsubscribe. */
  start(): () => void;
  setStatuses(statuses: InstanceStatus[]): Promise<void>;
  setMeetingType(meetingTypeId: number | null): Promise<void>;
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
  return createStore<InstancesState>()((set, get) => {
    const list = createSearchablePagedList<InstancesState, 'instances'>({
      api,
      set,
      get,
      rowsKey: 'instances',
      pageSize,
      searchDelayMs,
      fetchPage(offset) {
        const { statuses, meetingTypeId, query } = get();
        return api.call('instances:search', {
          query,
          limit: pageSize,
          offset,
          ...(statuses.length > 0 ? { statuses } : {}),
          ...(meetingTypeId !== null ? { meetingTypeId } : {}),
        });
      },
    });

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

      start: () => list.follow('instances:changed', liveDelayMs),
      refresh: list.refresh,
      setStatuses: (statuses) => list.refilter({ statuses }),
      setMeetingType: (meetingTypeId) => list.refilter({ meetingTypeId }),
      setQuery: list.setQuery,
      setQueryText: list.setQueryText,
      loadMore: list.loadMore,
      dismissError: () => set({ error: null }),
    };
  });
}

export type InstancesStore = ReturnType<typeof createInstancesStore>;
