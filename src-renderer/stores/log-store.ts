import { createStore } from 'zustand/vanilla';
import type { LogEntry, LogPage, MethodOutput } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer, SEARCH_DEBOUNCE_MS } from './debouncer';
import { matchesKinds } from './log-kind-filter';
import { matchesSearch } from './log-search-filter';
import { toUserError, type UserError } from './user-error';

export interface LogState {
  /** Newest first; each id at most once. */
  entries: LogEntry[];
  /** Pass as `before` for the next older page; null once the oldest entry is loaded. */
  nextCursor: number | null;
  /** Entries matching the filter on the host, including those that arrived live. */
  total: number;
  /** The first page for the current filter is on its way. */
  loading: boolean;
  loadingOlder: boolean;
  kinds: string[];
  /** The kinds the log holds, sorted: what the kind filter offers (it can match nothing else). */
  presentKinds: string[];
  /** What is in the search box, as typed. */
  searchText: string;
  /** The search the entries were fetched with (trimmed): a Lead Id, or part of a name or email. */
  search: string;
  exporting: boolean;
  error: UserError | null;
  exportError: UserError | null;

  /** Loads the first page and the kinds, and follows `log:appended`; returns the unsubscribe. */
  start(): () => void;
  /** Asks the host which kinds its log holds (kinds logged while the host was out of reach). */
  loadPresentKinds(): Promise<void>;
  reload(): Promise<void>;
  loadOlder(): Promise<void>;
  setKinds(kinds: string[]): Promise<void>;
  /** Follows the search box: refetches once typing pauses. */
  setSearchText(text: string): void;
  /** Applies a search at once (Enter, or a link that searches for a Lead). */
  setSearch(text: string): Promise<void>;
  /** The log under the current kinds and search as CSV, built by the host; null if it failed. */
  exportCsv(): Promise<LogExport | null>;
  dismissError(): void;
  dismissExportError(): void;
}

export type LogExport = MethodOutput<'log:export'>;

export const LOG_PAGE_SIZE = 500;
/** The most live entries one `log:matching` call asks about (the contract's limit). */
const MAX_ASKED = 1000;

