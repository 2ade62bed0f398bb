import { AppError } from '../errors';
import type { Clock } from '../ports';
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
  #dead = false;
  /** Refreshes since the last successful call: fresh tokens that keep failing mean stop. */
  #refreshesWithoutSuccess = 0;
  readonly #grantLostListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly vault: SessionVault,
    private readonly clock: Clock,
  ) {}

  /** Told once when Salesforce stops accepting the grant. */
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
    this.#dead = false;
    this.#refreshesWithoutSuccess = 0;
  }

  isDead(): boolean {
    return this.#dead;
  }

  noteSuccess(): void {
    this.#refreshesWithoutSuccess = 0;
  }

  async #run(): Promise<StoredSession> {
    if (this.#dead) throw reconnectNeeded();
    if (this.#refreshesWithoutSuccess >= MAX_REFRESHES_WITHOUT_SUCCESS) {
      this.#die('Salesforce kept rejecting freshly issued tokens');
      throw reconnectNeeded();
    }
    this.#refreshesWithoutSuccess += 1;
    const session = await this.vault.load();
    if (!session?.refreshToken) {
      this.#die('no refresh token is stored');
      throw reconnectNeeded();
    }
    let token;
    try {
      token = await refreshAccessToken({
        loginUrl: session.loginUrl,
        clientId: session.clientId,
        refreshToken: session.refreshToken,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'OAUTH_INVALID_GRANT') {
        this.#die('Salesforce revoked or expired the refresh token');
        throw reconnectNeeded();
      }
      throw error;
    }
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

  #die(reason: string): void {
    this.#dead = true;
    for (const listener of this.#grantLostListeners) listener(reason);
  }
}

const MAX_REFRESHES_WITHOUT_SUCCESS = 3;

export function reconnectNeeded(): AppError {
  return new AppError(
    'RECONNECT_NEEDED',
    'Salesforce no longer accepts Leadbridge’s sign-in (it was revoked or expired). Open Connection and connect again.',
  );
}
