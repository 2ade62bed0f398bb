import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { renderMarkup, visibleText } from '../../test-support/render-markup';
import { SettingsForm } from './settings-form';
import { savedSettings as saved } from '../../test-support/saved-settings';

describe('Settings form', () => {
  it('says what each sign-in scope lets Leadbridge do before naming the scopes', () => {
    const stores = createAppStores(createFakeApiClient().client);
    const text = visibleText(renderMarkup(stores, () => createElement(SettingsForm, { saved })));
    expect(text).toContain(
      'Leads and other data through the API, staying signed in (recommended) api refresh_token',
    );
    expect(text).toContain(
      'Everything the user can do, as the original product asked full refresh_token',
    );
  });

  it('offers start at login in the desktop app only', () => {
    const offered = (hostKind: 'electron' | 'headless') => {
      const stores = createAppStores(createFakeApiClient().client);
      stores.appInfo.setState({
        info: {
          name: 'Leadbridge',
          version: '1.0.0',
          dataDirectory: '/data',
          hostKind,
          platform: 'win32',
          logsDirectory: hostKind === 'electron' ? '/logs' : null,
          oauthCallbackUrl: 'leadbridge://oauth/callback',
        },
      });
      return visibleText(renderMarkup(stores, () => createElement(SettingsForm, { saved })));
    };
    expect(offered('electron')).toContain(
      'Start Leadbridge when I log in It starts hidden in the tray',
    );
    expect(offered('headless')).not.toContain('Start Leadbridge when I log in');
  });
});
