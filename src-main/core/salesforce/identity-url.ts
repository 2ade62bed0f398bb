/**
 * The org id in a token response's identity URL (`https://login.salesforce.com/id/<org>/<user>`),
 * so the org is known from the sign-in itself, before any call is made with the new token.
 */
export function orgIdOfIdentityUrl(identityUrl: string): string | undefined {
  if (!URL.canParse(identityUrl)) return undefined;
  const match = /\/id\/(00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\/005[a-zA-Z0-9]{12}/.exec(
    new URL(identityUrl).pathname,
  );
  return match?.[1];
}
