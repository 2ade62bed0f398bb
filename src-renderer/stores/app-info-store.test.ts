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
      logsDirectory: null,
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

  it('asks the host to open the logs folder and keeps why it could not', async () => {
    const fake = createFakeApiClient({
      'app:open-logs-folder': () =>
        Promise.reject(fakeApiError('LOGS_ON_STANDARD_ERROR', 'Read standard error.')),
    });
    const store = createAppInfoStore(fake.client);
    await store.getState().openLogsFolder();
    expect(fake.calls.map((call) => call.method)).toEqual(['app:open-logs-folder']);
    expect(store.getState().logsFolderError).toMatchObject({ code: 'LOGS_ON_STANDARD_ERROR' });

    fake.handlers['app:open-logs-folder'] = () => ({ folder: '/logs' });
    await store.getState().openLogsFolder();
    expect(store.getState().logsFolderError).toBeNull();
  });
});
