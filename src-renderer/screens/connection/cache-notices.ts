import type { CachedOrg, CacheReplaced } from '../../../src-preload/contract';
import { plural } from '../../format/plural';

/** "the org at acme.my.salesforce.com (org ID 00D…)": the host is what people recognise. */
function orgName(org: CachedOrg): string {
  const host = URL.canParse(org.instanceUrl) ? new URL(org.instanceUrl).host : org.instanceUrl;
  return `the org at ${host} (org ID ${org.organizationId})`;
}

/** Said before a sign-in: the cache holds one org's Leads, and another org's sign-in replaces them. */
export function cachedOrgWarning(cachedOrg: CachedOrg, cachedLeads: number | null): string {
  const leads = cachedLeads === null ? 'The Leads' : `The ${plural(cachedLeads, 'Lead')}`;
  return `${leads} cached on this computer come from ${orgName(cachedOrg)}. Signing in to that org keeps them; signing in to a different org deletes them and imports that org’s Leads instead.`;
}

/** Said after a sign-in that replaced another org's cached Leads. */
export function cacheReplacedNotice(replaced: CacheReplaced): string {
  const from = replaced.previous ? orgName(replaced.previous) : 'an earlier connection';
  return `This is a different org, so Leadbridge deleted the ${plural(replaced.leadsDeleted, 'Lead')} cached from ${from} and is importing this org’s Leads.`;
}
