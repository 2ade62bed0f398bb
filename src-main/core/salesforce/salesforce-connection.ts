import { Connection } from 'jsforce';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { SALESFORCE_API_VERSION } from './api-version';
import { reconnectNeeded, type SessionRefresher } from './session-refresher';
import type { SessionVault } from './session-vault';

export interface ApiUsage {
  used: number;
  max: number;
  measuredAt: string;
}

export interface CallRecord {
  lastSuccessfulCallAt: string | null;
  apiUsage: ApiUsage | null;
}

/**
 * The one jsforce connection to the org, built from the sealed session. jsforce retries a
 * call once after a 401 INVALID_SESSION_ID, through our refresher (single-flight, rotation-
 * safe). Every call goes through `call`, which records API usage and the last success.
 */
export class SalesforceConnection {
  #connection: Connection | undefined;
  #record: CallRecord = { lastSuccessfulCallAt: null, apiUsage: null };
  #calls = 0;

  constructor(
    private readonly vault: SessionVault,
    private readonly refresher: SessionRefresher,
    private readonly clock: Clock,
  ) {}

  record(): CallRecord {
    return this.#record;
  }

  /** API calls made so far (each `call` is one request), for the sync's figures. */
  callCount(): number {
    return this.#calls;
  }

  /** Forget the cached connection (after connect or disconnect). */
  reset(): void {
    this.#connection = undefined;
    this.#record = { lastSuccessfulCallAt: null, apiUsage: null };
  }

  async call<T>(operation: (connection: Connection) => Promise<T>): Promise<T> {
    const connection = await this.#open();
    this.#calls += 1;
    try {
      const result = await operation(connection);
      this.#noteSuccess(connection);
      return result;
    } catch (error) {
      if (this.refresher.isDead()) throw reconnectNeeded();
      throw toSalesforceError(error);
    }
  }

  async #open(): Promise<Connection> {
    if (this.#connection) return this.#connection;
    const session = await this.vault.load();
    if (!session) {
      throw new AppError(
        'NOT_CONNECTED',
        'Leadbridge is not connected to Salesforce. Open Connection to connect an org.',
      );
    }
    this.#connection = new Connection({
      version: SALESFORCE_API_VERSION,
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      refreshFn: (_connection, callback) => {
        this.refresher.refresh().then(
          (next) => callback(undefined, next.accessToken),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    return this.#connection;
  }

  #noteSuccess(connection: Connection): void {
    const now = new Date(this.clock.now()).toISOString();
    const usage = connection.limitInfo.apiUsage;
    this.refresher.noteSuccess();
    this.#record = {
      lastSuccessfulCallAt: now,
      apiUsage: usage
        ? { used: usage.used, max: usage.limit, measuredAt: now }
        : this.#record.apiUsage,
    };
  }
}

function toSalesforceError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { errorCode, message } = (error ?? {}) as { errorCode?: unknown; message?: unknown };
  const code = typeof errorCode === 'string' ? errorCode : 'SALESFORCE_CALL_FAILED';
  const text = typeof message === 'string' ? message : 'Salesforce did not answer as expected.';
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new AppError(
      code,
      `Salesforce's daily API allowance for this org is spent (${text}). Leadbridge will try again later; an admin can raise the limit.`,
    );
  }
  return new AppError(code, `Salesforce answered: ${text}`, { cause: error });
}
