import { describe, expect, it } from 'vitest';
import { chooseOAuthRedirect } from './oauth-redirect';

describe('chooseOAuthRedirect', () => {
  it('returns to leadbridge:// from an installed app on every platform', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(chooseOAuthRedirect({ isPackaged: true, platform, env: {} })).toEqual({
        kind: 'scheme',
        uri: 'leadbridge://oauth/callback',
      });
    }
  });

  it('keeps the scheme in development on Windows, where the registry can name electron', () => {
    expect(chooseOAuthRedirect({ isPackaged: false, platform: 'win32', env: {} }).kind).toBe(
      'scheme',
    );
  });

  it('returns to a loopback address in development on macOS and Linux', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      expect(chooseOAuthRedirect({ isPackaged: false, platform, env: {} })).toEqual({
        kind: 'loopback',
        uri: 'http://localhost:7717/oauth/callback',
        port: 7717,
      });
    }
  });

  it('takes the loopback port from LEADBRIDGE_OAUTH_PORT', () => {
    const redirect = chooseOAuthRedirect({
      isPackaged: false,
      platform: 'linux',
      env: { LEADBRIDGE_OAUTH_PORT: '4790' },
    });
    expect(redirect.uri).toBe('http://localhost:4790/oauth/callback');
  });

  it('refuses a port that is not one, saying what to do', () => {
    for (const value of ['80', 'abc', '70000', '4790.5']) {
      expect(() =>
        chooseOAuthRedirect({
          isPackaged: false,
          platform: 'darwin',
          env: { LEADBRIDGE_OAUTH_PORT: value },
        }),
      ).toThrow(expect.objectContaining({ code: 'BAD_OAUTH_PORT' }));
    }
  });
});
