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
      salesforceClientId: '',
      oauthScopes: 'api',
      allowInsecureSecretStorage: false,
    });
    expect(oauthScopeChoices.api).toEqual(['api', 'refresh_token']);
  });

  it('keeps the valid keys of a damaged file and defaults the rest', () => {
    const settings = new SettingsService(
      memoryStore({ syncIntervalMinutes: 500, syncPaused: true, unknown: 'x' }),
    );
    expect(settings.get()).toMatchObject({ syncIntervalMinutes: 5, syncPaused: true });
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
