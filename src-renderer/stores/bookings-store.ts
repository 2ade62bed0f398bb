import { createStore } from 'zustand/vanilla';
import type { BookingOutcome, BookingSummary, MethodOutput } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { SEARCH_DEBOUNCE_MS } from './debouncer';
import { createSearchablePagedList, type SearchablePagedListState } from './searchable-paged-list';
import { toUserError, type UserError } from './user-error';

export type BookingCounts = MethodOutput<'bookings:list'>['counts'];

export interface BookingsState extends SearchablePagedListState {
  /** The outcomes the list shows; empty shows every booking. */
  outcomes: BookingOutcome[];
  bookings: BookingSummary[];
  /** Every booking by outcome, whatever the filter, for the filter's counts. */
  counts: BookingCounts | null;
  /** Bookings whose Retry is on its way. */
  retrying: number[];
  retryNote: string | null;
  retryError: UserError | null;

  /** Follows `bookings:changed`; returns the unsubscribe. */
  start(): () => void;
  setOutcomes(outcomes: BookingOutcome[]): Promise<void>;
  retry(bookingIds: number[]): Promise<void>;
  dismissRetryError(): void;
}

export const BOOKINGS_PAGE_SIZE = 100;
/** The poster settles up to 200 bookings in one transaction: one re-read per burst. */
export const BOOKINGS_REFRESH_MS = 300;

export function createBookingsStore(
  api: ApiClient,
  pageSize = BOOKINGS_PAGE_SIZE,
  searchDelayMs = SEARCH_DEBOUNCE_MS,
  liveDelayMs = BOOKINGS_REFRESH_MS,
) {
  return createStore<BookingsState>()((set, get) => {
    const list = createSearchablePagedList<BookingsState, 'bookings'>({
      api,
      set,
      get,
      rowsKey: 'bookings',
      pageSize,
      searchDelayMs,
      fetchPage(offset) {
        const { outcomes, query } = get();
        return api.call('bookings:list', {
          query,
          limit: pageSize,
          offset,
          ...(outcomes.length > 0 ? { outcomes } : {}),
        });
      },
    });

    return {
      outcomes: [],
      query: '',
      queryText: '',
      bookings: [],
      total: 0,
      counts: null,
      loaded: false,
      loading: false,
      loadingMore: false,
      error: null,
      retrying: [],
      retryNote: null,
      retryError: null,

      start: () => list.follow('bookings:changed', liveDelayMs),
      refresh: list.refresh,
      setOutcomes: (outcomes) => list.refilter({ outcomes }),
      setQuery: list.setQuery,
      setQueryText: list.setQueryText,
      loadMore: list.loadMore,

      async retry(bookingIds) {
        const fresh = bookingIds.filter((id) => !get().retrying.includes(id));
        if (fresh.length === 0) return;
        set({ retrying: [...get().retrying, ...fresh], retryNote: null, retryError: null });
        try {
          const { retried } = await api.call('bookings:retry', { bookingIds: fresh });
          set({ retryNote: retriedNote(retried) });
          await list.refresh();
        } catch (error) {
          set({ retryError: toUserError(error) });
        } finally {
          set({ retrying: get().retrying.filter((id) => !fresh.includes(id)) });
        }
      },

      dismissRetryError: () => set({ retryError: null }),
    };
  });
}

function retriedNote(retried: number): string {
  if (retried === 0) return 'Nothing to retry: the booking is no longer failed.';
  return retried === 1
    ? 'The booking will be posted again with the settings as they are now.'
    : `${retried.toLocaleString()} bookings will be posted again with the settings as they are now.`;
}

export type BookingsStore = ReturnType<typeof createBookingsStore>;
