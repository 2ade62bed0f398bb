import { describe, expect, it } from 'vitest';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { createFakePlatformHost } from '../test-support/fake-platform-host';
import { platformStatusFixture, receivedEventFixture } from '../test-support/platform-fixtures';
import { createPlatformStore } from './platform-store';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('platform store', () => {
  it('shows a generated secret once, then only its hint', async () => {
    const host = createFakePlatformHost();
    const store = createPlatformStore(createFakeApiClient(host.handlers).client);
    await store.getState().load();
    expect(await store.getState().setSecret('generic_secret')).toBe(true);
    expect(store.getState().generated).toEqual({
      name: 'generic_secret',
      value: 'lbgen_0123456789abcdef',
    });
    expect(store.getState().status?.secrets.generic_secret).toEqual({ set: true, hint: 'cdef' });
    store.getState().dismissGenerated();
    expect(store.getState().generated).toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain('0123456789abcdef');
  });

  it('sends a pasted secret as it is and keeps nothing of it but the host’s hint', async () => {
    const fake = createFakeApiClient(createFakePlatformHost().handlers);
    const store = createPlatformStore(fake.client);
    await store.getState().setSecret('timerex_token', 'trx-token-9876');
    expect(fake.calls.at(-1)).toEqual({
      method: 'platform:set-secret',
      input: { name: 'timerex_token', value: 'trx-token-9876' },
    });
    expect(store.getState().generated).toBeNull();
    expect(store.getState().status?.secrets.timerex_token.hint).toBe('9876');
  });

  it('turns the receiver on and shows where it listens, or the refusal beside the receiver', async () => {
    const host = createFakePlatformHost();
    const store = createPlatformStore(createFakeApiClient(host.handlers).client);
    await store.getState().updateReceiver({ enabled: true, port: 9000, bindAddress: '127.0.0.1' });
    expect(store.getState().status?.receiver).toMatchObject({
      listening: true,
      baseUrl: 'http://127.0.0.1:9000/hooks/',
    });

    const refusing = createPlatformStore(
      createFakeApiClient({
        'platform:update': () => {
          throw fakeApiError('SETTINGS_INVALID', 'The outbound URL must be https.');
        },
      }).client,
    );
    expect(await refusing.getState().updateOutbound({ enabled: true, url: 'ftp://x' })).toBe(false);
    expect(refusing.getState().saveError).toEqual({
      part: 'outbound',
      error: { code: 'SETTINGS_INVALID', message: 'The outbound URL must be https.' },
    });
  });

  it('follows platform:changed and re-reads the recent events when new ones arrived', async () => {
    const host = createFakePlatformHost();
    const fake = createFakeApiClient(host.handlers);
    const store = createPlatformStore(fake.client, 5);
    const stop = store.getState().start();
    await store.getState().load();
    host.state.events = [receivedEventFixture(1)];
    const status = platformStatusFixture({
      received: { total: 1, pending: 0, failed: 0, lastAt: '2026-11-30T09:00:01.000Z' },
    });
    fake.emit('platform:changed', status);
    fake.emit('platform:changed', status);
    expect(store.getState().status).toEqual(status);
    await wait(30);
    expect(store.getState().events.map((event) => event.id)).toEqual([1]);
    expect(fake.calls.filter((call) => call.method === 'platform:events')).toHaveLength(2);
    stop();
  });
});

describe('platform store before Settings was opened', () => {
  it('keeps the status from platform:changed but does not read the events nobody looks at', async () => {
    const fake = createFakeApiClient(createFakePlatformHost().handlers);
    const store = createPlatformStore(fake.client, 1);
    const stop = store.getState().start();
    fake.emit(
      'platform:changed',
      platformStatusFixture({ received: { total: 5, pending: 1, failed: 0, lastAt: null } }),
    );
    await wait(20);
    expect(store.getState().status?.received.total).toBe(5);
    expect(fake.calls).toEqual([]);
    stop();
  });
});
