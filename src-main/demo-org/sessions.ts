// Access tokens, refresh tokens and authorization codes, with Salesforce's lifetimes and
// refresh-token rotation (reusing a rotated refresh token revokes its whole family).
import { createHash, randomBytes } from 'node:crypto';
import type { OrgSettings } from './org-state';

export interface AccessToken {
  token: string;
  userId: string;
  scope: string;
  expiresAtMs: number;
  familyId: string | null;
  revoked: boolean;
}

export interface RefreshToken {
  token: string;
  userId: string;
  scope: string;
  familyId: string;
  state: 'active' | 'rotated' | 'revoked';
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: string;
  scope: string;
  userId: string;
  expiresAtMs: number;
  used: boolean;
}

const CODE_LIFETIME_MS = 15 * 60_000;

export type RefreshOutcome =
  | { ok: true; access: AccessToken; refresh: RefreshToken | null }
  | { ok: false; description: string };

export class SessionStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(
    private readonly orgId: string,
    private readonly settings: OrgSettings,
    private readonly now: () => number,
  ) {}

  issueAccess(userId: string, scope: string, familyId: string | null): AccessToken {
    // Salesforce access tokens start with the org id and a "!" — some clients rely on that.
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
    const entry: AccessToken = {
      token,
      userId,
      scope,
      expiresAtMs: this.now() + this.settings.accessTokenLifetimeSeconds * 1000,
      familyId,
      revoked: false,
    };
    this.access.set(token, entry);
    return entry;
  }

  issueRefresh(userId: string, scope: string, familyId?: string): RefreshToken {
    const entry: RefreshToken = {
      token: `5Aep861${randomBytes(48).toString('base64url')}`,
      userId,
      scope,
      familyId: familyId ?? randomBytes(8).toString('hex'),
      state: 'active',
    };
    this.refresh.set(entry.token, entry);
    return entry;
  }

  /** The live session behind a bearer token, or null when unknown, expired or revoked. */
  check(token: string): AccessToken | null {
    const entry = this.access.get(token);
    if (!entry || entry.revoked || entry.expiresAtMs <= this.now()) return null;
    return entry;
  }

  useRefresh(token: string): RefreshOutcome {
    const entry = this.refresh.get(token);
    if (!entry || entry.state === 'revoked')
      return { ok: false, description: 'expired access/refresh token' };
    if (entry.state === 'rotated') {
      // A rotated token coming back means it leaked: kill everything descended from it.
      this.revokeFamily(entry.familyId);
      return { ok: false, description: 'expired access/refresh token' };
    }
    let next: RefreshToken | null = null;
    if (this.settings.rotateRefreshTokens) {
      entry.state = 'rotated';
      next = this.issueRefresh(entry.userId, entry.scope, entry.familyId);
    }
    return {
      ok: true,
      access: this.issueAccess(entry.userId, entry.scope, entry.familyId),
      refresh: next,
    };
  }

  /** Revokes an access token, or a refresh token together with its family's access tokens. */
  revoke(token: string): boolean {
    const access = this.access.get(token);
    if (access) {
      access.revoked = true;
      return true;
    }
    const refresh = this.refresh.get(token);
    if (refresh) {
      this.revokeFamily(refresh.familyId);
      return true;
    }
    return false;
  }

  private revokeFamily(familyId: string): void {
    for (const r of this.refresh.values()) if (r.familyId === familyId) r.state = 'revoked';
    for (const a of this.access.values()) if (a.familyId === familyId) a.revoked = true;
  }

  /**
   * Revokes every token, as an admin's Revoke under Setup → Connected Apps OAuth Usage (or a
   * user's under Connected Apps in their settings) does: access tokens answer 401, refresh
   * tokens `invalid_grant`. Returns how many refresh tokens it revoked.
   */
  revokeAll(): number {
    let count = 0;
    for (const r of this.refresh.values()) {
      if (r.state !== 'revoked') count++;
      r.state = 'revoked';
    }
    for (const a of this.access.values()) a.revoked = true;
    return count;
  }

  /** Ends every access token's life now, as if the session timeout had passed. */
  expireAll(): number {
    const now = this.now();
    let count = 0;
    for (const a of this.access.values()) {
      if (a.expiresAtMs > now) {
        a.expiresAtMs = now;
        count++;
      }
    }
    return count;
  }

  issueCode(fields: Omit<AuthCode, 'code' | 'expiresAtMs' | 'used'>): AuthCode {
    const code: AuthCode = {
      ...fields,
      code: `aPrx${randomBytes(32).toString('base64url')}`,
      expiresAtMs: this.now() + CODE_LIFETIME_MS,
      used: false,
    };
    this.codes.set(code.code, code);
    return code;
  }

  /** Redeems a code once; every failure is Salesforce's invalid_grant with its reason. */
  redeemCode(
    code: string,
    redirectUri: string | null,
    verifier: string | null,
  ): { ok: true; code: AuthCode } | { ok: false; description: string } {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, description: 'invalid authorization code' };
    if (entry.used) return { ok: false, description: 'invalid authorization code' };
    entry.used = true;
    if (entry.expiresAtMs <= this.now())
      return { ok: false, description: 'expired authorization code' };
    if (redirectUri !== entry.redirectUri)
      return { ok: false, description: 'redirect_uri must match configuration' };
    if (entry.codeChallenge !== null) {
      if (!verifier) return { ok: false, description: 'invalid code verifier' };
      const computed =
        entry.codeChallengeMethod === 'plain'
          ? verifier
          : createHash('sha256').update(verifier).digest('base64url');
      if (computed !== entry.codeChallenge)
        return { ok: false, description: 'invalid code verifier' };
    }
    return { ok: true, code: entry };
  }
}
