import { describe, expect, it } from 'vitest';
import { lastRunFields, syncStatusFixture } from '../../test/support/sync-status-fixture';
import type { SyncStatus } from '../../src-preload/contract';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { createChangesChartStore } from './changes-chart-store';
import { lastDayByHour } from './hour-buckets';

const NOW = Date.parse('2025-01-02T14:30:00Z');

const status = (lastRunAt: string | null, state: SyncStatus['state'] = 'idle'): SyncStatus =>
  syncStatusFixture({ state, message: '', ...lastRunFields(lastRunAt) });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('last day by hour', () => {
  it('gives 24 whole hours ending with the current one, quiet hours as zero', () => {
    const hours = lastDayByHour(
      [
        // The host's window starts mid-hour 24 h ago: that partial hour is not a bar.
        { hour: '2025-01-01T14:00:00.000Z', count: 9 },
        { hour: '2025-01-01T15:00:00.000Z', count: 2 },
        { hour: '2025-01-02T14:00:00.000Z', count: 5 },
      ],
      NOW,
    );
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ hour: '2025-01-01T15:00:00.000Z', count: 2 });
    expect(hours[23]).toEqual({ hour: '2025-01-02T14:00:00.000Z', count: 5 });
    expect(hours.reduce((sum, h) => sum + h.count, 0)).toBe(7);
  });
});

describe('changes chart store', () => {
  it('loads on start and again only when a sync run has finished', async () => {
    let rows = [{ hour: '2025-01-02T13:00:00.000Z', count: 1 }];
    const fake = createFakeApiClient({ 'leads:changes-per-hour': () => rows });
    const store = createChangesChartStore(fake.client, () => NOW);
    store.getState().start();
    await flush();
    expect(store.getState().hours[22]?.count).toBe(1);

    fake.emit('sync:status', status('2025-01-02T14:00:00Z', 'syncing'));
    fake.emit('sync:status', status('2025-01-02T14:00:00Z', 'syncing'));
    expect(fake.calls).toHaveLength(1);

    rows = [...rows, { hour: '2025-01-02T14:00:00.000Z', count: 4 }];
    fake.emit('sync:status', status('2025-01-02T14:29:00Z'));
    await flush();
    expect(fake.calls).toHaveLength(2);
    expect(store.getState().hours[23]?.count).toBe(4);
  });

  it('reports a failed load and recovers on the next', async () => {
    let fail = true;
    const fake = createFakeApiClient({
      'leads:changes-per-hour': () => {
        if (fail) throw fakeApiError('STORE_UNAVAILABLE', 'The cache is locked. Try again.');
        return [];
      },
    });
    const store = createChangesChartStore(fake.client, () => NOW);
    await store.getState().load();
    expect(store.getState().error?.code).toBe('STORE_UNAVAILABLE');
    fail = false;
    await store.getState().load();
    expect(store.getState().error).toBeNull();
    expect(store.getState().hours).toHaveLength(24);
  });
});
