import { createDebouncer } from './debouncer';
import {
  createPagedList,
  type ListStateOf,
  type PagedListOptions,
  type PagedListState,
} from './paged-list';

/** A paged list with a search box: `query` is what was fetched, `queryText` what is typed. */
export interface SearchablePagedListState extends PagedListState {
  query: string;
  queryText: string;

  /** The first page with the filters as they are, again. */
  refresh(): Promise<void>;
  /** Follows the box as typed; searches once typing pauses. */
  setQueryText(text: string): void;
  /** Searches for `text` now. */
  setQuery(text: string): Promise<void>;
}

export interface SearchablePagedListOptions<S, K extends keyof S & string> extends PagedListOptions<
  S,
  K
> {
  /** Typing waits this long after the last key before it searches. */
  searchDelayMs: number;
}

/** A paged list that also searches: the box follows every key, the host the pauses. */
export function createSearchablePagedList<
  S extends ListStateOf<K> & SearchablePagedListState,
  K extends string,
>(options: SearchablePagedListOptions<S, K>) {
  const { set, get } = options;
  const list = createPagedList(options);
  const typing = createDebouncer(options.searchDelayMs);
  // The search fields are in every S: writing them alone is a partial S.
  const patch = (fields: Partial<SearchablePagedListState>) => set(fields as Partial<S>);

  const setQuery = async (text: string) => {
    typing.cancel();
    const query = text.trim();
    patch({ queryText: text });
    if (query === get().query && get().loaded) return;
    await list.refilter({ query } as Partial<S>);
  };

  return {
    ...list,
    setQuery,

    setQueryText(text: string) {
      patch({ queryText: text });
      typing.schedule(() => void setQuery(text));
    },
  };
}
