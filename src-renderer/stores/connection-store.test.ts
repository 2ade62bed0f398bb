import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { connectionStatus } from '../test-support/connection-status';
import { createConnectionStore } from './connection-store';

const disconnected = connectionStatus(
  'disconnected',
  'Not connected. Choose your org and click Connect.',
);
const connecting: ConnectionStatus = {
  ...disconnected,
  state: 'connecting',
  message: 'Waiting for you to approve Leadbridge in the Salesforce sign-in page.',
};
const connected: ConnectionStatus = {
  state: 'connected',
  message: 'Connected as Ada Ops (ada@acme.com).',
  org: {
    kind: 'production',
    loginUrl: 'https://login.salesforce.com',
    instanceUrl: 'https://acme.my.salesforce.com',
    organizationId: '00D000000000001EAA',
    userId: '005000000000001AAA',
    username: 'ada@acme.com',
    displayName: 'Ada Ops',
    email: 'ada@acme.com',
    apiVersion: '62.0',
  },
  lastSuccessfulCallAt: '2025-01-01T10:00:00Z',
  problem: null,
  token: {
    issuedAt: '2025-01-01T09:00:00Z',
    lastRefreshedAt: null,
    canRefresh: true,
    scope: 'api refresh_token',
  },
  cachedOrg: {
    organizationId: '00D000000000001EAA',
    instanceUrl: 'https://acme.my.salesforce.com',
  },
  cacheReplaced: null,
};
const signInPage = {
  authorizeUrl: 'https://login.salesforce.com/services/oauth2/authorize?state=s1',
  openIn: 'new-tab' as const,
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('connection store', () => {
  it('loads the status and follows connection:changed until stopped', async () => {
    const fake = createFakeApiClient({ 'connection:status': () => disconnected });
    const store = createConnectionStore(fake.client);
    const stop = store.getState().start();
    await flush();
    expect(store.getState().status).toEqual(disconnected);

    fake.emit('connection:changed', connected);
    expect(store.getState().status?.org?.username).toBe('ada@acme.com');

    stop();
    fake.emit('connection:changed', disconnected);
    expect(store.getState().status?.state).toBe('connected');
  });

  it('does not let a slow status read overwrite a newer event', async () => {
    const slow = deferred<ConnectionStatus>();
    const fake = createFakeApiClient({ 'connection:status': () => slow.promise });
    const store = createConnectionStore(fake.client);
    store.getState().start();

    fake.emit('connection:changed', connected);
    slow.resolve(disconnected);
    await flush();
    expect(store.getState().status?.state).toBe('connected');
  });

  it('connect sends the org and answers with the sign-in page, kept while it is awaited', async () => {
    const fake = createFakeApiClient({
      'connection:status': () => disconnected,
      'connection:connect': () => signInPage,
    });
    const store = createConnectionStore(fake.client);
    store.getState().start();
    await flush();

    const page = await store.getState().connect('sandbox');
    expect(page).toEqual(signInPage);
    expect(fake.calls.at(-1)).toEqual({ method: 'connection:connect', input: { org: 'sandbox' } });
    expect(store.getState()).toMatchObject({ signIn: signInPage, pending: null });

    fake.emit('connection:changed', connecting);
    expect(store.getState().signIn).toEqual(signInPage);
    fake.emit('connection:changed', connected);
    expect(store.getState().signIn).toBeNull();
  });

  it('sends the My Domain address only for a My Domain org', async () => {
    const fake = createFakeApiClient({ 'connection:connect': () => signInPage });
    const store = createConnectionStore(fake.client);
    await store.getState().connect('my-domain', 'https://acme.my.salesforce.com');
    await store.getState().connect('production', 'https://acme.my.salesforce.com');
    expect(fake.calls.map((c) => c.input)).toEqual([
      { org: 'my-domain', myDomain: 'https://acme.my.salesforce.com' },
      { org: 'production' },
    ]);
  });

  it('keeps a refused connect as an error with its code, for the action that failed', async () => {
    const fake = createFakeApiClient({
      'connection:connect': () => {
        throw fakeApiError('INVALID_MY_DOMAIN', 'Use your https My Domain address.');
      },
    });
    const store = createConnectionStore(fake.client);
    const page = await store.getState().connect('my-domain', 'http://evil.example');
    expect(page).toBeNull();
    expect(store.getState()).toMatchObject({
      pending: null,
      signIn: null,
      actionError: {
        action: 'connect',
        code: 'INVALID_MY_DOMAIN',
        message: 'Use your https My Domain address.',
      },
    });

    store.getState().dismissActionError();
    expect(store.getState().actionError).toBeNull();
  });

  it('marks connect pending and ignores a second press meanwhile', async () => {
    const answer = deferred<typeof signInPage>();
    const fake = createFakeApiClient({ 'connection:connect': () => answer.promise });
    const store = createConnectionStore(fake.client);
    const first = store.getState().connect('production');
    expect(store.getState().pending).toBe('connect');
    expect(await store.getState().connect('production')).toBeNull();
    answer.resolve(signInPage);
    expect(await first).toEqual(signInPage);
    expect(fake.calls).toHaveLength(1);
  });

  it('cancel asks the host, shows its status and forgets the sign-in page', async () => {
    const fake = createFakeApiClient({
      'connection:connect': () => signInPage,
      'connection:cancel': () => disconnected,
    });
    const store = createConnectionStore(fake.client);
    await store.getState().connect('production');
    fake.emit('connection:changed', connecting);

    await store.getState().cancel();
    expect(fake.calls.at(-1)?.method).toBe('connection:cancel');
    expect(store.getState()).toMatchObject({ status: disconnected, signIn: null, pending: null });
  });

  it.each([true, false])('disconnect passes deleteCache=%s and shows the answer', async (flag) => {
    const fake = createFakeApiClient({
      'connection:status': () => connected,
      'connection:disconnect': () => disconnected,
    });
    const store = createConnectionStore(fake.client);
    await store.getState().refresh();

    await store.getState().disconnect(flag);
    expect(fake.calls.at(-1)).toEqual({
      method: 'connection:disconnect',
      input: { deleteCache: flag },
    });
    expect(store.getState().status?.state).toBe('disconnected');
  });

  it('keeps the connected status and says why when disconnect fails', async () => {
    const fake = createFakeApiClient({
      'connection:status': () => connected,
      'connection:disconnect': () => {
        throw fakeApiError('STORE_UNAVAILABLE', 'The cache is locked. Try again.');
      },
    });
    const store = createConnectionStore(fake.client);
    await store.getState().refresh();
    await store.getState().disconnect(true);
    expect(store.getState().status?.state).toBe('connected');
    expect(store.getState().actionError).toEqual({
      action: 'disconnect',
      code: 'STORE_UNAVAILABLE',
      message: 'The cache is locked. Try again.',
    });
  });

  it('keeps the last status known when a refresh fails, and clears the error on success', async () => {
    let fail = false;
    const fake = createFakeApiClient({
      'connection:status': () => {
        if (fail) throw fakeApiError('HOST_UNREACHABLE', 'The Leadbridge host is not answering.');
        return connected;
      },
    });
    const store = createConnectionStore(fake.client);
    await store.getState().refresh();
    fail = true;
    await store.getState().refresh();
    expect(store.getState().status).toEqual(connected);
    expect(store.getState().loadError?.code).toBe('HOST_UNREACHABLE');
    fail = false;
    await store.getState().refresh();
    expect(store.getState().loadError).toBeNull();
  });
});
