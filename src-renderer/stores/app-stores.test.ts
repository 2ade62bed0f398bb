import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src-preload/contract';
import { createFakeApiClient } from '../test-support/fake-api-client';
import { createAppStores, startAppStores } from './app-stores';

const status = (state: ConnectionStatus['state']): ConnectionStatus => ({
  state,
  message: state,
  org: null,
  apiUsage: null,
  lastSuccessfulCallAt: null,
  problem: null,
  token: null,
  cachedOrg: null,
  cacheReplaced: null,
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app stores', () => {
  it('re-reads the connection after the event stream comes back', async () => {
    let current = status('connecting');
    const fake = createFakeApiClient({ 'connection:status': () => current });
    const stores = createAppStores(fake.client);
    const stop = startAppStores(stores, fake.client);
    await flush();
    expect(stores.connection.getState().status?.state).toBe('connecting');

    // The connected event was sent while the stream was down.
    current = status('connected');
    fake.reconnect();
    await flush();
    expect(stores.connection.getState().status?.state).toBe('connected');
    stop();
  });
});
