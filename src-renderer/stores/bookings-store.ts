import { createStore } from 'zustand/vanilla';
import type { BookingOutcome, BookingSummary, MethodOutput } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer, SEARCH_DEBOUNCE_MS } from './debouncer';
import { toUserError, type UserError } from './user-error';

export type BookingCounts = MethodOutput<'bookings:list'>['counts'];

export interface BookingsState {
  /** The outcomes the list shows; empty shows every booking. */
  outcomes: BookingOutcome[];
  /** The search the list was fetched with (trimmed). */
  query: string;
  /** What is in the search box, as typed. */
  queryText: string;
  bookings: BookingSummary[];
  total: number;
  /** Every booking by outcome, whatever the filter, for the filter's counts. */
  counts: BookingCounts | null;
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: UserError | null;
  /** Bookings whose Retry is on its way. */
  retrying: number[];
  retryNote: string | null;
  retryError: UserError | null;

  /** Follows `bookings:changed`; returns the unsubscribe. */
  start(): () => void;
  refresh(): Promise<void>;
  setOutcomes(outcomes: BookingOutcome[]): Promise<void>;
  setQueryText(text: string): void;
  setQuery(text: string): Promise<void>;
  loadMore(): Promise<void>;
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
  // A filter change or a reload makes an answer still on its way stale.
  let generation = 0;
  const typing = createDebouncer(searchDelayMs);
  const live = createDebouncer(liveDelayMs);

  return createStore<BookingsState>()((set, get) => {
    const request = (offset: number) => {
      const { outcomes, query } = get();
      return api.call('bookings:list', {
        query,
        limit: pageSize,
        offset,
        ...(outcomes.length > 0 ? { outcomes } : {}),
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

    const refilter = async (changes: Partial<Pick<BookingsState, 'outcomes' | 'query'>>) => {
      set({ ...changes, bookings: [], total: 0 });
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

      start() {
        const stop = api.on('bookings:changed', () => {
          // Someone reading further pages would lose their place if the list reset under them.
          if (!get().loaded || get().bookings.length > pageSize) return;
          live.schedule(() => void refresh());
        });
        return () => {
          live.cancel();
          stop();
        };
      },

      refresh,
      setOutcomes: (outcomes) => refilter({ outcomes }),
      setQuery,

      setQueryText(text) {
        set({ queryText: text });
        typing.schedule(() => void setQuery(text));
      },

      async loadMore() {
        const { bookings, total, loading, loadingMore } = get();
        if (loading || loadingMore || bookings.length >= total) return;
        const mine = generation;
        set({ loadingMore: true });
        try {
          const page = await request(bookings.length);
          if (mine !== generation) return;
          // A booking received between pages pushes the rest down: none is shown twice.
          const shown = new Set(get().bookings.map((booking) => booking.id));
          set({
            bookings: [...get().bookings, ...page.bookings.filter((b) => !shown.has(b.id))],
            total: page.total,
            counts: page.counts,
            loadingMore: false,
            error: null,
          });
        } catch (error) {
          if (mine !== generation) return;
          set({ loadingMore: false, error: toUserError(error) });
        }
      },

      async retry(bookingIds) {
        const fresh = bookingIds.filter((id) => !get().retrying.includes(id));
        if (fresh.length === 0) return;
        set({ retrying: [...get().retrying, ...fresh], retryNote: null, retryError: null });
        try {
          const { retried } = await api.call('bookings:retry', { bookingIds: fresh });
          set({ retryNote: retriedNote(retried) });
          await refresh();
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
