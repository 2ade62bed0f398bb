/**
 * Reads an OAuth callback (`leadbridge://oauth/callback?…` from the OS, or the headless
 * host's `http://localhost:<port>/oauth/callback?…`) into what the flow needs. Arbitrary
 * input yields a rejection, never an exception: the OS hands us whatever a page opened.
 */
export type OAuthCallback =
  | { kind: 'code'; state: string; code: string }
  | { kind: 'denied'; state: string | null; error: string; description: string | null }
  | { kind: 'invalid'; reason: string };

const MAX_LENGTH = 8192;

export function parseOAuthCallback(raw: string, expectedRedirectUri: string): OAuthCallback {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) {
    return { kind: 'invalid', reason: 'The sign-in callback was too long or empty.' };
  }
  let url: URL;
  let expected: URL;
  try {
    url = new URL(raw);
    expected = new URL(expectedRedirectUri);
  } catch {
    return { kind: 'invalid', reason: 'The sign-in callback was not a valid address.' };
  }
  if (!sameEndpoint(url, expected)) {
    return { kind: 'invalid', reason: 'The sign-in callback came to an unexpected address.' };
  }
  const single = (name: string): string | null => {
    const values = url.searchParams.getAll(name);
    return values.length === 1 ? values[0]! : null;
  };
  const state = single('state');
  const error = single('error');
  if (error !== null) {
    return { kind: 'denied', state, error, description: single('error_description') };
  }
  const code = single('code');
  if (state === null || state === '') {
    return { kind: 'invalid', reason: 'The sign-in callback had no state.' };
  }
  if (code === null || code === '') {
    return { kind: 'invalid', reason: 'The sign-in callback had no authorization code.' };
  }
  return { kind: 'code', state, code };
}

/** Custom schemes parse with an empty host on some platforms; compare what we control. */
function sameEndpoint(url: URL, expected: URL): boolean {
  return (
    url.protocol === expected.protocol &&
    url.hostname === expected.hostname &&
    url.port === expected.port &&
    url.pathname.replace(/\/+$/, '') === expected.pathname.replace(/\/+$/, '')
  );
}
