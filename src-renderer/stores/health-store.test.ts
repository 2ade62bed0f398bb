import { describe, expect, it } from 'vitest';
import { syncStatusFixture } from '../../test/support/sync-status-fixture';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { errorGroupFixture, healthReportFixture } from '../test-support/health-report-fixture';
import { createHealthStore } from './health-store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

function setUp() {
  const fake = createFakeApiClient({
    'health:get': () =>
      healthReportFixture({ errors: { since: '', groups: [errorGroupFixture()] } }),
    'outbox:retry': (input) => ({ retried: input?.itemIds.length ?? 0 }),
    'bookings:retry': (input) => ({ retried: input?.bookingIds.length ?? 0 }),
    'sync:now': () => syncStatusFixture({ state: 'syncing' }),
  });
  const store = createHealthStore(fake.client, 1);
  const reads = () => fake.calls.filter((call) => call.method === 'health:get').length;
  return { fake, store, reads };
}

describe('health store', () => {
  it('reads the report again after an error is logged, once per burst, and not for other entries', async () => {
    const { fake, store, reads } = setUp();
    const stop = store.getState().start();
    await flush();
    expect(reads()).toBe(1);
    const entry = (id: number, details: Record<string, unknown>) =>
      fake.emit('log:appended', { id, time: '', kind: 'lead.changed', subject: null, details });
    entry(1, { field: 'Status' });
    await settle();
    expect(reads()).toBe(1);
    entry(2, { code: 'SERVER_UNAVAILABLE', message: 'x' });
    entry(3, { code: 'SERVER_UNAVAILABLE', message: 'x' });
    await settle();
    expect(reads()).toBe(2);
    stop();
    entry(4, { code: 'SERVER_UNAVAILABLE', message: 'x' });
    await settle();
    expect(reads()).toBe(2);
  });

  it('shows the outbox as it changes without waiting for the next read', async () => {
    const { fake, store } = setUp();
    store.getState().start();
    await flush();
    const outbox = { ...healthReportFixture().outbox, message: '3 writes waiting.' };
    fake.emit('outbox:changed', outbox);
    expect(store.getState().report?.outbox.message).toBe('3 writes waiting.');
  });

  it('retries through the methods the Outbox, Bookings and Sync screens use, says what it did, and reads again', async () => {
    const { fake, store, reads } = setUp();
    await store.getState().load();
    await store
      .getState()
      .retry(
        errorGroupFixture({ retry: { syncNow: true, outboxItemIds: [7, 8], bookingIds: [3] } }),
      );
    expect(fake.calls.map((call) => call.method)).toEqual([
      'health:get',
      'outbox:retry',
      'bookings:retry',
      'sync:now',
      'health:get',
    ]);
    expect(fake.calls[1]?.input).toEqual({ itemIds: [7, 8] });
    expect(fake.calls[2]?.input).toEqual({ bookingIds: [3] });
    expect(store.getState().retryNotes.FIELD_CUSTOM_VALIDATION_EXCEPTION).toEqual({
      text: 'Retrying 2 outbox items, 1 booking, and a sync.',
      failed: false,
    });
    expect(reads()).toBe(2);
    expect(store.getState().retrying).toBeNull();
  });

  it('says why a Retry failed, in the host’s words', async () => {
    const { fake, store } = setUp();
    fake.handlers['outbox:retry'] = () => {
      throw fakeApiError('HOST_BUSY', 'The local database is busy. Try again.');
    };
    await store.getState().retry(errorGroupFixture());
    expect(store.getState().retryNotes.FIELD_CUSTOM_VALIDATION_EXCEPTION).toEqual({
      text: 'The local database is busy. Try again.',
      failed: true,
    });
  });
});
