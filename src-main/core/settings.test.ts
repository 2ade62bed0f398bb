import { describe, expect, it } from 'vitest';
import type { SettingsStore } from './ports';
import { oauthScopeChoices, SettingsService } from './settings';

function memoryStore(initial: unknown): SettingsStore & { saved: unknown } {
  const store = {
    saved: initial,
    load: () => store.saved,
    save: (value: Record<string, unknown>) => {
      store.saved = value;
    },
  };
  return store;
}

describe('SettingsService', () => {
  it('starts from defaults when nothing is stored', () => {
    expect(new SettingsService(memoryStore(undefined)).get()).toEqual({
      syncIntervalMinutes: 5,
      syncPaused: false,
      apiBudgetPercent: 90,
      bulkImportThreshold: 200_000,
      salesforceClientId: '',
      oauthScopes: 'api',
      allowInsecureSecretStorage: false,
      startAtLogin: false,
      hooksReceiver: { enabled: false, port: 8787, bindAddress: '127.0.0.1' },
      outboundEvents: { enabled: false, url: null },
      notificationsShown: { reconnectNeeded: false, writebackFailures: false },
    });
    expect(oauthScopeChoices.api).toEqual(['api', 'refresh_token']);
  });

  it('keeps the valid keys of a damaged file and defaults the rest', () => {
    const settings = new SettingsService(
      memoryStore({ syncIntervalMinutes: 500, syncPaused: true, unknown: 'x' }),
    );
    expect(settings.get()).toMatchObject({ syncIntervalMinutes: 5, syncPaused: true });
  });

  it('keeps the webhook receiver off on loopback unless a stored setting parses, and keeps one that does', () => {
    const damaged = new SettingsService(
      memoryStore({ hooksReceiver: { enabled: true, port: 99999, bindAddress: '0.0.0.0' } }),
    );
    expect(damaged.get().hooksReceiver).toEqual({
      enabled: false,
      port: 8787,
      bindAddress: '127.0.0.1',
    });
    const stored = { enabled: true, port: 9000, bindAddress: '0.0.0.0' };
    expect(new SettingsService(memoryStore({ hooksReceiver: stored })).get().hooksReceiver).toEqual(
      stored,
    );
  });

  it('saves updates and refuses invalid ones without changing anything', () => {
    const store = memoryStore({});
    const settings = new SettingsService(store);
    settings.update({ syncIntervalMinutes: 15 });
    expect(store.saved).toMatchObject({ syncIntervalMinutes: 15, syncPaused: false });
    expect(() => settings.update({ syncIntervalMinutes: 0 })).toThrow();
    expect(settings.get().syncIntervalMinutes).toBe(15);
  });
});
