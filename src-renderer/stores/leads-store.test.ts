import { afterEach, describe, expect, it, vi } from 'vitest';
import { lastRunFields, syncStatusFixture } from '../../test/support/sync-status-fixture';
import type {
  LeadSummary,
  MethodInput,
  MethodOutput,
  SyncStatus,
} from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { createLeadsStore } from './leads-store';

function lead(index: number, name = `Lead ${index}`): LeadSummary {
  return {
    id: `00Q${String(index).padStart(15, '0')}`,
    name,
    email: `lead${index}@example.com`,
    company: 'Acme',
    status: 'Open',
    systemModstamp: '2025-01-01T00:00:00Z',
    isDeleted: false,
    isConverted: false,
  };
}

/** A cache of `count` Leads answering `leads:search` by name like the host (substring). */
function cache(count: number) {
  const all = Array.from({ length: count }, (_, i) => lead(i + 1));
  return (input: MethodInput<'leads:search'> | undefined): MethodOutput<'leads:search'> => {
    const query = (input?.query ?? '').toLowerCase();
    const matching = all.filter((l) => (l.name ?? '').toLowerCase().includes(query));
    const offset = input?.offset ?? 0;
    return {
      leads: matching.slice(offset, offset + (input?.limit ?? 100)),
      total: matching.length,
    };
  };
}

const status = (lastRunAt: string | null): SyncStatus =>
  syncStatusFixture({ message: 'Up to date.', ...lastRunFields(lastRunAt) });

afterEach(() => {
  vi.useRealTimers();
});

describe('leads store', () => {
  it('loads the first page, then further pages by offset until all are shown', async () => {
    const fake = createFakeApiClient({ 'leads:search': cache(25) });
    const store = createLeadsStore(fake.client, 10);
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ total: 25, loaded: true, loading: false });
    expect(store.getState().leads).toHaveLength(10);

    await store.getState().loadMore();
    expect(fake.calls.at(-1)?.input).toEqual({ query: '', limit: 10, offset: 10 });
    await store.getState().loadMore();
    expect(store.getState().leads.map((l) => l.name)).toEqual(
      Array.from({ length: 25 }, (_, i) => `Lead ${i + 1}`),
    );

    const calls = fake.calls.length;
    await store.getState().loadMore();
    expect(fake.calls.length).toBe(calls);
  });

  it('starts again from the first page when the query changes', async () => {
    const fake = createFakeApiClient({ 'leads:search': cache(120) });
    const store = createLeadsStore(fake.client, 10);
    await store.getState().refresh();
    await store.getState().loadMore();

    await store.getState().setQuery('  Lead 11 ');
    expect(fake.calls.at(-1)?.input).toEqual({ query: 'Lead 11', limit: 10, offset: 0 });
    expect(store.getState().leads.map((l) => l.name)).toEqual([
      'Lead 11',
      'Lead 110',
      'Lead 111',
      'Lead 112',
      'Lead 113',
      'Lead 114',
      'Lead 115',
      'Lead 116',
      'Lead 117',
      'Lead 118',
    ]);
    expect(store.getState().total).toBe(11);
  });

  it('debounces typing into one search', async () => {
    vi.useFakeTimers();
    const fake = createFakeApiClient({ 'leads:search': cache(5) });
    const store = createLeadsStore(fake.client, 10, 250);
    store.getState().setQueryText('Le');
    await vi.advanceTimersByTimeAsync(200);
    store.getState().setQueryText('Lead 3');
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.calls.map((c) => c.input)).toEqual([{ query: 'Lead 3', limit: 10, offset: 0 }]);
    expect(store.getState().leads.map((l) => l.name)).toEqual(['Lead 3']);
  });

  it('drops an answer for a query the user has already replaced', async () => {
    const slow = deferred<MethodOutput<'leads:search'>>();
    const search = cache(5);
    const fake = createFakeApiClient({
      'leads:search': (input) => (input?.query === 'slow' ? slow.promise : search(input)),
    });
    const store = createLeadsStore(fake.client, 10);
    const first = store.getState().setQuery('slow');
    await store.getState().setQuery('Lead 2');
    slow.resolve({ leads: [lead(99, 'Stale')], total: 1 });
    await first;
    expect(store.getState().leads.map((l) => l.name)).toEqual(['Lead 2']);
  });

  it('does not show a Lead twice when a sync shifted the rows between pages', async () => {
    const first = [lead(1), lead(2)];
    const fake = createFakeApiClient({
      'leads:search': (input) =>
        input?.offset === 0
          ? { leads: first, total: 4 }
          : { leads: [lead(2), lead(3), lead(4)], total: 5 },
    });
    const store = createLeadsStore(fake.client, 2);
    await store.getState().refresh();
    await store.getState().loadMore();
    expect(store.getState().leads.map((l) => l.id)).toEqual([1, 2, 3, 4].map((i) => lead(i).id));
    expect(store.getState().total).toBe(5);
  });

  it('keeps what is shown and reports the host error', async () => {
    let fail = false;
    const search = cache(30);
    const fake = createFakeApiClient({
      'leads:search': (input) => {
        if (fail) throw fakeApiError('STORE_UNAVAILABLE', 'The cache is locked. Try again.');
        return search(input);
      },
    });
    const store = createLeadsStore(fake.client, 10);
    await store.getState().refresh();
    fail = true;
    await store.getState().loadMore();
    expect(store.getState().leads).toHaveLength(10);
    expect(store.getState()).toMatchObject({
      loadingMore: false,
      error: { code: 'STORE_UNAVAILABLE', message: 'The cache is locked. Try again.' },
    });
  });

  it('brings a short list up to date after each finished sync, not on progress events', async () => {
    let count = 0;
    const fake = createFakeApiClient({ 'leads:search': (input) => cache(count)(input) });
    const store = createLeadsStore(fake.client, 10);
    store.getState().start();
    await store.getState().refresh();
    expect(store.getState().total).toBe(0);

    count = 3;
    fake.emit('sync:status', status(null));
    fake.emit('sync:status', status('2025-01-01T10:00:00Z'));
    await Promise.resolve();
    fake.emit('sync:status', status('2025-01-01T10:00:00Z'));
    await vi.waitFor(() => expect(store.getState().total).toBe(3));
    expect(fake.calls.filter((c) => c.method === 'leads:search')).toHaveLength(3);
  });

  it('leaves a long list alone after a sync, so the reader keeps their place', async () => {
    const fake = createFakeApiClient({ 'leads:search': cache(50) });
    const store = createLeadsStore(fake.client, 10);
    store.getState().start();
    await store.getState().refresh();
    await store.getState().loadMore();
    const calls = fake.calls.length;
    fake.emit('sync:status', status('2025-01-01T10:00:00Z'));
    expect(fake.calls.length).toBe(calls);
  });
});
