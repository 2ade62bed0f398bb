import type { UserSettings } from '../../src-preload/contract';

/** Settings as a fresh install saves them: the renderer tests' starting point. */
export const savedSettings: UserSettings = {
  syncIntervalMinutes: 5,
  apiBudgetPercent: 90,
  bulkImportThreshold: 200_000,
  oauthScopes: 'api',
  salesforceClientId: '',
  allowInsecureSecretStorage: false,
  startAtLogin: false,
};
