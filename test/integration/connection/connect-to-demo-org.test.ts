import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExternalDemoOrg } from '../../../src-main/demo-org-launchers';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { FileSecretStore } from '../../../src-main/headless/file-secret-store';
import { answerConsent } from '../../support/demo-consent';
import { makeTempDirectory } from '../../support/temp-directory';
import { createRecordingLogger } from '../../support/silent-logger';
import { createTestCore, memorySecretStore } from '../../support/test-core';

let org: DemoOrgHandle;
let core: Awaited<ReturnType<typeof createTestCore>>;
let secrets: ReturnType<typeof memorySecretStore>;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 10 });
  secrets = memorySecretStore();
  core = await createTestCore({
    secretStore: secrets,
    demoOrg: new ExternalDemoOrg(org.url),
  });
});
afterEach(async () => {
  core.dispose();
  await org.close();
});

async function connect(): Promise<void> {
  const { authorizeUrl, openIn } = await core.handlers['connection:connect']({ org: 'demo' });
  expect(openIn).toBe('new-tab');
  await core.connection.handleCallback(await answerConsent(authorizeUrl, 'allow'));
}

const tokenCalls = () => org.requests().filter((r) => r.path.includes('/oauth2/token')).length;
const kinds = () => core.log.list({ limit: 100 }).entries.map((entry) => entry.kind);

