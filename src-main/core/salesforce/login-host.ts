import { AppError } from '../errors';

export type OrgKind = 'production' | 'sandbox' | 'my-domain';

const PRODUCTION = 'https://login.salesforce.com';
const SANDBOX = 'https://test.salesforce.com';

/**
 * My Domain login hosts (production, sandbox, developer and scratch orgs all live under
 * these). Broader Salesforce domains such as *.force.com also serve customers' public
 * sites, which an attacker could own, so they are not accepted.
 */
const MY_DOMAIN_SUFFIXES = ['.my.salesforce.com', '.my.salesforce.mil'];

/**
 * The login URL for an org choice. A My Domain entry must be https on a Salesforce host,
 * with no path, port or credentials: the user's authorization code is sent there.
 */
export function loginUrlFor(kind: OrgKind, myDomain?: string): string {
  if (kind === 'production') return PRODUCTION;
  if (kind === 'sandbox') return SANDBOX;
  return validateMyDomain(myDomain ?? '');
}

export function validateMyDomain(input: string): string {
  const trimmed = input.trim();
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw invalid(`"${trimmed.slice(0, 80)}" is not a web address.`);
  }
  if (url.protocol !== 'https:') {
    throw invalid('A My Domain address must start with https://.');
  }
  if (url.username || url.password || url.port) {
    throw invalid('A My Domain address has no user name, password or port.');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalid('Enter only the domain, for example https://acme.my.salesforce.com.');
  }
  const host = url.hostname.toLowerCase();
  if (!MY_DOMAIN_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    throw invalid(
      `${host} is not a Salesforce domain. Use your org's My Domain, such as https://acme.my.salesforce.com.`,
    );
  }
  return `https://${host}`;
}

function invalid(sentence: string): AppError {
  return new AppError('INVALID_MY_DOMAIN', sentence);
}
