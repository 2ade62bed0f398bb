import { z } from 'zod';
import { AppError } from '../errors';
import { fetchWhole } from './bounded-fetch';

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

/** The token endpoint answers quickly or not at all. */
const TOKEN_TIMEOUT_MS = 30_000;

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
  timeoutMs?: number;
}): Promise<TokenResponse> {
  return postToken(
    request.loginUrl,
    {
      grant_type: 'refresh_token',
      refresh_token: request.refreshToken,
      client_id: request.clientId,
    },
    request.timeoutMs,
  );
}

/** Revoking a refresh token also ends every access token issued from it. */
export async function revokeToken(loginUrl: string, token: string): Promise<void> {
  const response = await post(`${loginUrl}/services/oauth2/revoke`, { token });
  // 400 invalid_token means it is already gone, which is what we wanted.
  if (response.status !== 200 && response.status !== 400) {
    throw new AppError(
      'SALESFORCE_REVOKE_FAILED',
      `Salesforce did not confirm that the token was revoked (HTTP ${response.status}). Remove Leadbridge under Connected Apps OAuth Usage in Salesforce Setup to be sure.`,
    );
  }
}

async function postToken(
  loginUrl: string,
  form: Record<string, string>,
  timeoutMs = TOKEN_TIMEOUT_MS,
): Promise<TokenResponse> {
  const response = await post(`${loginUrl}/services/oauth2/token`, form, timeoutMs);
  const body = parseJson(response.body);
  if (response.status === 200) {
    const parsed = tokenResponseSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new AppError(
      'SALESFORCE_BAD_TOKEN_RESPONSE',
      'Salesforce answered the sign-in with something Leadbridge does not understand. Try again; if it persists, check the login URL.',
    );
  }
  const error = oauthErrorSchema.safeParse(body);
  if (error.success && error.data.error === 'invalid_grant') {
    throw invalidGrant(error.data.error_description ?? '');
  }
  if (response.status >= 500) {
    throw new AppError(
      'SALESFORCE_UNAVAILABLE',
      `Salesforce's sign-in service is temporarily unavailable (HTTP ${response.status}). Leadbridge will try again.`,
    );
  }
  throw new AppError(
    'OAUTH_TOKEN_REQUEST_FAILED',
    `Salesforce refused the token request (${error.success ? error.data.error : `HTTP ${response.status}`}). Check the client id and the External Client App's callback URLs, then connect again.`,
  );
}

/**
 * What Salesforce's invalid_grant says about why, and what to do about each. The reasons
 * are its error_description texts; anything else is a code that was already used or expired.
 */
function invalidGrant(description: string): AppError {
  if (/expired access\/refresh token/i.test(description)) {
    return new AppError(
      'OAUTH_INVALID_GRANT',
      'Salesforce no longer accepts Leadbridge’s sign-in: the refresh token expired or was revoked (by an admin, by the app’s refresh token policy, or because Leadbridge was approved too many times). Open Connection and connect again.',
    );
  }
  if (/ip restricted|login hours/i.test(description)) {
    return new AppError(
      'OAUTH_LOGIN_RESTRICTED',
      'Salesforce refused the sign-in from this network or at this time of day: the user’s profile limits login IP ranges or login hours. Leadbridge tries again later; to sync now, use an allowed network, or ask your Salesforce admin to allow this IP address (or relax IP restrictions for Leadbridge) or widen the login hours.',
    );
  }
  if (/inactive user/i.test(description)) {
    return new AppError(
      'OAUTH_USER_INACTIVE',
      'Salesforce refused the sign-in because the user is inactive (deactivated or frozen). Ask your Salesforce admin to reactivate the user, or open Connection and connect as an active user.',
    );
  }
  return new AppError(
    'OAUTH_INVALID_GRANT',
    `Salesforce refused the sign-in (${description || 'invalid grant'}): it was revoked, expired or already used. Open Connection and connect again.`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function post(url: string, form: Record<string, string>, timeoutMs = TOKEN_TIMEOUT_MS) {
  return fetchWhole(
    url,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    },
    timeoutMs,
  );
}
