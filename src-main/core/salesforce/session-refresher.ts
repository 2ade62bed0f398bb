import { AppError } from '../errors';
import type { Clock } from '../ports';
import { DEFAULT_CALL_LIMITS, type CallLimits } from './call-limits';
import type { SessionVault, StoredSession } from './session-vault';
import { refreshAccessToken } from './token-endpoint';

/**
 * Refreshes the access token for everyone at once: concurrent 401s share one refresh call.
 * A rotated refresh token is sealed before the new access token is used, so a crash never
 * leaves us holding only the spent one. Once Salesforce says the grant is gone, it stops
 * asking (no retry storm) until the user connects again.
 */
export class SessionRefresher {
  #inFlight: Promise<StoredSession> | undefined;
  /** Why Salesforce stopped accepting the grant, as the person is told; unset while alive. */
  #death: AppError | undefined;
  /** Refreshes since the last successful call: fresh tokens that keep failing mean stop. */
  #refreshesWithoutSuccess = 0;
  readonly #grantLostListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly vault: SessionVault,
    private readonly clock: Clock,
    private readonly limits: Pick<CallLimits, 'timeoutMs'> = DEFAULT_CALL_LIMITS,
  ) {}

  /** Told once when Salesforce stops accepting the grant, with what to do about it. */
  onGrantLost(listener: (reason: string) => void): () => void {
    this.#grantLostListeners.add(listener);
    return () => this.#grantLostListeners.delete(listener);
  }

  refresh(): Promise<StoredSession> {
    this.#inFlight ??= this.#run().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** A new connection brings a new grant. */
  revive(): void {
    this.#death = undefined;
    this.#refreshesWithoutSuccess = 0;
  }

  isDead(): boolean {
    return this.#death !== undefined;
  }

  /** The error every call meets once the grant is gone: why, and what to do. */
  deathError(): AppError {
    return this.#death ?? reconnectNeeded();
  }

  noteSuccess(): void {
    this.#refreshesWithoutSuccess = 0;
  }

  async #run(): Promise<StoredSession> {
    if (this.#death) throw this.#death;
    if (this.#refreshesWithoutSuccess >= MAX_REFRESHES_WITHOUT_SUCCESS) {
      throw this.#die(
        reconnectNeeded(
          'Salesforce keeps rejecting the tokens it issues to Leadbridge. Open Connection and connect again.',
        ),
      );
    }
    const session = await this.vault.load();
    if (!session?.refreshToken) {
      throw this.#die(
        reconnectNeeded(
          'Leadbridge holds no refresh token for this org, so it cannot renew the session. Open Connection and connect again.',
        ),
      );
    }
    let token;
    try {
      token = await refreshAccessToken({
        loginUrl: session.loginUrl,
        clientId: session.clientId,
        refreshToken: session.refreshToken,
        timeoutMs: this.limits.timeoutMs,
      });
    } catch (error) {
      // A login-hours or IP restriction passes by itself: that one is retried, not fatal.
      if (error instanceof AppError && GRANT_GONE.has(error.code)) {
        throw this.#die(reconnectNeeded(error.message));
      }
      throw error;
    }
    this.#refreshesWithoutSuccess += 1;
    const next: StoredSession = {
      ...session,
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? session.refreshToken,
      instanceUrl: token.instance_url,
      issuedAt: token.issued_at,
      lastRefreshedAt: new Date(this.clock.now()).toISOString(),
    };
    await this.vault.save(next);
    return next;
  }

  #die(death: AppError): AppError {
    this.#death = death;
    for (const listener of this.#grantLostListeners) listener(death.message);
    return death;
  }
}

const MAX_REFRESHES_WITHOUT_SUCCESS = 3;
/** invalid_grant reasons that no waiting will fix: only a new sign-in does. */
const GRANT_GONE = new Set(['OAUTH_INVALID_GRANT', 'OAUTH_USER_INACTIVE']);

export function reconnectNeeded(
  message = 'Salesforce no longer accepts Leadbridge’s sign-in (it was revoked or expired). Open Connection and connect again.',
): AppError {
  return new AppError('RECONNECT_NEEDED', message);
}
