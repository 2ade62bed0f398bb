import { orgProxy, type OrgProxy } from './org-proxy';

/**
 * Stands for an org without Change Data Capture on Lead: passes everything through to the
 * demo org but asks CometD for a channel that does not exist, so the refusal is the org's own.
 */
export function refusingLeadChannel(target: string): Promise<OrgProxy> {
  return orgProxy(target, (body) =>
    body.replaceAll('"/data/LeadChangeEvent"', '"/data/NoSuchChangeEvent"'),
  );
}
