import { afterEach, describe, expect, it } from 'vitest';
import { memorySecretStore, memorySettingsStore } from '../../test/support/test-core';
import { createRecordingLogger } from '../../test/support/silent-logger';
import { makeTempDirectory } from '../../test/support/temp-directory';
import { composeLeadbridgeCore, type LeadbridgeCore } from './leadbridge-core';
import { systemClock, type SecretStore } from './ports';

/** A keychain that answers only when the user has unlocked it (the test says when). */
function keychainAwaitingTheUser(): SecretStore & { unlock(): void; asked: string[] } {
  const store = memorySecretStore();
  store.values.set(
    'salesforce.session',
    JSON.stringify({
      orgKind: 'production',
      loginUrl: 'https://login.salesforce.com',
      clientId: 'test-client-id',
      instanceUrl: 'https://example.my.salesforce.com',
      identityUrl: 'https://login.salesforce.com/id/00D000000000001EAA/005000000000001AAA',
      accessToken: 'access',
      refreshToken: 'refresh',
      scope: 'api refresh_token',
      issuedAt: '2026-01-01T00:00:00.000Z',
      lastRefreshedAt: null,
    }),
  );
  let unlock!: () => void;
  const unlocked = new Promise<void>((resolve) => (unlock = resolve));
  const asked: string[] = [];
  return {
    asked,
    unlock,
    get: async (name) => {
      asked.push(name);
      await unlocked;
      return store.get(name);
    },
    set: store.set,
    delete: store.delete,
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function compose(secretStore: SecretStore): LeadbridgeCore {
  const temp = makeTempDirectory('lb-restore');
  const core = composeLeadbridgeCore({
    dataDirectory: temp.path,
    hostKind: 'electron',
    appVersion: '9.9.9',
    settingsStore: memorySettingsStore(),
    secretStore,
    clock: systemClock,
    logger: createRecordingLogger(),
    defaultClientId: 'test-client-id',
    oauthRedirectUri: () => 'leadbridge://oauth/callback',
  });
  cleanups.push(() => {
    core.close();
    temp.remove();
  });
  return core;
}

describe('restoring the session after the UI is up', () => {
  it('composes the core without asking the keychain, so the window and tray can come first', async () => {
    const keychain = keychainAwaitingTheUser();
    const core = compose(keychain);
    expect(keychain.asked).toEqual([]);
    expect((await core.handlers['connection:status']({})).state).toBe('restoring');
    expect(core.sync.status().message).toContain('Reading the saved Salesforce sign-in');
    // The tray shows it as `Leadbridge — <message>`, which Windows cuts at 127 characters.
    expect(`Leadbridge — ${core.sync.status().message}`.length).toBeLessThanOrEqual(127);
  });

  it('says "restoring" while the keychain prompt waits, then connected once it answers', async () => {
    const keychain = keychainAwaitingTheUser();
    const core = compose(keychain);
    const states: string[] = [];
    core.events.subscribe((message) => {
      if (message.event === 'connection:changed') states.push(message.payload.state);
    });

    const restored = core.restoreSession();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(keychain.asked).toContain('salesforce.session');
    expect(core.connection.status().state).toBe('restoring');
    await expect(core.handlers['connection:connect']({ org: 'production' })).rejects.toMatchObject({
      code: 'CONNECTION_RESTORING',
    });

    keychain.unlock();
    await restored;
    expect(core.connection.status().state).toBe('connected');
    expect(states.at(-1)).toBe('connected');
  });
});
