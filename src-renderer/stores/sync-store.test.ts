import { describe, expect, it } from 'vitest';
import { syncStatusFixture } from '../../test/support/sync-status-fixture';
import type { SyncStatus } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { createSyncStore } from './sync-store';

const idle: SyncStatus = syncStatusFixture({
  message: 'Up to date.',
  lastSyncAt: '2025-01-01T10:00:00Z',
  nextSyncAt: '2025-01-01T10:05:00Z',
});
const paused: SyncStatus = { ...idle, state: 'paused', paused: true, nextSyncAt: null };
const syncing: SyncStatus = { ...idle, state: 'syncing', message: 'Syncing Leads…' };
const idleAfterRun: SyncStatus = {
  ...idle,
  lastRun: { at: '2025-01-01T10:00:01Z', durationMs: 18, records: 1, changes: 1, apiCalls: 1 },
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sync store', () => {
  it('loads the status and follows the sync:status event', async () => {
    const fake = createFakeApiClient({ 'sync:status': () => idle });
    const store = createSyncStore(fake.client);
    const stop = store.getState().start();
    await flush();
    expect(store.getState().status).toEqual(idle);

    fake.emit('sync:status', { ...idle, state: 'syncing', message: 'Fetching Leads…' });
    expect(store.getState().status?.state).toBe('syncing');

    stop();
    fake.emit('sync:status', paused);
    expect(store.getState().status?.state).toBe('syncing');
  });

  it('pause and resume call the host and show the status it answers', async () => {
    const fake = createFakeApiClient({ 'sync:pause': () => paused, 'sync:resume': () => idle });
    const store = createSyncStore(fake.client);
    await store.getState().pause();
    expect(store.getState().status?.paused).toBe(true);
    await store.getState().resume();
    expect(store.getState().status?.state).toBe('idle');
    expect(fake.calls.map((c) => c.method)).toEqual(['sync:pause', 'sync:resume']);
  });

  it('marks the pressed action pending and ignores a second press meanwhile', async () => {
    const answer = deferred<SyncStatus>();
    const fake = createFakeApiClient({ 'sync:now': () => answer.promise });
    const store = createSyncStore(fake.client);
    const first = store.getState().syncNow();
    expect(store.getState().pending).toBe('sync:now');
    await store.getState().syncNow();
    answer.resolve(idle);
    await first;
    expect(store.getState().pending).toBeNull();
    expect(fake.calls).toHaveLength(1);
  });

  it('shows the host error message and code instead of swallowing it', async () => {
    const fake = createFakeApiClient({
      'sync:now': () => {
        throw fakeApiError('NOT_CONNECTED', 'Connect a Salesforce org first.');
      },
    });
    const store = createSyncStore(fake.client);
    await store.getState().syncNow();
    expect(store.getState().error).toEqual({
      code: 'NOT_CONNECTED',
      message: 'Connect a Salesforce org first.',
    });
    expect(store.getState().pending).toBeNull();
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('Reconcile now calls the host and shows the reconciliation it reports later', async () => {
    const fake = createFakeApiClient({
      'sync:status': () => idle,
      'sync:reconcile': () => syncing,
    });
    const store = createSyncStore(fake.client);
    store.getState().start();
    await flush();
    const click = store.getState().reconcile();
    expect(store.getState().pending).toBe('sync:reconcile');
    await click;
    expect(fake.calls.map((c) => c.method)).toContain('sync:reconcile');
    expect(store.getState().pending).toBeNull();
    const lastReconcile = {
      at: '2025-01-01T10:01:00Z',
      durationMs: 900,
      orgLeads: 10_000,
      missing: 1,
      stale: 0,
      gone: 2,
      removed: 2,
      expired: 0,
      apiCalls: 6,
    };
    fake.emit('sync:status', { ...idle, lastReconcile });
    expect(store.getState().status?.lastReconcile).toEqual(lastReconcile);
  });

  it('reports a failed status load', async () => {
    const fake = createFakeApiClient();
    const store = createSyncStore(fake.client);
    await store.getState().refresh();
    expect(store.getState().error?.code).toBe('NOT_IMPLEMENTED');
  });

  it('keeps a newer status from the event over the older answer to Sync now', async () => {
    const answer = deferred<SyncStatus>();
    const fake = createFakeApiClient({
      'sync:status': () => syncing,
      'sync:now': () => answer.promise,
    });
    const store = createSyncStore(fake.client);
    store.getState().start();
    await flush();
    const click = store.getState().syncNow();
    fake.emit('sync:status', idleAfterRun);
    answer.resolve(syncing);
    await click;
    expect(store.getState().status).toEqual(idleAfterRun);
    expect(store.getState().pending).toBeNull();
  });
});
