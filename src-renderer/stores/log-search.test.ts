import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry, LogPage, MethodInput, MethodOutput } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { matchesSearch } from './log-search-filter';
import { createLogStore } from './log-store';

const LEAD = '00Q000000000001AAA';
const OTHER = '00Q000000000002AAA';

function changed(id: number, leadId: string, name: string): LogEntry {
  return {
    id,
    time: '2025-01-01T00:00:00Z',
    kind: 'lead.changed',
    subject: leadId,
    details: { name, field: 'Status', from: 'Open', to: 'Working' },
  };
}

function syncCompleted(id: number): LogEntry {
  return { id, time: '2025-01-01T00:00:00Z', kind: 'sync.completed', subject: null, details: {} };
}

/** Answers `log:list` with the entries matching the search, newest first, as the host does. */
function hostWith(entries: LogEntry[]) {
  return (input: MethodInput<'log:list'> | undefined): LogPage => {
    const matching = entries
      .filter((entry) => matchesSearch(entry, input?.search ?? ''))
      .sort((a, b) => b.id - a.id);
    return { entries: matching, nextCursor: null, total: matching.length };
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('log search matching (mirrors the host)', () => {
  const entry = changed(1, LEAD, 'Ada Lovelace');

  it('matches a Lead Id exactly and words of the details, ignoring case', () => {
    expect(matchesSearch(entry, LEAD)).toBe(true);
    expect(matchesSearch(entry, 'ada love')).toBe(true);
    expect(matchesSearch(entry, 'WORKING')).toBe(true);
    expect(matchesSearch(entry, '  Lovelace  ')).toBe(true);
  });

  it('does not match another Lead or text that is not there', () => {
    expect(matchesSearch(entry, OTHER)).toBe(false);
    expect(matchesSearch(entry, 'Babbage')).toBe(false);
  });

  it('matches everything without a search', () => {
    expect(matchesSearch(syncCompleted(2), '')).toBe(true);
    expect(matchesSearch(syncCompleted(2), '   ')).toBe(true);
  });

  it('matches whole words in a row, the last as a prefix, folding case and accents as the host’s index does', () => {
    const accented = changed(3, LEAD, 'Émile Zola');
    expect(matchesSearch(accented, 'émile')).toBe(true);
    expect(matchesSearch(accented, 'EMILE z')).toBe(true);
    expect(matchesSearch(accented, 'mile')).toBe(false);
    expect(matchesSearch(accented, 'zola emile')).toBe(false);
    expect(matchesSearch(accented, '%')).toBe(false);
  });
});

describe('log store search', () => {
  it('sends the search and refetches from the top when it changes', async () => {
    const entries = [changed(1, LEAD, 'Ada'), syncCompleted(2), changed(3, OTHER, 'Grace')];
    const fake = createFakeApiClient({ 'log:list': hostWith(entries) });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await flush();
    expect(store.getState().total).toBe(3);

    await store.getState().setSearch(` ${LEAD} `);
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10, search: LEAD });
    expect(store.getState().entries.map((e) => e.id)).toEqual([1]);
    expect(store.getState().total).toBe(1);

    await store.getState().setSearch('');
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10 });
    expect(store.getState().total).toBe(3);
  });

  it('does not refetch when the search did not really change', async () => {
    const fake = createFakeApiClient({ 'log:list': hostWith([]) });
    const store = createLogStore(fake.client, 10);
    await store.getState().setSearch('Ada');
    const calls = fake.calls.length;
    await store.getState().setSearch('Ada  ');
    expect(fake.calls.length).toBe(calls);
    expect(store.getState().searchText).toBe('Ada  ');
  });

  it('shows a live entry only when it matches the search', async () => {
    const fake = createFakeApiClient({ 'log:list': hostWith([]) });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await store.getState().setSearch(LEAD);

    fake.emit('log:appended', changed(10, OTHER, 'Grace'));
    fake.emit('log:appended', syncCompleted(11));
    fake.emit('log:appended', changed(12, LEAD, 'Ada'));
    expect(store.getState().entries.map((e) => e.id)).toEqual([12]);
    expect(store.getState().total).toBe(1);
  });

  it('shows live, without a reload, an entry the host matches only through its Lead’s cached email', async () => {
    // The host's cache: LEAD is ada@engine.org; no entry's own text says so.
    const fake = createFakeApiClient({
      'log:list': hostWith([]),
      'log:matching': (input) => ({
        ids: input?.search === 'ada@engine.org' ? input.ids.filter((id) => id === 10) : [],
      }),
    });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await store.getState().setSearch('ada@engine.org');

    fake.emit('log:appended', changed(10, LEAD, 'Ada'));
    fake.emit('log:appended', changed(11, OTHER, 'Grace'));
    fake.emit('log:appended', syncCompleted(12));
    await flush();
    await flush();
    expect(store.getState().entries.map((e) => e.id)).toEqual([10]);
    expect(store.getState().total).toBe(1);
    // One question for the burst, about the entries that name a Lead.
    expect(fake.calls.filter((call) => call.method === 'log:matching')).toEqual([
      { method: 'log:matching', input: { ids: [10, 11], search: 'ada@engine.org' } },
    ]);
  });

  it('drops the host’s answer about live entries once the search has changed', async () => {
    const answer = deferred<MethodOutput<'log:matching'>>();
    const fake = createFakeApiClient({
      'log:list': hostWith([]),
      'log:matching': () => answer.promise,
    });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await store.getState().setSearch('ada@engine.org');
    fake.emit('log:appended', changed(10, LEAD, 'Ada'));
    await flush();
    await store.getState().setSearch('grace@navy.mil');
    answer.resolve({ ids: [10] });
    await flush();
    expect(store.getState().entries).toEqual([]);
    expect(store.getState().total).toBe(0);
  });

  it('combines the search with the kind filter', async () => {
    const fake = createFakeApiClient({ 'log:list': hostWith([]) });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await store.getState().setKinds(['sync']);
    await store.getState().setSearch('Ada');
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10, kinds: ['sync'], search: 'Ada' });

    fake.emit('log:appended', changed(5, LEAD, 'Ada'));
    expect(store.getState().entries).toEqual([]);
  });

  it('waits for typing to pause before asking the host, then asks once', async () => {
    vi.useFakeTimers();
    const fake = createFakeApiClient({ 'log:list': hostWith([changed(1, LEAD, 'Ada')]) });
    const store = createLogStore(fake.client, 10, 250);

    for (const text of ['A', 'Ad', 'Ada']) {
      store.getState().setSearchText(text);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(store.getState().searchText).toBe('Ada');
    expect(fake.calls).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(250);
    expect(fake.calls.map((call) => call.input)).toEqual([{ limit: 10, search: 'Ada' }]);
    expect(store.getState().search).toBe('Ada');
  });

  it('applies at once on Enter and drops the pending debounced search', async () => {
    vi.useFakeTimers();
    const fake = createFakeApiClient({ 'log:list': hostWith([]) });
    const store = createLogStore(fake.client, 10, 250);
    store.getState().setSearchText('Ad');
    await store.getState().setSearch('Ada');
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.calls.map((call) => call.input)).toEqual([{ limit: 10, search: 'Ada' }]);
  });
});

