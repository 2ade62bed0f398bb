/**
 * Links the app may hand to the system browser: Salesforce's own sites over https. Anything
 * else (other hosts, http, javascript:, file:, credentials in the URL) stays closed, so a
 * crafted record value can never make the app open an arbitrary location.
 */
const exactHosts = new Set([
  'login.salesforce.com',
  'test.salesforce.com',
  'help.salesforce.com',
  'developer.salesforce.com',
]);
// `*.my.salesforce.com` (My Domain logins) is covered by `.salesforce.com`.
const hostSuffixes = ['.salesforce.com', '.force.com'];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  const host = parsed.hostname.toLowerCase();
  if (exactHosts.has(host)) return true;
  return hostSuffixes.some((suffix) => host.endsWith(suffix));
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Pages outside the allow-list the app itself started and may open: the demo org's (loopback). */
export type AlsoAllowed = (url: string) => Promise<boolean>;

/**
 * Opens `url` in the system browser when allowed; returns whether it did. Never rejects:
 * callers are event handlers that have nothing better to do with a missing browser.
 */
export async function openExternalSafely(
  shell: ExternalOpener,
  url: string,
  alsoAllowed: AlsoAllowed = async () => false,
): Promise<boolean> {
  if (!isAllowedExternalUrl(url) && !(await alsoAllowed(url))) return false;
  try {
    await shell.openExternal(url);
    return true;
  } catch {
    return false;
  }
}
