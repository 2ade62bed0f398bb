// The OAuth web-server flow with PKCE, driven the way a browser and the app would drive it.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg } from '../../../src-main/demo-org/index';
import type { DemoOrgHandle } from '../../../src-main/demo-org/index';
import { admin } from '../../support/demo-org-admin';

const REDIRECT = 'leadbridge://oauth/callback';
let org: DemoOrgHandle;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 5, rotateRefreshTokens: true });
});
afterAll(async () => {
  await org.close();
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Opens the consent page and presses a button; returns the redirect Location. */
async function consent(
  decision: 'allow' | 'deny',
  challenge: string,
  redirectUri = REDIRECT,
): Promise<URL> {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: 'leadbridge-desktop',
    redirect_uri: redirectUri,
    state: 'st-123',
    scope: 'api refresh_token id',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const page = await fetch(`${org.url}/services/oauth2/authorize?${params.toString()}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  const html = await page.text();
  expect(html).toContain('Dana Demo');
  expect(html).toContain('Access and manage your data (api)');
  const consentId = /name="consent_id" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const answer = await fetch(`${org.url}/services/oauth2/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent_id: consentId, decision }).toString(),
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') ?? '');
}

async function token(
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${org.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** The tokens of a user who allowed access: the whole flow, code to token. */
async function signedIn(): Promise<Record<string, string>> {
  const { verifier, challenge } = pkce();
  const code = (await consent('allow', challenge)).searchParams.get('code') ?? '';
  const granted = await token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  return granted.body;
}

describe('OAuth web-server flow with PKCE', () => {
  it('issues tokens for Allow, and the access token works', async () => {
    const { verifier, challenge } = pkce();
    const location = await consent('allow', challenge);
    expect(`${location.protocol}//${location.host}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st-123');
    const code = location.searchParams.get('code') ?? '';
    const { status, body } = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: 'leadbridge-desktop',
    });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'id',
      'instance_url',
      'issued_at',
      'refresh_token',
      'scope',
      'signature',
      'token_type',
    ]);
    expect(body.instance_url).toBe(org.url);
    const info = await fetch(`${org.url}/services/oauth2/userinfo`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(((await info.json()) as { email: string }).email).toBe(
      'dana.demo@leadbridge-demo.example',
    );

    const reuse = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('redirects Deny as access_denied with the state', async () => {
    const location = await consent('deny', pkce().challenge, 'http://localhost:53682/callback');
    expect(location.origin).toBe('http://localhost:53682');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-123');
  });

  it('rejects a wrong verifier and a wrong redirect_uri with invalid_grant', async () => {
    const first = pkce();
    const code1 = (await consent('allow', first.challenge)).searchParams.get('code') ?? '';
    expect(
      await token({
        grant_type: 'authorization_code',
        code: code1,
        redirect_uri: REDIRECT,
        code_verifier: pkce().verifier,
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const second = pkce();
    const code2 = (await consent('allow', second.challenge)).searchParams.get('code') ?? '';
    expect(
      await token({
        grant_type: 'authorization_code',
        code: code2,
        redirect_uri: 'leadbridge://other',
        code_verifier: second.verifier,
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('rotates refresh tokens and revokes the family when a rotated one is reused', async () => {
    const first = await signedIn();
    const second = await token({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
    });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeDefined();
    expect(second.body.refresh_token).not.toBe(first.refresh_token);

    const replay = await token({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
    });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const afterTheft = await token({
      grant_type: 'refresh_token',
      refresh_token: second.body.refresh_token ?? '',
    });
    expect(afterTheft.status).toBe(400);
    const call = await fetch(`${org.url}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${second.body.access_token}` },
    });
    expect(call.status).toBe(401);
    expect(call.headers.get('www-authenticate')).toBe('Token');
  });

  it('revokes every session through the admin API, as Revoke under OAuth Usage does', async () => {
    const granted = await signedIn();

    const { revoked } = (await admin(org.url, 'POST', 'revoke-sessions')) as { revoked: number };
    expect(revoked).toBeGreaterThan(0);

    const call = await fetch(`${org.url}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${granted.access_token}` },
    });
    expect(call.status).toBe(401);
    const refresh = await token({
      grant_type: 'refresh_token',
      refresh_token: granted.refresh_token ?? '',
    });
    expect(refresh).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
    });
  });

  it('expires access tokens after the configured lifetime', async () => {
    let now = Date.UTC(2025, 0, 1);
    const clocked = await startDemoOrg({ accessTokenLifetimeSeconds: 60, now: () => now });
    try {
      const { access_token } = clocked.issueSession();
      const call = () =>
        fetch(`${clocked.url}/services/data/v62.0/limits`, {
          headers: { authorization: `Bearer ${access_token}` },
        });
      expect((await call()).status).toBe(200);
      now += 61_000;
      const expired = await call();
      expect(expired.status).toBe(401);
      expect(await expired.json()).toEqual([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    } finally {
      await clocked.close();
    }
  });
});
