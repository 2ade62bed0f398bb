import type {
  CachedOrg,
  CacheReplaced,
  ConnectionStatus,
  OrgKind,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock, Logger } from '../ports';
import type { LogRepository } from '../store/log-repository';
import type { UnownedCache } from '../store/org-bound-cache';
import { SALESFORCE_API_VERSION } from './api-version';
import { orgIdOfIdentityUrl } from './identity-url';
import { loginUrlFor } from './login-host';
import type { CallbackRefusalLog } from './callback-refusal-log';
import { parseOAuthCallback } from './oauth-callback';
import type { OAuthFlowRegistry, PendingFlow } from './oauth-flow';
import type { SalesforceConnection } from './salesforce-connection';
import type { SessionRefresher } from './session-refresher';
import type { SessionVault, StoredSession } from './session-vault';
import { exchangeAuthorizationCode, revokeToken } from './token-endpoint';
import { fetchOrgIdentity, type OrgIdentity } from './org-identity';

/** Starts the in-process demo org on a loopback port; provided by the host that bundles it. */
export interface DemoOrgLauncher {
  loginUrl(): Promise<string>;
  /** Where the demo org runs now, if it does: a saved demo session is only good there. */
  runningAt(): string | undefined;
}

/** The local Lead cache, which belongs to one org (see OrgBoundCache). */
export interface OrgCache {
  owner(): CachedOrg | null;
  /** Resolves when a session of this org may be used (no sync of another org runs). */
  prepareFor(organizationId: string): Promise<void>;
  bindTo(org: CachedOrg, unowned: UnownedCache): CacheReplaced | null;
  delete(): Promise<void>;
}

export interface ConnectionServiceDependencies {
  vault: SessionVault;
  flows: OAuthFlowRegistry;
  refresher: SessionRefresher;
  salesforce: SalesforceConnection;
  log: LogRepository;
  refusals: CallbackRefusalLog;
  clock: Clock;
  logger: Logger;
  clientId(): string;
  scopes(): readonly string[];
  /** Where Salesforce sends the browser back: leadbridge://… or the headless host's URL. */
  redirectUri(): string;
  /** Opens the system browser (Electron); absent where the renderer opens a tab instead. */
  openExternal?: (url: string) => Promise<void>;
  demoOrg?: DemoOrgLauncher;
  /** Bound to the connected org; deleted when the user disconnects and asks for it. */
  cache: OrgCache;
}

type Listener = (status: ConnectionStatus) => void;

/**
 * The connection's life: connect (one sign-in at a time), the callback, the identity and
 * last successful call shown on the Connection screen, losing the grant, and disconnect.
 */
export class ConnectionService {
  #identity: OrgIdentity | undefined;
  #session: StoredSession | undefined;
  #reconnectNeeded = false;
  /** What Salesforce said when it stopped accepting the grant, and what to do about it. */
  #grantLostReason: string | undefined;
  #lastProblem: string | undefined;
  #lastCallProblem: string | undefined;
  #cacheReplaced: CacheReplaced | null = null;
  /** Until restore() has read the saved sign-in: the keychain may be waiting for the user. */
  #restoring = true;
  readonly #listeners = new Set<Listener>();

  constructor(private readonly deps: ConnectionServiceDependencies) {}

