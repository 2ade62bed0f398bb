import { expect, it } from 'vitest';
import { oauthCallbackUrl } from './oauth-callback-url';

it('names the deep link in the desktop app and the page’s own port in the headless host', () => {
  expect(oauthCallbackUrl('electron', '')).toBe('leadbridge://oauth/callback');
  expect(oauthCallbackUrl('headless', '4781')).toBe('http://localhost:4781/oauth/callback');
});
