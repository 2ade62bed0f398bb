import type { EventName } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

/** What a list fetched a page at a time keeps beside its rows. */
export interface PagedListState {
  total: number;
  /** False until the first answer, so "nothing here" is not claimed before the host said so. */
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: UserError | null;

  /** The next page, below the rows shown. */
  loadMore(): Promise<void>;
}

/** The state of a store whose rows live under `K`, each with the id that tells it apart. */
export type ListStateOf<K extends string> = PagedListState & {
  [P in K]: { id: number | string }[];
};

/** A page as the host answers it: the rows and total, and whatever else the store keeps from it. */
type PageOf<S, K extends keyof S> = Pick<S, K> & { total: number } & Partial<S>;

export interface PagedListOptions<S, K extends keyof S & string> {
  api: ApiClient;
  set: (partial: Partial<S>) => void;
  get: () => S;
  /** Where the rows live in the store's state. */
  rowsKey: K;
  pageSize: number;
  /** Fetches the page at `offset` with the filters the state holds now. */
  fetchPage(offset: number): Promise<PageOf<S, K>>;
}

/**
 * The loading, filtering and paging a list store does, over the store's own
 * `set`/`get`: a refetch or a filter change makes an answer still on its way stale, and a
 * page fetched after rows moved shows none of them twice.
 */
export function createPagedList<S extends ListStateOf<K>, K extends string>({
  api,
  set,
  get,
  rowsKey,
  pageSize,
  fetchPage,
}: PagedListOptions<S, K>) {
  let generation = 0;
  const rows = (): S[K] => get()[rowsKey];
  const withRows = (list: S[K]) => {
    const changes: Partial<S> = {};
    changes[rowsKey] = list;
    return changes;
  };
  // The fields this list owns are in every S: writing them alone is a partial S.
  const patch = (fields: Partial<PagedListState>) => set(fields as Partial<S>);
  // Someone reading further pages would lose their place if the list reset under them; a
  // short list, or an empty one waiting for its first rows, is simply brought up to date.
  const onFirstPage = () => get().loaded && rows().length <= pageSize;

  const refresh = async () => {
    const mine = ++generation;
    patch({ loading: true, loadingMore: false });
    try {
      const page = await fetchPage(0);
      if (mine !== generation) return;
      set({ ...page, loaded: true, loading: false, error: null });
    } catch (error) {
      if (mine !== generation) return;
      patch({ loading: false, error: toUserError(error) });
    }
  };

  const refilter = async (filters: Partial<S>) => {
    set({ ...filters, ...withRows([] as unknown[] as S[K]), total: 0 });
    await refresh();
  };

  return {
    refresh,
    refilter,
    onFirstPage,

    async loadMore() {
      const { total, loading, loadingMore } = get();
      if (loading || loadingMore || rows().length >= total) return;
      const mine = generation;
      patch({ loadingMore: true });
      try {
        const page = await fetchPage(rows().length);
        if (mine !== generation) return;
        // A row that moved to the top between pages pushes the rest down: none is shown twice.
        const shown = new Set(rows().map((row) => row.id));
        const fresh = page[rowsKey].filter((row) => !shown.has(row.id));
        set({
          ...page,
          ...withRows([...rows(), ...fresh] as S[K]),
          loadingMore: false,
          error: null,
        });
      } catch (error) {
        if (mine !== generation) return;
        patch({ loadingMore: false, error: toUserError(error) });
      }
    },

    /**
     * Follows `event` with one refetch per burst, while the reader is on the first page;
     * returns the unsubscribe.
     */
    follow(event: EventName, delayMs: number) {
      const live = createDebouncer(delayMs);
      const stop = api.on(event, () => {
        if (!onFirstPage()) return;
        live.schedule(() => void refresh());
      });
      return () => {
        live.cancel();
        stop();
      };
    },
  };
}
