import { describe, expect, it } from 'vitest';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { createAppInfoStore } from './app-info-store';

describe('app info store', () => {
  it('loads what the host reports about itself', async () => {
    const info = {
      name: 'Leadbridge',
      version: '0.1.0',
      dataDirectory: '/data',
      hostKind: 'headless' as const,
      platform: 'linux',
      oauthCallbackUrl: 'http://localhost:4780/oauth/callback',
    };
    const store = createAppInfoStore(createFakeApiClient({ 'app:info': () => info }).client);
    await store.getState().load();
    expect(store.getState().info).toEqual(info);
  });

  it('keeps the error when the host cannot answer', async () => {
    const fake = createFakeApiClient({
      'app:info': () => Promise.reject(fakeApiError('HOST_UNREACHABLE', 'Not answering.')),
    });
    const store = createAppInfoStore(fake.client);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ info: null, error: { code: 'HOST_UNREACHABLE' } });
  });
});
