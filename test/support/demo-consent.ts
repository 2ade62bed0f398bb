/**
 * Plays the user in the demo org's consent page: opens the authorize URL and presses Allow
 * or Deny, returning where the org sends the browser back (the redirect's Location).
 */
export async function answerConsent(
  authorizeUrl: string,
  decision: 'allow' | 'deny',
): Promise<string> {
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`consent page answered ${page.status}`);
  const html = await page.text();
  const consentId = /name="consent_id" value="([^"]+)"/.exec(html)?.[1];
  if (!consentId) throw new Error('no consent form on the page');
  const answer = await fetch(new URL('/services/oauth2/authorize', authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent_id: consentId, decision }).toString(),
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`consent answered ${answer.status}`);
  return location;
}
