import { describe, expect, it } from 'vitest';
import { createFakeApiClient } from '../test-support/fake-api-client';
import { connectionStatus } from '../test-support/connection-status';
import { outboxCounts, outboxStatusFixture } from '../test-support/outbox-fixture';
import { createFakePlatformHost } from '../test-support/fake-platform-host';
import { createAppStores, startAppStores } from './app-stores';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app stores', () => {
  it('re-reads the connection after the event stream comes back', async () => {
    let current = connectionStatus('connecting');
    const fake = createFakeApiClient({ 'connection:status': () => current });
    const stores = createAppStores(fake.client);
    const stop = startAppStores(stores, fake.client);
    await flush();
    expect(stores.connection.getState().status?.state).toBe('connecting');

    // The connected event was sent while the stream was down.
    current = connectionStatus('connected');
    fake.reconnect();
    await flush();
    expect(stores.connection.getState().status?.state).toBe('connected');
    stop();
  });
});

describe('app stores after a reconnect', () => {
  it('re-reads the channels and the open Lead’s decisions the stream may have missed', async () => {
    const fake = createFakeApiClient({
      'connection:status': () => connectionStatus('connected'),
      'channels:list': () => ({ channels: [] }),
      'channels:fields': () => ({ fields: [] }),
      'channels:decisions': () => ({ decisions: [] }),
    });
    const stores = createAppStores(fake.client);
    const stop = startAppStores(stores, fake.client);
    await stores.channels.getState().load();
    await stores.leadDecisions.getState().open('00Q000000000001AAA');
    const before = fake.calls.length;
    fake.reconnect();
    await flush();
    const again = fake.calls.slice(before).map((call) => call.method);
    expect(again).toContain('channels:list');
    expect(again).toContain('channels:decisions');
    stop();
  });
});

describe('app stores and the outbox after a reconnect', () => {
  it('re-reads the outbox status, the open list and the open Lead’s writes the stream may have missed', async () => {
    const fake = createFakeApiClient({
      'outbox:status': () => outboxStatusFixture(),
      'outbox:list': () => ({ items: [], total: 0, counts: outboxCounts(), reasons: [] }),
    });
    const stores = createAppStores(fake.client);
    const stop = startAppStores(stores, fake.client);
    await stores.outbox.getState().load();
    await stores.leadOutbox.getState().open('00Q000000000001AAA');
    const before = fake.calls.length;
    fake.reconnect();
    await flush();
    const again = fake.calls.slice(before);
    expect(again.map((call) => call.method)).toContain('outbox:status');
    expect(again.filter((call) => call.method === 'outbox:list').map((call) => call.input)).toEqual(
      expect.arrayContaining([
        { limit: 100, offset: 0 },
        expect.objectContaining({ leadId: '00Q000000000001AAA' }),
      ]),
    );
    stop();
  });
});

describe('app stores and the meeting platform after a reconnect', () => {
  it('re-reads the receiver and the bookings the stream may have missed, once they were shown', async () => {
    const host = createFakePlatformHost();
    const fake = createFakeApiClient({
      'connection:status': () => connectionStatus('connected'),
      'outbox:status': () => outboxStatusFixture(),
      ...host.handlers,
    });
    const stores = createAppStores(fake.client);
    const stop = startAppStores(stores, fake.client);
    await stores.platform.getState().load();
    await stores.bookings.getState().refresh();
    const before = fake.calls.length;
    fake.reconnect();
    await flush();
    const again = fake.calls.slice(before).map((call) => call.method);
    expect(again).toContain('platform:status');
    expect(again).toContain('bookings:list');
    stop();
    expect(fake.listenerCount('platform:changed')).toBe(0);
    expect(fake.listenerCount('bookings:changed')).toBe(0);
  });
});
