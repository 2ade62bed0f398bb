import { describe, expect, it } from 'vitest';
import { createFakeApiClient, deferred } from '../test-support/fake-api-client';
import { createFakePlatformHost } from '../test-support/fake-platform-host';
import { bookingFixture } from '../test-support/platform-fixtures';
import { createBookingsStore } from './bookings-store';

function hostWithBookings() {
  return createFakePlatformHost({
    bookings: [
      bookingFixture(3, {
        outcome: 'failed',
        record: null,
        event: null,
        error: { code: 'REQUIRED_FIELD_MISSING', message: 'Company is required: map it.' },
      }),
      bookingFixture(2, { outcome: 'untouched' }),
      bookingFixture(1),
    ],
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('bookings store', () => {
  it('asks for the outcomes chosen, with every outcome counted for the filter', async () => {
    const fake = createFakeApiClient(hostWithBookings().handlers);
    const store = createBookingsStore(fake.client);
    await store.getState().setOutcomes(['failed']);
    expect(fake.calls.at(-1)?.input).toEqual({
      query: '',
      limit: 100,
      offset: 0,
      outcomes: ['failed'],
    });
    expect(store.getState().bookings.map((booking) => booking.id)).toEqual([3]);
    expect(store.getState().counts).toMatchObject({ failed: 1, untouched: 1, created: 1 });
  });

  it('searches by what was typed once the typing pauses', async () => {
    const fake = createFakeApiClient(hostWithBookings().handlers);
    const store = createBookingsStore(fake.client, 100, 5);
    await store.getState().refresh();
    store.getState().setQueryText('guest2');
    store.getState().setQueryText('guest2@');
    await wait(30);
    expect(fake.calls.filter((call) => call.method === 'bookings:list')).toHaveLength(2);
    expect(store.getState().bookings.map((booking) => booking.id)).toEqual([2]);
  });

  it('retries a failed booking, says so, and shows it pending again', async () => {
    const host = hostWithBookings();
    const fake = createFakeApiClient(host.handlers);
    const store = createBookingsStore(fake.client);
    await store.getState().refresh();
    await store.getState().retry([3]);
    expect(fake.calls.find((call) => call.method === 'bookings:retry')?.input).toEqual({
      bookingIds: [3],
    });
    expect(store.getState().bookings.find((booking) => booking.id === 3)?.outcome).toBe('pending');
    expect(store.getState().retryNote).toMatch(/posted again/);
    expect(store.getState().retrying).toEqual([]);
  });

  it('does not send a second Retry for a booking whose Retry is on its way', async () => {
    const answer = deferred<{ retried: number }>();
    const fake = createFakeApiClient({
      ...hostWithBookings().handlers,
      'bookings:retry': () => answer.promise,
    });
    const store = createBookingsStore(fake.client);
    const first = store.getState().retry([3]);
    await store.getState().retry([3]);
    answer.resolve({ retried: 1 });
    await first;
    expect(fake.calls.filter((call) => call.method === 'bookings:retry')).toHaveLength(1);
  });

  it('follows bookings:changed, once per burst', async () => {
    const host = hostWithBookings();
    const fake = createFakeApiClient(host.handlers);
    const store = createBookingsStore(fake.client, 100, 0, 5);
    const stop = store.getState().start();
    await store.getState().refresh();
    host.state.bookings.unshift(bookingFixture(4, { outcome: 'pending', record: null }));
    for (let i = 0; i < 5; i++) fake.emit('bookings:changed', { bookingIds: [4] });
    await wait(30);
    expect(fake.calls.filter((call) => call.method === 'bookings:list')).toHaveLength(2);
    expect(store.getState().bookings[0]?.id).toBe(4);
    stop();
    expect(fake.listenerCount('bookings:changed')).toBe(0);
  });
});
