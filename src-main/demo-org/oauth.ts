// Salesforce's OAuth 2.0 endpoints: web-server flow with PKCE (authorize + consent, token),
// refresh, revoke, userinfo and the identity URL.
import { createHmac, randomBytes } from 'node:crypto';
import { LATEST_VERSION } from './api-context';
import type { Exchange } from './http-util';
import { readForm, redirect, send, sendJson } from './http-util';
import type { OrgState } from './org-state';
import type { AccessToken, SessionStore } from './sessions';
import { renderConsentPage, renderOAuthErrorPage } from './consent-page';
import { invalidSession, notFound } from './sf-errors';
import { formatDateTime } from './sf-datetime';

interface PendingConsent {
  clientId: string;
  redirectUri: string;
  state: string | null;
  scope: string;
  codeChallenge: string | null;
  codeChallengeMethod: string;
  expiresAtMs: number;
}

const DEFAULT_SCOPE = 'api refresh_token id web';
const SIGNING_KEY = randomBytes(32);

export class OAuthEndpoints {
  private readonly pending = new Map<string, PendingConsent>();

  constructor(
    private readonly state: OrgState,
    private readonly sessions: SessionStore,
    private readonly baseUrl: () => string,
  ) {}

  /** Handles /services/oauth2/*; returns false when the path is not an OAuth endpoint. */
  async handle(ex: Exchange): Promise<boolean> {
    const action = ex.path.replace(/^\/services\/oauth2\//, '').replace(/\/$/, '');
    if (action === 'authorize' && ex.method === 'GET') this.authorize(ex);
    else if (action === 'authorize' && ex.method === 'POST') await this.decide(ex);
    else if (action === 'token' && ex.method === 'POST') await this.token(ex);
    else if (action === 'revoke' && (ex.method === 'POST' || ex.method === 'GET'))
      await this.revoke(ex);
    else if (action === 'userinfo' && (ex.method === 'GET' || ex.method === 'POST'))
      this.userinfo(ex);
    else return false;
    return true;
  }

  private authorize(ex: Exchange): void {
    const q = ex.url.searchParams;
    const clientId = q.get('client_id');
    const redirectUri = q.get('redirect_uri');
    const responseType = q.get('response_type');
    if (!clientId) return this.errorPage(ex, 'invalid_client_id', 'client identifier invalid');
    if (!redirectUri || !isAcceptableRedirect(redirectUri)) {
      return this.errorPage(ex, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    }
    const stateParam = q.get('state');
    if (responseType !== 'code') {
      return redirect(
        ex,
        withParams(redirectUri, {
          error: 'unsupported_response_type',
          error_description: 'response type not supported',
          state: stateParam,
        }),
      );
    }
    const method = q.get('code_challenge_method') ?? 'S256';
    const challenge = q.get('code_challenge');
    if (challenge !== null && method !== 'S256' && method !== 'plain') {
      return redirect(
        ex,
        withParams(redirectUri, {
          error: 'invalid_request',
          error_description: 'invalid code_challenge_method',
          state: stateParam,
        }),
      );
    }
    const consentId = randomBytes(24).toString('base64url');
    const scope = normaliseScope(q.get('scope'));
    this.pending.set(consentId, {
      clientId,
      redirectUri,
      state: stateParam,
      scope,
      codeChallenge: challenge,
      codeChallengeMethod: method,
      expiresAtMs: this.state.now() + 10 * 60_000,
    });
    const user = this.state.table('User').get(this.state.demoUserId);
    const html = renderConsentPage({
      consentId,
      userName: String(user?.Name ?? 'Demo User'),
      username: String(user?.Username ?? ''),
      clientId,
      scopes: scope.split(' '),
    });
    send(ex, 200, html, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${formTarget(redirectUri)}; frame-ancestors 'none'; base-uri 'none'`,
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'DENY',
    });
  }

  private async decide(ex: Exchange): Promise<void> {
    const form = await readForm(ex);
    const consentId = form.get('consent_id') ?? '';
    const pending = this.pending.get(consentId);
    this.pending.delete(consentId);
    if (!pending || pending.expiresAtMs <= this.state.now()) {
      return this.errorPage(
        ex,
        'invalid_request',
        'the authorization request expired; start the login again',
      );
    }
    if (form.get('decision') !== 'allow') {
      return redirect(
        ex,
        withParams(pending.redirectUri, {
          error: 'access_denied',
          error_description: 'end-user denied authorization',
          state: pending.state,
        }),
      );
    }
    const code = this.sessions.issueCode({
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      codeChallenge: pending.codeChallenge,
      codeChallengeMethod: pending.codeChallengeMethod,
      scope: pending.scope,
      userId: this.state.demoUserId,
    });
    redirect(ex, withParams(pending.redirectUri, { code: code.code, state: pending.state }));
  }

  private async token(ex: Exchange): Promise<void> {
    const form = await readForm(ex);
    const grant = form.get('grant_type');
    const fail = (error: string, description: string): void =>
      sendJson(ex, 400, { error, error_description: description });
    if (grant === 'authorization_code') {
      const result = this.sessions.redeemCode(
        form.get('code') ?? '',
        form.get('redirect_uri'),
        form.get('code_verifier'),
      );
      if (!result.ok) return fail('invalid_grant', result.description);
      const refresh = result.code.scope
        .split(' ')
        .some((s) => s === 'refresh_token' || s === 'offline_access')
        ? this.sessions.issueRefresh(result.code.userId, result.code.scope)
        : null;
      const access = this.sessions.issueAccess(
        result.code.userId,
        result.code.scope,
        refresh?.familyId ?? null,
      );
      return sendJson(ex, 200, this.tokenResponse(access, refresh?.token ?? null), {
        'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private',
      });
    }
    if (grant === 'refresh_token') {
      const outcome = this.sessions.useRefresh(form.get('refresh_token') ?? '');
      if (!outcome.ok) return fail('invalid_grant', outcome.description);
      return sendJson(ex, 200, this.tokenResponse(outcome.access, outcome.refresh?.token ?? null), {
        'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private',
      });
    }
    fail('unsupported_grant_type', 'grant type not supported');
  }

  /** A token response in Salesforce's field order and form (issued_at is a string of ms). */
  tokenResponse(access: AccessToken, refreshToken: string | null): Record<string, string> {
    const issuedAt = String(this.state.now());
    const id = this.identityUrl(access.userId);
    const body: Record<string, string> = {
      access_token: access.token,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      signature: createHmac('sha256', SIGNING_KEY)
        .update(id + issuedAt)
        .digest('base64'),
      scope: access.scope,
      instance_url: this.baseUrl(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
    return body;
  }

  private async revoke(ex: Exchange): Promise<void> {
    const token =
      ex.method === 'GET' ? ex.url.searchParams.get('token') : (await readForm(ex)).get('token');
    if (!token || !this.sessions.revoke(token)) {
      return sendJson(ex, 400, {
        error: 'unsupported_token_type',
        error_description: 'this token type is not supported',
      });
    }
    send(ex, 200, '', { 'Content-Type': 'text/plain' });
  }

  identityUrl(userId: string): string {
    return `${this.baseUrl()}/id/${this.state.orgId}/${userId}`;
  }

  private userinfo(ex: Exchange): void {
    const session = this.identityBearer(ex);
    if (!session) return;
    const user = this.state.table('User').get(session.userId);
    if (!user) return void badOAuthToken(ex);
    const base = this.baseUrl();
    const urls = this.urls();
    sendJson(ex, 200, {
      sub: this.identityUrl(session.userId),
      user_id: session.userId,
      organization_id: this.state.orgId,
      preferred_username: user.Username,
      nickname: String(user.Alias ?? ''),
      name: user.Name,
      email: user.Email,
      email_verified: true,
      given_name: user.FirstName,
      family_name: user.LastName,
      zoneinfo: user.TimeZoneSidKey,
      photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
      profile: `${base}/${session.userId}`,
      picture: `${base}/profilephoto/005/F`,
      address: {},
      is_salesforce_integration_user: false,
      urls,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      updated_at: String(user.LastModifiedDate ?? '').replace(/\.\d{3}\+0000$/, 'Z'),
    });
  }

  /** GET /id/<orgId>/<userId>: the identity service jsforce's identity() calls. */
  identity(ex: Exchange): void {
    // The identity URL, unlike the REST API, also takes the token as ?oauth_token= (jsforce's
    // identity() sends it so), and ?version= fills the {version} of its URLs.
    const session = this.identityBearer(ex, ex.url.searchParams.get('oauth_token'));
    if (!session) return;
    const [, , orgId, userId] = ex.path.split('/');
    const user = userId ? this.state.table('User').get(userId) : undefined;
    if (orgId !== this.state.orgId || !user || userId !== session.userId) throw notFound();
    sendJson(ex, 200, {
      id: this.identityUrl(session.userId),
      asserted_user: true,
      user_id: session.userId,
      organization_id: this.state.orgId,
      username: user.Username,
      nick_name: user.Alias,
      display_name: user.Name,
      email: user.Email,
      email_verified: true,
      first_name: user.FirstName,
      last_name: user.LastName,
      timezone: user.TimeZoneSidKey,
      photos: {
        picture: `${this.baseUrl()}/profilephoto/005/F`,
        thumbnail: `${this.baseUrl()}/profilephoto/005/T`,
      },
      addr_street: null,
      addr_city: null,
      addr_state: null,
      addr_country: null,
      addr_zip: null,
      mobile_phone: null,
      mobile_phone_verified: false,
      is_lightning_login_user: false,
      status: { created_date: null, body: null },
      urls: this.urls(ex.url.searchParams.get('version')),
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      last_modified_date: user.LastModifiedDate ?? formatDateTime(this.state.now()),
      is_app_installed: true,
    });
  }

  private urls(version: string | null = null): Record<string, string> {
    const base = this.baseUrl();
    const org = this.state.orgId.slice(0, 15);
    const urls: Record<string, string> = {
      enterprise: `${base}/services/Soap/c/{version}/${org}`,
      metadata: `${base}/services/Soap/m/{version}/${org}`,
      partner: `${base}/services/Soap/u/{version}/${org}`,
      rest: `${base}/services/data/v{version}/`,
      sobjects: `${base}/services/data/v{version}/sobjects/`,
      search: `${base}/services/data/v{version}/search/`,
      query: `${base}/services/data/v{version}/query/`,
      recent: `${base}/services/data/v{version}/recent/`,
      tooling_soap: `${base}/services/Soap/T/{version}/${org}`,
      tooling_rest: `${base}/services/data/v{version}/tooling/`,
      profile: `${base}/${this.state.demoUserId}`,
      feeds: `${base}/services/data/v{version}/chatter/feeds`,
      groups: `${base}/services/data/v{version}/chatter/groups`,
      users: `${base}/services/data/v{version}/chatter/users`,
      feed_items: `${base}/services/data/v{version}/chatter/feed-items`,
      feed_elements: `${base}/services/data/v{version}/chatter/feed-elements`,
      custom_domain: base,
    };
    const number =
      version === 'latest' ? LATEST_VERSION : /^\d+\.\d$/.test(version ?? '') ? version : null;
    if (number === null) return urls;
    return Object.fromEntries(
      Object.entries(urls).map(([key, url]) => [key, url.replaceAll('{version}', number)]),
    );
  }

  /** The session of the request's "Authorization: Bearer|OAuth <token>" header. */
  bearer(ex: Exchange): AccessToken {
    const session = this.sessions.check(bearerToken(ex.headers.authorization) ?? '');
    if (!session) throw invalidSession();
    return session;
  }

  /**
   * The identity endpoints answer a token they do not accept with a 403 and one word of plain
   * text (Bad_OAuth_Token, Missing_OAuth_Token), where the REST API answers 401 INVALID_SESSION_ID.
   */
  private identityBearer(ex: Exchange, queryToken: string | null = null): AccessToken | null {
    const token = bearerToken(ex.headers.authorization) ?? queryToken;
    const session = token ? this.sessions.check(token) : null;
    if (session) return session;
    if (token) badOAuthToken(ex);
    else send(ex, 403, 'Missing_OAuth_Token', PLAIN_TEXT);
    return null;
  }

  private errorPage(ex: Exchange, error: string, description: string): void {
    send(ex, 400, renderOAuthErrorPage(error, description), {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'self'",
    });
  }
}

const PLAIN_TEXT = { 'Content-Type': 'text/plain;charset=UTF-8' };

/** An access token the identity endpoints do not accept (expired, revoked, unknown). */
export function badOAuthToken(ex: Exchange): true {
  send(ex, 403, 'Bad_OAuth_Token', PLAIN_TEXT);
  return true;
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim() ?? null;
}

function normaliseScope(scope: string | null): string {
  const parts = (scope ?? DEFAULT_SCOPE).split(/[\s+]+/).filter((s) => s !== '');
  return (parts.length > 0 ? parts : DEFAULT_SCOPE.split(' ')).join(' ');
}

function isAcceptableRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return !['javascript:', 'data:', 'file:', 'vbscript:'].includes(url.protocol);
  } catch {
    return false;
  }
}

/** What CSP form-action must allow so the post-consent redirect is not blocked by the browser. */
function formTarget(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
}

function withParams(uri: string, params: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params))
    if (value !== null) url.searchParams.set(key, value);
  return url.toString();
}
