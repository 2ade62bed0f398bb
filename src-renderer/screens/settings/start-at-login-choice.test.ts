import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../src-preload/contract';
import { savedSettings as saved } from '../../test-support/saved-settings';
import { offersStartAtLogin } from './start-at-login-choice';

const info = (hostKind: AppInfo['hostKind']): AppInfo => ({
  name: 'Leadbridge',
  version: '1.0.0',
  dataDirectory: '/data',
  hostKind,
  platform: 'linux',
  logsDirectory: hostKind === 'electron' ? '/logs' : null,
  oauthCallbackUrl: 'leadbridge://oauth/callback',
});

describe('the start at login choice', () => {
  it('is offered in the desktop app on every platform', () => {
    expect(offersStartAtLogin(info('electron'), saved)).toBe(true);
  });

  it('is not offered by the headless host, whose service manager starts it, unless it is on', () => {
    expect(offersStartAtLogin(info('headless'), saved)).toBe(false);
    expect(offersStartAtLogin(null, saved)).toBe(false);
    expect(offersStartAtLogin(info('headless'), { ...saved, startAtLogin: true })).toBe(true);
  });
});
