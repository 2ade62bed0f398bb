import type { HostKind } from '../../../src-preload/contract';

/**
 * The callback URL this host signs in with, for the External Client App's settings: the
 * desktop app's deep link, or the headless host's own port on localhost (the address
 * Salesforce sends the browser back to).
 */
export function oauthCallbackUrl(hostKind: HostKind, pagePort: string): string {
  return hostKind === 'electron'
    ? 'leadbridge://oauth/callback'
    : `http://localhost:${pagePort}/oauth/callback`;
}
