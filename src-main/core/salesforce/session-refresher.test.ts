import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { memorySecretStore } from '../../../test/support/test-core';
import { SessionRefresher } from './session-refresher';
import { SessionVault, type StoredSession } from './session-vault';

const stored: StoredSession = {
  orgKind: 'production',
  loginUrl: 'https://login.salesforce.com',
  clientId: 'client',
  instanceUrl: 'https://acme.my.salesforce.com',
  identityUrl: 'https://login.salesforce.com/id/00D/005',
  accessToken: 'old-access',
  refreshToken: 'refresh-1',
  scope: 'api refresh_token',
  issuedAt: '1700000000000',
  lastRefreshedAt: null,
};

function tokenResponse(extra: Record<string, string> = {}) {
  return new Response(
    JSON.stringify({
      access_token: 'new-access',
      instance_url: 'https://acme.my.salesforce.com',
      id: 'https://login.salesforce.com/id/00D/005',
      issued_at: '1700000100000',
      token_type: 'Bearer',
      ...extra,
    }),
    { status: 200, headers: { 'Content-Type': 'application/json' } },
  );
}

let vault: SessionVault;
let refresher: SessionRefresher;
let lost: string[];
const fetchMock = vi.fn<typeof fetch>();

beforeEach(async () => {
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockReset();
  vault = new SessionVault(memorySecretStore());
  await vault.save(stored);
  refresher = new SessionRefresher(vault, new FakeClock());
  lost = [];
  refresher.onGrantLost((reason) => lost.push(reason));
});
afterEach(() => vi.unstubAllGlobals());

describe('SessionRefresher', () => {
  it('makes one refresh call for many concurrent callers', async () => {
    fetchMock.mockImplementation(async () => tokenResponse());
    const results = await Promise.all([
      refresher.refresh(),
      refresher.refresh(),
      refresher.refresh(),
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(results.map((session) => session.accessToken)).toEqual([
      'new-access',
      'new-access',
      'new-access',
    ]);
    const body = new URLSearchParams(String(fetchMock.mock.calls[0]![1]!.body));
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'client',
    });
  });

  it('seals a rotated refresh token before handing out the new access token', async () => {
    fetchMock.mockImplementation(async () => tokenResponse({ refresh_token: 'refresh-2' }));
    const next = await refresher.refresh();
    expect(next.refreshToken).toBe('refresh-2');
    expect((await vault.load())?.refreshToken).toBe('refresh-2');
    expect((await vault.load())?.accessToken).toBe('new-access');
  });

  it('keeps the refresh token when the org does not rotate', async () => {
    fetchMock.mockImplementation(async () => tokenResponse());
    await refresher.refresh();
    expect((await vault.load())?.refreshToken).toBe('refresh-1');
  });

  it('stops for good on invalid_grant: no retry storm, one announcement', async () => {
    fetchMock.mockImplementation(
      async () =>
        new Response(
          JSON.stringify({
            error: 'invalid_grant',
            error_description: 'expired access/refresh token',
          }),
          {
            status: 400,
          },
        ),
    );
    await expect(refresher.refresh()).rejects.toMatchObject({ code: 'RECONNECT_NEEDED' });
    await expect(refresher.refresh()).rejects.toMatchObject({ code: 'RECONNECT_NEEDED' });
    await expect(refresher.refresh()).rejects.toMatchObject({ code: 'RECONNECT_NEEDED' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(lost).toHaveLength(1);
    refresher.revive();
    expect(refresher.isDead()).toBe(false);
  });

  it('gives up when freshly issued tokens keep failing', async () => {
    fetchMock.mockImplementation(async () => tokenResponse());
    for (let i = 0; i < 3; i += 1) await refresher.refresh();
    await expect(refresher.refresh()).rejects.toMatchObject({ code: 'RECONNECT_NEEDED' });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('says the network is the problem, and tries again next time', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(refresher.refresh()).rejects.toMatchObject({ code: 'SALESFORCE_UNREACHABLE' });
    fetchMock.mockImplementation(async () => tokenResponse());
    await expect(refresher.refresh()).resolves.toMatchObject({ accessToken: 'new-access' });
    expect(refresher.isDead()).toBe(false);
  });
});
