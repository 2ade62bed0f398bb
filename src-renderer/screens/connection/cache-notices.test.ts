import { describe, expect, it } from 'vitest';
import { cachedOrgWarning, cacheReplacedNotice } from './cache-notices';

const acme = {
  organizationId: '00D5f000000AbCdEAK',
  instanceUrl: 'https://acme.my.salesforce.com',
};

describe('cache notices', () => {
  it('warn before a sign-in whose org the cached Leads belong to', () => {
    expect(cachedOrgWarning(acme, 1234)).toBe(
      'The 1,234 Leads cached on this computer come from the org at acme.my.salesforce.com (org ID 00D5f000000AbCdEAK). Signing in to that org keeps them; signing in to a different org deletes them and imports that org’s Leads instead.',
    );
    expect(cachedOrgWarning(acme, null)).toMatch(/^The Leads cached on this computer/);
  });

  it('say after a sign-in which org’s Leads were deleted', () => {
    expect(cacheReplacedNotice({ previous: acme, leadsDeleted: 1 })).toBe(
      'This is a different org, so Leadbridge deleted the 1 Lead cached from the org at acme.my.salesforce.com (org ID 00D5f000000AbCdEAK) and is importing this org’s Leads.',
    );
    expect(cacheReplacedNotice({ previous: null, leadsDeleted: 0 })).toMatch(
      /cached from an earlier connection/,
    );
  });
});
