import { describe, expect, it } from 'vitest';
import type { LogEntry, LogPage, MethodInput } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { matchesKinds } from './log-kind-filter';
import { createLogStore } from './log-store';

function entry(id: number, kind = 'sync.paused'): LogEntry {
  return {
    id,
    time: `2025-01-01T00:00:${String(id % 60).padStart(2, '0')}Z`,
    kind,
    subject: null,
    details: {},
  };
}

/** A host log of ids 1..count (kinds cycling), answering `log:list` the way the host does. */
function hostLog(count: number, kinds = ['sync.paused', 'app.started', 'lead.changed']) {
  const all = Array.from({ length: count }, (_, i) => entry(i + 1, kinds[i % kinds.length]));
  return {
    all,
    list(input: MethodInput<'log:list'> | undefined): LogPage {
      const limit = input?.limit ?? 200;
      const matching = all
        .filter((e) => matchesKinds(e.kind, input?.kinds ?? []))
        .sort((a, b) => b.id - a.id);
      const older = matching.filter((e) => input?.before === undefined || e.id < input.before);
      const entries = older.slice(0, limit);
      const nextCursor = older.length > limit ? (entries.at(-1)?.id ?? null) : null;
      return { entries, nextCursor, total: matching.length };
    },
  };
}

const ids = (entries: LogEntry[]) => entries.map((e) => e.id);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('log store', () => {
  it('loads the newest page first and older pages by the id cursor until none is left', async () => {
    const log = hostLog(25);
    const fake = createFakeApiClient({ 'log:list': (input) => log.list(input) });
    const store = createLogStore(fake.client, 10);

    store.getState().start();
    await flush();
    expect(ids(store.getState().entries)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(store.getState()).toMatchObject({ total: 25, nextCursor: 16, loading: false });

    await store.getState().loadOlder();
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10, before: 16 });
    await store.getState().loadOlder();
    expect(ids(store.getState().entries)).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect(store.getState().nextCursor).toBeNull();

    const callsBefore = fake.calls.length;
    await store.getState().loadOlder();
    expect(fake.calls.length).toBe(callsBefore);
  });

  it('does not ask for the same older page twice while one is on its way', async () => {
    const log = hostLog(30);
    const pending = deferred<LogPage>();
    let useDeferred = false;
    const fake = createFakeApiClient({
      'log:list': (input) => (useDeferred ? pending.promise : log.list(input)),
    });
    const store = createLogStore(fake.client, 10);
    await store.getState().reload();

    useDeferred = true;
    const first = store.getState().loadOlder();
    const second = store.getState().loadOlder();
    pending.resolve(log.list({ limit: 10, before: 21 }));
    await Promise.all([first, second]);
    expect(fake.calls.filter((c) => c.method === 'log:list')).toHaveLength(2);
    expect(store.getState().entries).toHaveLength(20);
  });

  it('puts a live entry on top and counts it, without fetching again', async () => {
    const log = hostLog(3);
    const fake = createFakeApiClient({ 'log:list': (input) => log.list(input) });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await flush();
    const callsBefore = fake.calls.length;

    fake.emit('log:appended', entry(4, 'sync.resumed'));
    expect(ids(store.getState().entries)).toEqual([4, 3, 2, 1]);
    expect(store.getState().total).toBe(4);
    expect(fake.calls.length).toBe(callsBefore);
  });

  it('names the entries shown about a Lead once a live entry of the sync names it', async () => {
    const log = hostLog(0);
    const fake = createFakeApiClient({ 'log:list': (input) => log.list(input) });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await flush();
    const GUEST = '00Q000000000009AAA';
    const about = (id: number, kind: string, details: LogEntry['details'] = {}): LogEntry => ({
      ...entry(id, kind),
      subject: GUEST,
      details,
    });
    fake.emit('log:appended', about(1, 'instance.created'));
    fake.emit('log:appended', about(2, 'booking.posted', { name: 'Mika (as booked)' }));
    fake.emit('log:appended', { ...entry(3, 'channel.fired'), subject: '00Q000000000001AAA' });
    fake.emit('log:appended', about(4, 'lead.created', { name: 'Mika Newguest' }));
    const names = Object.fromEntries(
      store.getState().entries.map((e) => [e.id, e.leadName ?? e.details.name ?? null]),
    );
    expect(names).toEqual({
      1: 'Mika Newguest',
      2: 'Mika (as booked)',
      3: null,
      4: 'Mika Newguest',
    });
  });

  it('shows an entry once when it arrives both by event and in a page', async () => {
    const log = hostLog(5);
    const page = deferred<LogPage>();
    const fake = createFakeApiClient({ 'log:list': () => page.promise });
    const store = createLogStore(fake.client, 10);
    store.getState().start();

    // The event overtakes the page that also contains it.
    fake.emit('log:appended', log.all[4]!);
    fake.emit('log:appended', log.all[4]!);
    page.resolve(log.list({ limit: 10 }));
    await flush();
    expect(ids(store.getState().entries)).toEqual([5, 4, 3, 2, 1]);
    expect(store.getState().total).toBe(5);

    fake.emit('log:appended', log.all[2]!);
    expect(ids(store.getState().entries)).toEqual([5, 4, 3, 2, 1]);
    expect(store.getState().total).toBe(5);
  });

  it('keeps an entry that arrived live while the first page was loading and was not in it', async () => {
    const log = hostLog(3);
    const page = deferred<LogPage>();
    const fake = createFakeApiClient({ 'log:list': () => page.promise });
    const store = createLogStore(fake.client, 10);
    store.getState().start();

    fake.emit('log:appended', entry(4));
    page.resolve(log.list({ limit: 10 }));
    await flush();
    expect(ids(store.getState().entries)).toEqual([4, 3, 2, 1]);
    expect(store.getState().total).toBe(4);
  });

  it('sends the filter, refetches from the top when it changes, and ignores live entries outside it', async () => {
    const log = hostLog(9);
    const fake = createFakeApiClient({ 'log:list': (input) => log.list(input) });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await flush();

    await store.getState().setKinds(['sync']);
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10, kinds: ['sync'] });
    expect(store.getState().entries.every((e) => e.kind.startsWith('sync'))).toBe(true);
    expect(store.getState().total).toBe(3);

    fake.emit('log:appended', entry(10, 'lead.changed'));
    fake.emit('log:appended', entry(11, 'sync'));
    fake.emit('log:appended', entry(12, 'syncer.started'));
    expect(ids(store.getState().entries)).toEqual([11, 7, 4, 1]);
    expect(store.getState().total).toBe(4);

    await store.getState().setKinds([]);
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10 });
  });

  it('offers the filter the kinds the log holds, adding a kind that first arrives live', async () => {
    const log = hostLog(3);
    const fake = createFakeApiClient({
      'log:list': (input) => log.list(input),
      'log:kinds': () => ({ kinds: ['app.started', 'lead.changed', 'sync.paused'] }),
    });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await flush();
    expect(store.getState().presentKinds).toEqual(['app.started', 'lead.changed', 'sync.paused']);

    // Filtered to sync, a channel's first entry is not shown but can be filtered for now.
    await store.getState().setKinds(['sync']);
    fake.emit('log:appended', entry(4, 'channel.fired'));
    fake.emit('log:appended', entry(5, 'sync.paused'));
    expect(store.getState().presentKinds).toEqual([
      'app.started',
      'channel.fired',
      'lead.changed',
      'sync.paused',
    ]);
  });

  it('drops a page that answers after the filter has changed', async () => {
    const log = hostLog(6);
    const slow = deferred<LogPage>();
    const fake = createFakeApiClient({
      'log:list': (input) => (input?.kinds ? log.list(input) : slow.promise),
    });
    const store = createLogStore(fake.client, 10);
    store.getState().start();
    await store.getState().setKinds(['app']);

    slow.resolve(log.list({ limit: 10 }));
    await flush();
    expect(store.getState().entries.map((e) => e.kind)).toEqual(['app.started', 'app.started']);
  });

  it('shows the host error with its code and clears it on the next success', async () => {
    const log = hostLog(3);
    let fail = true;
    const fake = createFakeApiClient({
      'log:list': (input) => {
        if (fail) throw fakeApiError('STORE_UNAVAILABLE', 'The log database is locked. Try again.');
        return log.list(input);
      },
    });
    const store = createLogStore(fake.client, 10);
    await store.getState().reload();
    expect(store.getState()).toMatchObject({
      loading: false,
      error: { code: 'STORE_UNAVAILABLE', message: 'The log database is locked. Try again.' },
    });

    fail = false;
    await store.getState().reload();
    expect(store.getState().error).toBeNull();
    expect(store.getState().entries).toHaveLength(3);
  });

  it('keeps loaded entries and shows the error when an older page fails', async () => {
    const log = hostLog(15);
    let fail = false;
    const fake = createFakeApiClient({
      'log:list': (input) => {
        if (fail) throw fakeApiError('HOST_UNREACHABLE', 'The Leadbridge host is not answering.');
        return log.list(input);
      },
    });
    const store = createLogStore(fake.client, 10);
    await store.getState().reload();
    fail = true;
    await store.getState().loadOlder();
    expect(store.getState().entries).toHaveLength(10);
    expect(store.getState().error?.code).toBe('HOST_UNREACHABLE');
    expect(store.getState().loadingOlder).toBe(false);
  });

  it('stops following live entries after unsubscribe', async () => {
    const fake = createFakeApiClient({ 'log:list': () => hostLog(0).list(undefined) });
    const store = createLogStore(fake.client);
    const stop = store.getState().start();
    expect(fake.listenerCount('log:appended')).toBe(1);
    stop();
    expect(fake.listenerCount('log:appended')).toBe(0);
  });
});

describe('kind filter', () => {
  it('matches a domain and its dotted kinds, not words that merely start alike', () => {
    expect(matchesKinds('sync', ['sync'])).toBe(true);
    expect(matchesKinds('sync.paused', ['sync'])).toBe(true);
    expect(matchesKinds('syncer.started', ['sync'])).toBe(false);
    expect(matchesKinds('lead.changed', ['app', 'lead'])).toBe(true);
    expect(matchesKinds('anything', [])).toBe(true);
  });
});
