import { z } from 'zod';
import { AppError } from '../errors';

/** Salesforce's token response (web-server flow and refresh); refresh_token only on issue or rotation. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  instance_url: z.url(),
  id: z.url(),
  issued_at: z.string(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
  signature: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

const TIMEOUT_MS = 30_000;

export function exchangeAuthorizationCode(request: {
  loginUrl: string;
  clientId: string;
  code: string;
  verifier: string;
  redirectUri: string;
}): Promise<TokenResponse> {
  return postToken(request.loginUrl, {
    grant_type: 'authorization_code',
    code: request.code,
    code_verifier: request.verifier,
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
  });
}

export function refreshAccessToken(request: {
  loginUrl: string;
  clientId: string;
  refreshToken: string;
}): Promise<TokenResponse> {
  return postToken(request.loginUrl, {
    grant_type: 'refresh_token',
    refresh_token: request.refreshToken,
    client_id: request.clientId,
  });
}

/** Revoking a refresh token also ends every access token issued from it. */
export async function revokeToken(loginUrl: string, token: string): Promise<void> {
  const response = await post(`${loginUrl}/services/oauth2/revoke`, { token });
  // 400 invalid_token means it is already gone, which is what we wanted.
  if (!response.ok && response.status !== 400) {
    throw new AppError(
      'SALESFORCE_REVOKE_FAILED',
      `Salesforce did not confirm that the token was revoked (HTTP ${response.status}). Remove Leadbridge under Connected Apps OAuth Usage in Salesforce Setup to be sure.`,
    );
  }
}

async function postToken(loginUrl: string, form: Record<string, string>): Promise<TokenResponse> {
  const response = await post(`${loginUrl}/services/oauth2/token`, form);
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = tokenResponseSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new AppError(
      'SALESFORCE_BAD_TOKEN_RESPONSE',
      'Salesforce answered the sign-in with something Leadbridge does not understand. Try again; if it persists, check the login URL.',
    );
  }
  const error = oauthErrorSchema.safeParse(body);
  if (error.success && error.data.error === 'invalid_grant') {
    throw new AppError(
      'OAUTH_INVALID_GRANT',
      `Salesforce refused the sign-in (${error.data.error_description ?? 'invalid grant'}): it was revoked, expired or already used. Connect again.`,
    );
  }
  throw new AppError(
    'OAUTH_TOKEN_REQUEST_FAILED',
    `Salesforce refused the token request (${error.success ? error.data.error : `HTTP ${response.status}`}). Check the client id and the External Client App's callback URLs, then connect again.`,
  );
}

async function post(url: string, form: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new AppError(
      'SALESFORCE_UNREACHABLE',
      `Leadbridge could not reach ${new URL(url).host}. Check the network connection and try again.`,
      { cause: error },
    );
  }
}