export function createLogStore(
  api: ApiClient,
  pageSize = LOG_PAGE_SIZE,
  searchDelayMs = SEARCH_DEBOUNCE_MS,
) {
  // Outside the state: copying a 100,000-id set on every append would be the hot path.
  let knownIds = new Set<number>();
  // A filter change makes every answer still in flight stale; this tells them apart.
  let generation = 0;
  const debouncer = createDebouncer(searchDelayMs);

  return createStore<LogState>()((set, get) => {
    const filter = () => {
      const { kinds, search } = get();
      return { ...(kinds.length > 0 ? { kinds } : {}), ...(search !== '' ? { search } : {}) };
    };

    const fetchPage = (before: number | undefined): Promise<LogPage> =>
      api.call('log:list', {
        limit: pageSize,
        ...(before === undefined ? {} : { before }),
        ...filter(),
      });

    const show = (entry: LogEntry) => {
      if (knownIds.has(entry.id)) return;
      knownIds.add(entry.id);
      const { entries, total } = get();
      set({ entries: insertNewestFirst(namedBy(entry, entries), entry), total: total + 1 });
    };

    const notePresent = (found: readonly string[]) => {
      const { presentKinds } = get();
      if (found.every((kind) => presentKinds.includes(kind))) return;
      set({ presentKinds: [...new Set([...presentKinds, ...found])].sort() });
    };

    const loadPresentKinds = async () => {
      try {
        notePresent((await api.call('log:kinds')).kinds);
      } catch {
        // The page asked of the same host reports its failure; the filter keeps what it knew.
      }
    };

    const receive = (entry: LogEntry) => {
      notePresent([entry.kind]);
      const { kinds, search } = get();
      if (knownIds.has(entry.id) || !matchesKinds(entry.kind, kinds)) return;
      if (matchesSearch(entry, search)) return show(entry);
      // The host also finds a Lead's entries by its cached name or email: only it can tell.
      if (entry.subject !== null) askHost(entry);
    };

    /** Live entries the host is asked about, together, once the current burst has arrived. */
    let unasked: LogEntry[] = [];
    const askHost = (entry: LogEntry) => {
      unasked.push(entry);
      if (unasked.length === 1) setTimeout(() => void askHostNow(), 0);
    };
    const askHostNow = async () => {
      const asked = unasked.splice(0, MAX_ASKED);
      if (unasked.length > 0) setTimeout(() => void askHostNow(), 0);
      if (asked.length === 0) return;
      const mine = generation;
      try {
        const { ids } = await api.call('log:matching', {
          ids: asked.map((entry) => entry.id),
          ...filter(),
        });
        if (mine !== generation) return;
        const matched = new Set(ids);
        for (const entry of asked) if (matched.has(entry.id)) show(entry);
      } catch (error) {
        if (mine !== generation) return;
        set({ error: toUserError(error) });
      }
    };

    const reload = async () => {
      const mine = ++generation;
      knownIds = new Set();
      // Asked under the previous filter: the page answers for them now.
      unasked = [];
      set({ entries: [], nextCursor: null, total: 0, loading: true, loadingOlder: false });
      try {
        const page = await fetchPage(undefined);
        if (mine !== generation) return;
        // Entries that arrived live while the page was on its way are kept: those newer
        // than the page were not counted in its total either.
        const pageIds = new Set(page.entries.map((entry) => entry.id));
        const live = get().entries.filter((entry) => !pageIds.has(entry.id));
        for (const entry of page.entries) knownIds.add(entry.id);
        set({
          entries: mergeNewestFirst(live, page.entries),
          nextCursor: page.nextCursor,
          total: page.total + live.length,
          loading: false,
          error: null,
        });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    const setSearch = async (text: string) => {
      debouncer.cancel();
      const search = text.trim();
      set({ searchText: text });
      if (search === get().search) return;
      set({ search });
      await reload();
    };

    return {
      entries: [],
      nextCursor: null,
      total: 0,
      loading: false,
      loadingOlder: false,
      kinds: [],
      presentKinds: [],
      searchText: '',
      search: '',
      exporting: false,
      error: null,
      exportError: null,

      start() {
        const unsubscribe = api.on('log:appended', receive);
        void reload();
        void loadPresentKinds();
        return unsubscribe;
      },

      reload,
      loadPresentKinds,

      async loadOlder() {
        const { nextCursor, loading, loadingOlder } = get();
        if (nextCursor === null || loading || loadingOlder) return;
        const mine = generation;
        set({ loadingOlder: true });
        try {
          const page = await fetchPage(nextCursor);
          if (mine !== generation) return;
          const older = page.entries.filter((entry) => !knownIds.has(entry.id));
          for (const entry of older) knownIds.add(entry.id);
          set({
            entries: [...get().entries, ...older],
            nextCursor: page.nextCursor,
            // The page counted every entry committed before it ran; live ones after it
            // were already added to our total, so the larger figure is the right one.
            total: Math.max(get().total, page.total),
            loadingOlder: false,
            error: null,
          });
        } catch (error) {
          if (mine !== generation) return;
          set({ loadingOlder: false, error: toUserError(error) });
        }
      },

      async setKinds(kinds) {
        set({ kinds: [...kinds] });
        await reload();
      },

      setSearchText(text) {
        set({ searchText: text });
        debouncer.schedule(() => void setSearch(text));
      },

      setSearch,

      async exportCsv() {
        if (get().exporting) return null;
        set({ exporting: true });
        try {
          const result = await api.call('log:export', {
            ...filter(),
            // The spreadsheet's times are the reader's, as the log shows them.
            timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          });
          set({ exporting: false, exportError: null });
          return result;
        } catch (error) {
          set({ exporting: false, exportError: toUserError(error) });
          return null;
        }
      },

      dismissError() {
        set({ error: null });
      },

      dismissExportError() {
        set({ exportError: null });
      },
    };
  });
}

export type LogStore = ReturnType<typeof createLogStore>;

/** Live entries almost always belong on top; the sorted insert covers a late arrival. */
function insertNewestFirst(entries: LogEntry[], entry: LogEntry): LogEntry[] {
  const first = entries[0];
  if (!first || entry.id > first.id) return [entry, ...entries];
  const index = entries.findIndex((existing) => existing.id < entry.id);
  if (index < 0) return [...entries, entry];
  return [...entries.slice(0, index), entry, ...entries.slice(index)];
}

function mergeNewestFirst(a: LogEntry[], b: LogEntry[]): LogEntry[] {
  if (a.length === 0) return b;
  return [...a, ...b].sort((x, y) => y.id - x.id);
}

/**
 * The entries shown, those about the Lead a live `lead.*` entry names given that name: a guest's
 * booking, its channel and its writes are logged before the sync brings the Lead, and would show
 * its Id until the next reload (a page read from the host names them itself: `leadName`).
 */
function namedBy(entry: LogEntry, entries: LogEntry[]): LogEntry[] {
  const name = entry.details.name;
  if (!entry.kind.startsWith('lead.') || entry.subject === null || typeof name !== 'string')
    return entries;
  const unnamed = (shown: LogEntry) =>
    shown.subject === entry.subject &&
    shown.leadName === undefined &&
    typeof shown.details.name !== 'string';
  return entries.some(unnamed)
    ? entries.map((shown) => (unnamed(shown) ? { ...shown, leadName: name } : shown))
    : entries;
}