describe('connecting to the demo org', () => {
  it('signs in with PKCE and shows who is connected and the API usage', async () => {
    await connect();
    const status = core.connection.status();
    expect(status.state).toBe('connected');
    expect(status.org).toMatchObject({
      kind: 'demo',
      displayName: 'Dana Demo',
      email: expect.stringContaining('@'),
      apiVersion: '62.0',
      instanceUrl: org.url,
    });
    expect(core.sync.status().apiUsage).toMatchObject({ max: 100_000 });
    expect(core.sync.status().apiUsage!.used).toBeGreaterThan(0);
    expect(status.lastSuccessfulCallAt).not.toBeNull();
    expect(status.token).toMatchObject({ canRefresh: true, scope: expect.stringContaining('api') });
    // Nothing is imported yet: the import is due at once, so not "up to date".
    expect(core.sync.status()).toMatchObject({ state: 'syncing', nextSyncAt: expect.any(String) });
    expect(kinds()).toContain('connection.connected');
  });

  it('refreshes an expired session transparently, once for many concurrent calls', async () => {
    await connect();
    org.expireSessions();
    const before = tokenCalls();
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => core.handlers['connection:status']({})),
    );
    expect(statuses.every((status) => status.state === 'connected')).toBe(true);
    expect(tokenCalls() - before).toBe(1);
    expect(core.connection.status().token?.lastRefreshedAt).not.toBeNull();
  });

  it('persists a rotated refresh token before using the new access token', async () => {
    org.settings.rotateRefreshTokens = true;
    await connect();
    const sealed = () =>
      JSON.parse(secrets.values.get('salesforce.session')!) as { refreshToken: string };
    const first = sealed().refreshToken;
    org.expireSessions();
    await core.handlers['connection:status']({});
    const second = sealed().refreshToken;
    expect(second).not.toBe(first);
    org.expireSessions();
    await core.handlers['connection:status']({});
    expect(core.connection.status().state).toBe('connected');
  });

  it('says "Reconnect needed" when the grant is revoked, and stops asking', async () => {
    await connect();
    const session = JSON.parse(secrets.values.get('salesforce.session')!) as {
      refreshToken: string;
    };
    await fetch(`${org.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: session.refreshToken }).toString(),
    });
    org.expireSessions();
    const before = tokenCalls();
    const status = await core.handlers['connection:status']({});
    expect(core.connection.status().state).toBe('reconnect-needed');
    expect(status.state).toBe('reconnect-needed');
    expect(core.sync.status().state).toBe('error');
    for (let i = 0; i < 5; i += 1) await core.handlers['connection:status']({});
    expect(tokenCalls() - before).toBe(1);
    expect(kinds()).toContain('connection.reconnect-needed');
  });

  it('asks for a client id before signing in to a real org, but not for the demo org', async () => {
    core.dispose();
    core = await createTestCore({
      secretStore: secrets,
      defaultClientId: '',
      demoOrg: new ExternalDemoOrg(org.url),
    });
    await expect(core.handlers['connection:connect']({ org: 'production' })).rejects.toMatchObject({
      code: 'CLIENT_ID_MISSING',
      // Settings shows the admin's steps; neither host serves the README.
      message: expect.stringContaining('Settings, which shows the steps'),
    });
    await connect();
    expect(core.connection.status().state).toBe('connected');
  });

  it('shows a new sign-in as connecting even while a reconnect is needed', async () => {
    await connect();
    core.connection.markGrantLost('test');
    expect(core.connection.status().state).toBe('reconnect-needed');
    const { authorizeUrl } = await core.handlers['connection:connect']({ org: 'demo' });
    expect(core.connection.status().state).toBe('connecting');
    await core.connection
      .handleCallback(await answerConsent(authorizeUrl, 'deny'))
      .catch(() => undefined);
    expect(core.connection.status()).toMatchObject({
      state: 'reconnect-needed',
      problem: expect.stringMatching(/Deny/),
    });
  });

  it('disconnects: revokes the token in the org and wipes it locally', async () => {
    await connect();
    const session = JSON.parse(secrets.values.get('salesforce.session')!) as {
      accessToken: string;
    };
    const status = await core.handlers['connection:disconnect']({ deleteCache: false });
    expect(status.state).toBe('disconnected');
    expect(secrets.values.size).toBe(0);
    const probe = await fetch(`${org.url}/services/oauth2/userinfo`, {
      headers: { Authorization: `Bearer ${session.accessToken}` },
    });
    // The identity service refuses a dead token as a real org does: 403 Bad_OAuth_Token.
    expect(probe.status).toBe(403);
    expect(await probe.text()).toBe('Bad_OAuth_Token');
    expect(kinds()).toContain('connection.disconnected');
  });

  it.each([
    [true, 0],
    [false, 10],
  ])(
    'disconnect with "Delete cached leads" %s leaves %i leads cached',
    async (deleteCache, left) => {
      await connect();
      core.sync.requestSync();
      await core.sync.idle();
      expect(core.leads.search('', 50, 0).total).toBe(10);
      const [lead] = core.leads.search('', 1, 0).leads;

      await core.handlers['connection:disconnect']({ deleteCache });
      expect(core.leads.search('', 50, 0).total).toBe(left);
      expect(core.leads.timeline(lead!.id) !== undefined).toBe(!deleteCache);
      expect((await core.handlers['sync:status']({})).cachedLeads).toBe(left);
      expect(
        core.log.list({ limit: 100, kinds: ['connection.disconnected'] }).entries[0]?.details,
      ).toMatchObject({ cacheDeleted: deleteCache });
    },
  );

  it('keeps a long-lived connection through many refreshes: each successful call resets the count', async () => {
    await connect();
    const before = tokenCalls();
    for (let refresh = 1; refresh <= 6; refresh += 1) {
      org.expireSessions();
      const status = await core.handlers['connection:status']({});
      expect(status.state, `after refresh ${refresh}`).toBe('connected');
    }
    expect(tokenCalls() - before).toBe(6);
    expect(kinds()).not.toContain('connection.reconnect-needed');
  });

  it('refuses Deny, a replayed callback and a callback without a started flow, storing nothing', async () => {
    const denied = await core.handlers['connection:connect']({ org: 'demo' });
    await expect(
      core.connection.handleCallback(await answerConsent(denied.authorizeUrl, 'deny')),
    ).rejects.toMatchObject({ code: 'OAUTH_DENIED' });
    expect(core.connection.status()).toMatchObject({
      state: 'disconnected',
      problem: expect.stringMatching(/Deny/),
    });

    const { authorizeUrl } = await core.handlers['connection:connect']({ org: 'demo' });
    const callback = await answerConsent(authorizeUrl, 'allow');
    await core.connection.handleCallback(callback);
    await core.handlers['connection:disconnect']({ deleteCache: false });
    await expect(core.connection.handleCallback(callback)).rejects.toMatchObject({
      code: 'OAUTH_UNKNOWN_STATE',
    });
    expect(core.connection.status().state).toBe('disconnected');
    expect(secrets.values.size).toBe(0);
  });

  it('never connects, and never crashes, on arbitrary callback URLs', async () => {
    const { authorizeUrl } = await core.handlers['connection:connect']({ org: 'demo' });
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const redirect = 'http://localhost:4780/oauth/callback';
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.webUrl({ withQueryParameters: true }),
          fc.string().map((query) => `${redirect}?${query}`),
          fc.string().map((code) => `${redirect}?code=${encodeURIComponent(code)}&state=forged`),
        ),
        async (raw) => {
          await core.connection.handleCallback(raw).catch((error: { code?: string }) => {
            expect(typeof error.code).toBe('string');
          });
          expect(core.connection.status().state).not.toBe('connected');
        },
      ),
      { numRuns: 200 },
    );
    expect(state).toBeTruthy();
    expect(secrets.values.size).toBe(0);
  });

  it('keeps every token it held out of the diagnostics, the log, the events and every file, from connect to disconnect', async () => {
    // This time with the headless host's real sealed secrets file in the data directory, and
    // rotating refresh tokens, so that several access and refresh tokens pass through.
    org.settings.rotateRefreshTokens = true;
    const temp = makeTempDirectory('lb-token-scan');
    const dataDirectory = path.join(temp.path, 'data');
    fs.mkdirSync(dataDirectory);
    const fileSecrets = new FileSecretStore(
      path.join(dataDirectory, 'secrets.json'),
      path.join(temp.path, 'config', 'secrets.key'),
    );
    const diagnostics = createRecordingLogger();
    core.dispose();
    core = await createTestCore({
      dataDirectory,
      secretStore: fileSecrets,
      logger: diagnostics,
      demoOrg: new ExternalDemoOrg(org.url),
    });
    const events: unknown[] = [];
    core.events.subscribe((message) => events.push(message));
    const tokens = new Set<string>();
    const collectTokens = async () => {
      const sealed = await fileSecrets.get('salesforce.session');
      const session = JSON.parse(sealed!) as { accessToken: string; refreshToken: string };
      tokens.add(session.accessToken).add(session.refreshToken);
    };

    await connect();
    await collectTokens();
    core.sync.requestSync();
    await core.sync.idle();
    for (let refresh = 0; refresh < 2; refresh += 1) {
      org.expireSessions();
      await core.handlers['connection:status']({});
      await collectTokens();
    }
    const filesWhileConnected = fs.readdirSync(dataDirectory);
    expect(filesWhileConnected).toContain('secrets.json');
    const fileBytes = filesWhileConnected.map((file) =>
      fs.readFileSync(path.join(dataDirectory, file)),
    );
    await core.handlers['connection:disconnect']({ deleteCache: true });
    expect(kinds()).toContain('connection.disconnected');

    expect(tokens.size).toBe(6);
    const logText = JSON.stringify(core.log.list({ limit: 1000 }));
    const diagnosticsText = JSON.stringify(diagnostics.lines);
    const eventsText = JSON.stringify(events);
    for (const file of fs.readdirSync(dataDirectory))
      fileBytes.push(fs.readFileSync(path.join(dataDirectory, file)));
    for (const token of tokens) {
      expect(token.length).toBeGreaterThan(20);
      expect(logText, 'a token in the activity log').not.toContain(token);
      expect(diagnosticsText, 'a token in the stderr diagnostics').not.toContain(token);
      expect(eventsText, 'a token sent to the renderer').not.toContain(token);
      for (const bytes of fileBytes) expect(bytes.includes(Buffer.from(token))).toBe(false);
    }
    temp.remove();
  });
});
