import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../src-preload/contract';
import { offersInsecureSecretStorage } from './secret-storage-choice';
import { savedSettings as saved } from '../../test-support/saved-settings';

const info = (hostKind: AppInfo['hostKind'], platform: string): AppInfo => ({
  name: 'Leadbridge',
  version: '1.0.0',
  dataDirectory: '/data',
  hostKind,
  platform,
  logsDirectory: null,
  oauthCallbackUrl: 'leadbridge://oauth/callback',
});

describe('the insecure sign-in storage choice', () => {
  it('is offered in the Linux desktop app, where a keyring may be missing', () => {
    expect(offersInsecureSecretStorage(info('electron', 'linux'), saved)).toBe(true);
  });

  it('is not offered where it means nothing, unless it is on', () => {
    expect(offersInsecureSecretStorage(info('electron', 'darwin'), saved)).toBe(false);
    expect(offersInsecureSecretStorage(info('headless', 'linux'), saved)).toBe(false);
    expect(offersInsecureSecretStorage(null, saved)).toBe(false);
    const on = { ...saved, allowInsecureSecretStorage: true };
    expect(offersInsecureSecretStorage(info('electron', 'darwin'), on)).toBe(true);
  });
});
