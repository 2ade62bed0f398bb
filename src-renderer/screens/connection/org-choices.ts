import type { ConnectionStatus, OrgKind } from '../../../src-preload/contract';

/** The orgs a person signs in to; the demo org has its own button. */
export type OrgChoice = Exclude<OrgKind, 'demo'>;

export const orgChoices: { value: OrgChoice; label: string; loginHost: string | null }[] = [
  { value: 'production', label: 'Production', loginHost: 'login.salesforce.com' },
  { value: 'sandbox', label: 'Sandbox', loginHost: 'test.salesforce.com' },
  { value: 'my-domain', label: 'My Domain', loginHost: null },
];

export function isOrgChoice(value: string): value is OrgChoice {
  return orgChoices.some((choice) => choice.value === value);
}

/** Connect again starts from the org that was connected, so one click usually does it. */
export function previousChoice(org: ConnectionStatus['org']): {
  org: OrgChoice;
  myDomain: string;
} {
  if (!org || org.kind === 'demo') return { org: 'production', myDomain: '' };
  return { org: org.kind, myDomain: org.kind === 'my-domain' ? org.loginUrl : '' };
}