describe('log CSV export', () => {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  it('asks the host for the CSV of the current filter and search, in the reader’s time zone', async () => {
    const file = { fileName: 'leadbridge-log-2025-01-01.csv', csv: 'id,time\n1,x\n', rows: 1 };
    const fake = createFakeApiClient({ 'log:list': hostWith([]), 'log:export': () => file });
    const store = createLogStore(fake.client, 10);
    await store.getState().setKinds(['lead']);
    await store.getState().setSearch('Ada');

    await expect(store.getState().exportCsv()).resolves.toEqual(file);
    expect(fake.calls.at(-1)).toEqual({
      method: 'log:export',
      input: { kinds: ['lead'], search: 'Ada', timeZone },
    });
    expect(store.getState().exporting).toBe(false);
  });

  it('exports everything without a filter', async () => {
    const file = { fileName: 'log.csv', csv: '', rows: 0 };
    const fake = createFakeApiClient({ 'log:export': () => file });
    const store = createLogStore(fake.client, 10);
    await store.getState().exportCsv();
    expect(fake.calls.at(-1)).toEqual({ method: 'log:export', input: { timeZone } });
  });

  it('shows why an export failed, apart from the log’s own errors', async () => {
    const fake = createFakeApiClient({
      'log:export': () => {
        throw fakeApiError('STORE_UNAVAILABLE', 'The log database is locked. Try again.');
      },
    });
    const store = createLogStore(fake.client, 10);
    await expect(store.getState().exportCsv()).resolves.toBeNull();
    expect(store.getState().exportError?.code).toBe('STORE_UNAVAILABLE');
    expect(store.getState().error).toBeNull();
    store.getState().dismissExportError();
    expect(store.getState().exportError).toBeNull();
  });
});