  /**
   * Restores the saved connection at start-up (no network call until something needs one).
   * The hosts call it once their window is up: reading the keychain may prompt the user.
   */
  async restore(): Promise<void> {
    let session: StoredSession | undefined;
    try {
      session = await this.deps.vault.load();
    } finally {
      this.#restoring = false;
    }
    if (session?.orgKind === 'demo' && this.deps.demoOrg?.runningAt() !== session.loginUrl) {
      // The demo org lives inside the app: the one this session belonged to ended with it.
      await this.deps.vault.clear();
      this.deps.log.append('connection.demo-ended', null, {});
      this.#lastProblem =
        'The demo org runs only while Leadbridge runs. Click "Try with a demo org" to connect to it again.';
    } else {
      this.#session = session;
      // The cache was filled through this very session (a cache from before Leadbridge
      // recorded its org included): it stays.
      const organizationId = session && orgIdOfIdentityUrl(session.identityUrl);
      if (session && organizationId)
        this.deps.cache.bindTo({ organizationId, instanceUrl: session.instanceUrl }, 'adopt');
    }
    this.#emit();
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  status(): ConnectionStatus {
    const session = this.#session;
    const pending = this.deps.flows.pending();
    const record = this.deps.salesforce.record();
    if (this.#restoring) {
      return {
        state: 'restoring',
        message:
          'Reading the saved Salesforce sign-in. If your system asks to unlock its keychain or wallet, allow it.',
        problem: null,
        lastSuccessfulCallAt: null,
        token: null,
        org: null,
        cachedOrg: this.deps.cache.owner(),
        cacheReplaced: null,
      };
    }
    const base = {
      problem: this.#lastProblem ?? null,
      lastSuccessfulCallAt: record.lastSuccessfulCallAt,
      token: session
        ? {
            issuedAt: toIso(session.issuedAt),
            lastRefreshedAt: session.lastRefreshedAt,
            canRefresh: session.refreshToken !== null && !this.#reconnectNeeded,
            scope: session.scope,
          }
        : null,
      org:
        session && this.#identity
          ? {
              kind: session.orgKind,
              loginUrl: session.loginUrl,
              instanceUrl: session.instanceUrl,
              apiVersion: SALESFORCE_API_VERSION,
              ...this.#identity,
            }
          : null,
      cachedOrg: this.deps.cache.owner(),
      cacheReplaced: this.#cacheReplaced,
    };
    if (pending) {
      return {
        ...base,
        state: 'connecting',
        message: 'Waiting for you to approve Leadbridge in the Salesforce sign-in page.',
      };
    }
    if (this.#reconnectNeeded) {
      return {
        ...base,
        state: 'reconnect-needed',
        message: `${this.#grantLostReason ?? 'Salesforce no longer accepts Leadbridge’s sign-in (revoked or expired). Open Connection and connect again.'} Background work is paused until then.`,
      };
    }
    if (session) {
      return {
        ...base,
        state: 'connected',
        message: [
          this.#identity
            ? `Connected as ${this.#identity.displayName} (${this.#identity.username}).`
            : 'Connected.',
          this.#lastCallProblem
            ? `The last call to Salesforce failed: ${this.#lastCallProblem}`
            : '',
        ]
          .join(' ')
          .trim(),
      };
    }
    return {
      ...base,
      state: 'disconnected',
      message: 'Not connected. Choose your org and click Connect.',
    };
  }

  isConnected(): boolean {
    return this.#session !== undefined && !this.#reconnectNeeded;
  }

  async connect(
    org: OrgKind,
    myDomain?: string,
  ): Promise<{ authorizeUrl: string; openIn: 'system-browser' | 'new-tab' }> {
    if (this.#restoring) {
      throw new AppError(
        'CONNECTION_RESTORING',
        'Leadbridge is still reading the saved Salesforce sign-in (your system may be asking to unlock its keychain). Answer that prompt, then connect again if the Connection screen asks you to.',
      );
    }
    const loginUrl = org === 'demo' ? await this.#demoLoginUrl() : loginUrlFor(org, myDomain);
    const flow = this.deps.flows.begin({
      orgKind: org,
      loginUrl,
      clientId: this.#clientIdFor(org),
      redirectUri: this.deps.redirectUri(),
      scopes: this.deps.scopes(),
    });
    this.#lastProblem = undefined;
    this.#cacheReplaced = null;
    this.deps.log.append('connection.started', null, { org, loginHost: new URL(loginUrl).host });
    this.deps.logger.info('oauth flow started', { org });
    this.#emit();
    if (this.deps.openExternal) {
      await this.deps.openExternal(flow.authorizeUrl);
      return { authorizeUrl: flow.authorizeUrl, openIn: 'system-browser' };
    }
    return { authorizeUrl: flow.authorizeUrl, openIn: 'new-tab' };
  }

  cancel(): ConnectionStatus {
    if (this.deps.flows.cancel()) {
      this.deps.log.append('connection.cancelled', null, {});
    }
    return this.#emit();
  }

  /**
   * Completes a sign-in from its callback URL. Anything wrong (denied, unknown or used
   * state, no code) is refused with a clear message, logged by parameter names only, and
   * nothing is stored. Only a refusal during a sign-in is the Connection screen's business.
   */
  async handleCallback(rawUrl: string): Promise<ConnectionStatus> {
    const signingIn = this.deps.flows.pending() !== undefined;
    const callback = parseOAuthCallback(rawUrl, this.deps.redirectUri());
    const parameterNames = safeParameterNames(rawUrl);
    try {
      if (callback.kind === 'invalid') {
        throw new AppError(
          'OAUTH_BAD_CALLBACK',
          `${callback.reason} Click Connect to start again.`,
        );
      }
      if (callback.kind === 'denied') {
        // A denial for a flow we did not start must not cancel the one we did.
        this.deps.flows.claim(callback.state);
        throw new AppError(
          'OAUTH_DENIED',
          callback.error === 'access_denied'
            ? 'You chose Deny, so Leadbridge is not connected. Click Connect when you are ready to allow access.'
            : `Salesforce refused the sign-in (${callback.error}). Click Connect to try again.`,
        );
      }
      const flow = this.deps.flows.claim(callback.state);
      await this.#complete(flow, callback.code);
      this.deps.log.append('connection.connected', this.#identity?.username ?? null, {
        org: this.#session?.orgKind,
        instanceHost: this.#session ? new URL(this.#session.instanceUrl).host : null,
      });
      this.deps.logger.info('oauth callback accepted', { parameters: parameterNames });
      return this.#emit();
    } catch (error) {
      const appError =
        error instanceof AppError
          ? error
          : new AppError('OAUTH_FAILED', 'The sign-in failed. Click Connect to try again.', {
              cause: error,
            });
      this.deps.refusals.record(appError.code, parameterNames);
      if (signingIn) {
        this.#lastProblem = appError.message;
        this.#emit();
      }
      throw appError;
    }
  }

