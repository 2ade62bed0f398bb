import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl, openExternalSafely } from './external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://login.salesforce.com/',
    'https://test.salesforce.com/services/oauth2/authorize',
    'https://acme.my.salesforce.com/lightning/r/Lead/00Q000000000001/view',
    'https://acme--dev.sandbox.my.salesforce.com/',
    'https://acme.lightning.force.com/',
    'https://help.salesforce.com/s/articleView?id=sf.leads.htm',
    'https://developer.salesforce.com/docs',
    'https://LOGIN.SALESFORCE.COM/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['a look-alike host', 'https://login.salesforce.com.evil.com/'],
    ['a host that only ends in the name', 'https://evilsalesforce.com/'],
    ['plain http', 'http://login.salesforce.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>1</script>'],
    ['userinfo', 'https://evil@login.salesforce.com/'],
    ['userinfo before another host', 'https://login.salesforce.com@evil.com/'],
    ['userinfo with password', 'https://user:pass@acme.my.salesforce.com/'],
    ['an explicit port', 'https://login.salesforce.com:8443/'],
    ['the bare domain', 'https://salesforce.com/'],
    ['an unrelated host', 'https://example.com/'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('openExternalSafely', () => {
  it('opens allowed URLs and nothing else', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(await openExternalSafely(shell, 'https://help.salesforce.com/')).toBe(true);
    expect(await openExternalSafely(shell, 'https://evil.com/')).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://help.salesforce.com/');
  });

  it('opens a page off the allow-list only when the app vouches for it (its demo org)', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const demoOrg = async (url: string) => url.startsWith('http://127.0.0.1:41234/');
    const consent = 'http://127.0.0.1:41234/services/oauth2/authorize';
    expect(await openExternalSafely(shell, consent, demoOrg)).toBe(true);
    expect(await openExternalSafely(shell, 'http://127.0.0.1:9/', demoOrg)).toBe(false);
    expect(await openExternalSafely(shell, consent)).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('reports failure instead of rejecting when no browser can open', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no handler'))) };
    expect(await openExternalSafely(shell, 'https://help.salesforce.com/')).toBe(false);
  });
});
