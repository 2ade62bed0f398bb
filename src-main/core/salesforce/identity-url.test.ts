import { describe, expect, it } from 'vitest';
import { readSalesforceFixture } from '../../../test/support/salesforce-fixtures';
import { orgIdOfIdentityUrl } from './identity-url';

describe('the org in an identity URL', () => {
  it('is read from a real token response', () => {
    const tokenResponse = readSalesforceFixture('token-response.json') as { id: string };
    expect(orgIdOfIdentityUrl(tokenResponse.id)).toBe('00Do0000000KLYPEA4');
  });

  it('is absent from anything that is not an identity URL', () => {
    for (const url of [
      '',
      'not a url',
      'https://login.salesforce.com/id/',
      'https://x/id/005o0000000iDI1AAM/00Do0000000KLYPEA4',
    ])
      expect(orgIdOfIdentityUrl(url)).toBeUndefined();
  });
});