  /** Salesforce revoked or expired the grant: stop, say so, and wait for a new Connect. */
  markGrantLost(reason: string): void {
    if (this.#reconnectNeeded) return;
    this.#reconnectNeeded = true;
    this.#grantLostReason = reason;
    this.deps.log.append('connection.reconnect-needed', null, { reason });
    this.#emit();
  }

  /**
   * Fetches who is connected, and the org's API usage (every screen reads it from the sync
   * status), for the Connection screen. A failed call is part of the status (the screen shows
   * it), not an error of the request.
   */
  async refreshDetails(): Promise<ConnectionStatus> {
    if (!this.#session || this.#reconnectNeeded) return this.status();
    try {
      this.#identity = await fetchOrgIdentity(this.deps.salesforce);
      this.#lastCallProblem = undefined;
    } catch (error) {
      this.#lastCallProblem =
        error instanceof AppError ? error.message : 'Salesforce did not answer as expected.';
    }
    this.#session = (await this.deps.vault.load()) ?? this.#session;
    return this.#emit();
  }

  async disconnect(deleteCache: boolean): Promise<ConnectionStatus> {
    const session = this.#session ?? (await this.deps.vault.load());
    let revoked = false;
    if (session) {
      try {
        await revokeToken(session.loginUrl, session.refreshToken ?? session.accessToken);
        revoked = true;
      } catch (error) {
        // The tokens are wiped here either way; the log says the org may still list the grant.
        this.deps.logger.warn('token revoke failed', { code: (error as AppError).code });
      }
    }
    await this.deps.vault.clear();
    this.deps.salesforce.reset();
    this.deps.flows.cancel();
    if (deleteCache) await this.deps.cache.delete();
    this.#session = undefined;
    this.#cacheReplaced = null;
    this.#identity = undefined;
    this.#reconnectNeeded = false;
    this.#lastProblem = undefined;
    this.deps.log.append('connection.disconnected', null, { revoked, cacheDeleted: deleteCache });
    return this.#emit();
  }

  async #complete(flow: PendingFlow, code: string): Promise<void> {
    const clientId = this.#clientIdFor(flow.orgKind);
    const token = await exchangeAuthorizationCode({
      loginUrl: flow.loginUrl,
      clientId,
      code,
      verifier: flow.verifier,
      redirectUri: flow.redirectUri,
    });
    const organizationId = orgIdOfIdentityUrl(token.id);
    if (!organizationId) {
      throw new AppError(
        'SALESFORCE_BAD_RESPONSE',
        'Salesforce’s sign-in answer did not say which org it is for. Click Connect to try again.',
      );
    }
    const session: StoredSession = {
      orgKind: flow.orgKind,
      loginUrl: flow.loginUrl,
      clientId,
      instanceUrl: token.instance_url,
      identityUrl: token.id,
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? null,
      scope: token.scope ?? null,
      issuedAt: token.issued_at,
      lastRefreshedAt: null,
    };
    // A sync begun for another org must end before this session can serve it.
    await this.deps.cache.prepareFor(organizationId);
    await this.deps.vault.save(session);
    this.deps.salesforce.reset();
    this.deps.refresher.revive();
    this.#session = session;
    this.#reconnectNeeded = false;
    // Another org's Leads go before anything of this org's is fetched.
    this.#cacheReplaced = this.deps.cache.bindTo(
      { organizationId, instanceUrl: session.instanceUrl },
      'replace',
    );
    this.#identity = await fetchOrgIdentity(this.deps.salesforce);
  }

  /** The demo org takes any client id; a real org needs the External Client App's key. */
  #clientIdFor(org: OrgKind): string {
    const configured = this.deps.clientId().trim();
    if (configured) return configured;
    if (org === 'demo') return DEMO_CLIENT_ID;
    throw new AppError(
      'CLIENT_ID_MISSING',
      'Leadbridge has no Salesforce client id yet. Ask your Salesforce admin for the consumer key of the Leadbridge External Client App and enter it in Settings, which shows the steps an admin follows to create one.',
    );
  }

  async #demoLoginUrl(): Promise<string> {
    if (!this.deps.demoOrg) {
      throw new AppError(
        'DEMO_ORG_UNAVAILABLE',
        'This build of Leadbridge has no demo org. Connect a Salesforce org instead.',
      );
    }
    return this.deps.demoOrg.loginUrl();
  }

  #emit(): ConnectionStatus {
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
    return status;
  }
}

const DEMO_CLIENT_ID = 'leadbridge-demo';

/** Salesforce's issued_at is epoch milliseconds as a string. */
function toIso(issuedAt: string): string | null {
  const millis = Number(issuedAt);
  return Number.isFinite(millis) ? new Date(millis).toISOString() : null;
}

function safeParameterNames(rawUrl: string): string[] {
  try {
    return [...new Set(new URL(rawUrl).searchParams.keys())].slice(0, 10);
  } catch {
    return [];
  }
}
