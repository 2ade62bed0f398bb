import { describe, expect, it } from 'vitest';
import { loginUrlFor, validateMyDomain } from './login-host';

describe('login hosts', () => {
  it('knows production and sandbox', () => {
    expect(loginUrlFor('production')).toBe('https://login.salesforce.com');
    expect(loginUrlFor('sandbox')).toBe('https://test.salesforce.com');
  });

  it.each([
    ['acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['https://acme.my.salesforce.com/', 'https://acme.my.salesforce.com'],
    [
      '  https://Acme--UAT.sandbox.my.salesforce.com ',
      'https://acme--uat.sandbox.my.salesforce.com',
    ],
  ])('accepts the My Domain %s', (input, expected) => {
    expect(validateMyDomain(input)).toBe(expected);
  });

  it.each([
    'http://acme.my.salesforce.com',
    'https://acme.my.salesforce.com.evil.example',
    'https://evil.example/acme.my.salesforce.com',
    'https://user:pass@acme.my.salesforce.com',
    'https://acme.my.salesforce.com:8443',
    'https://acme.my.salesforce.com/services/oauth2',
    'https://someone.force.com',
    'javascript:alert(1)',
    'my.salesforce.com',
    '',
  ])('refuses %s with a clear message', (input) => {
    expect(() => validateMyDomain(input)).toThrowError(
      expect.objectContaining({ code: 'INVALID_MY_DOMAIN' }),
    );
  });
});
