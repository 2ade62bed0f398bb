// The "Allow access?" page Salesforce shows during the web-server OAuth flow. Plain HTML with an
// external stylesheet, so it runs under a strict Content-Security-Policy.
import { escapeHtml } from './http-util';

export interface ConsentView {
  consentId: string;
  userName: string;
  username: string;
  clientId: string;
  scopes: string[];
}

const SCOPE_TEXT: Record<string, string> = {
  api: 'Access and manage your data (api)',
  refresh_token: 'Perform requests at any time (refresh_token, offline_access)',
  offline_access: 'Perform requests at any time (refresh_token, offline_access)',
  id: 'Access your basic information (id, profile, email, address, phone)',
  web: 'Provide access to your data via the Web (web)',
  full: 'Full access (full)',
  openid: 'Access unique user identifiers (openid)',
};

export function renderConsentPage(view: ConsentView): string {
  const scopes = [...new Set(view.scopes.map((s) => SCOPE_TEXT[s] ?? s))];
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n          ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Allow Access? | Salesforce (Leadbridge demo org)</title>
    <link rel="stylesheet" href="/demo-org-assets/styles.css">
  </head>
  <body class="consent">
    <main class="card consent-card">
      <div class="brand">Leadbridge demo org</div>
      <h1>Allow Access?</h1>
      <p class="who">Logged in as <strong>${escapeHtml(view.userName)}</strong> (${escapeHtml(view.username)})</p>
      <p><strong>${escapeHtml(view.clientId)}</strong> is asking to:</p>
      <ul class="scopes">
          ${items}
      </ul>
      <p class="hint">Do you want to allow access for ${escapeHtml(view.username)}?</p>
      <form method="post" action="/services/oauth2/authorize" class="actions">
        <input type="hidden" name="consent_id" value="${escapeHtml(view.consentId)}">
        <button type="submit" name="decision" value="deny" class="button">Deny</button>
        <button type="submit" name="decision" value="allow" class="button brand-button">Allow</button>
      </form>
    </main>
  </body>
</html>
`;
}

export function renderOAuthErrorPage(error: string, description: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Error | Salesforce (Leadbridge demo org)</title>
    <link rel="stylesheet" href="/demo-org-assets/styles.css">
  </head>
  <body class="consent">
    <main class="card consent-card">
      <h1>OAuth Error</h1>
      <p>We can't authorize you because of an OAuth error.</p>
      <p><strong>error=${escapeHtml(error)}</strong></p>
      <p>error_description=${escapeHtml(description)}</p>
    </main>
  </body>
</html>
`;
}
