import { Connection } from 'jsforce';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { ApiCallSample } from '../store/api-usage-history';
import { SALESFORCE_API_VERSION } from './api-version';
import { BoundedTransport, type CallRetry } from './bounded-transport';
import { DEFAULT_CALL_LIMITS, type CallLimits } from './call-limits';
import type { SessionRefresher } from './session-refresher';
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
 * The one jsforce connection to the org, built from the sealed session. Every request it
 * makes goes through a transport that reads whole bodies under a deadline, so each call ends
 * in a result or a clear error. jsforce retries a call once after a 401 INVALID_SESSION_ID,
 * through our refresher (single-flight, rotation-safe). Every call goes through `call`, which
 * records API usage (from any answer, failed ones too) and the last success.
 */
export class SalesforceConnection {
  #connection: Connection | undefined;
  #transport: BoundedTransport | undefined;
  #record: CallRecord = { lastSuccessfulCallAt: null, apiUsage: null };
  #calls = 0;
  /** jsforce reports a failed refresh as plain text; this keeps what it was. */
  #refreshFailure: AppError | undefined;
  readonly #limits: CallLimits;
  readonly #callListeners = new Set<(sample: ApiCallSample) => void>();
  readonly #recordListeners = new Set<(record: CallRecord) => void>();
  readonly #retryListeners = new Set<(retry: CallRetry) => void>();

  constructor(
    private readonly vault: SessionVault,
    private readonly refresher: SessionRefresher,
    private readonly clock: Clock,
    limits: Partial<CallLimits> = {},
  ) {
    this.#limits = { ...DEFAULT_CALL_LIMITS, ...limits };
  }

  record(): CallRecord {
    return this.#record;
  }

  /** After every call Salesforce answered: the requests it counted, for the usage history. */
  onCalls(listener: (sample: ApiCallSample) => void): () => void {
    this.#callListeners.add(listener);
    return () => this.#callListeners.delete(listener);
  }

  /** Told after every call that reported API usage: the one figure every screen shows. */
  onRecorded(listener: (record: CallRecord) => void): () => void {
    this.#recordListeners.add(listener);
    return () => this.#recordListeners.delete(listener);
  }

  /** Told when a call is about to be sent again after a transient failure. */
  onRetry(listener: (retry: CallRetry) => void): () => void {
    this.#retryListeners.add(listener);
    return () => this.#retryListeners.delete(listener);
  }

  /** API calls made so far (each `call` is one request), for the sync's figures. */
  callCount(): number {
    return this.#calls;
  }

  /** Forget the cached connection (after connect or disconnect). */
  reset(): void {
    this.#connection = undefined;
    this.#transport = undefined;
    this.#record = { lastSuccessfulCallAt: null, apiUsage: null };
  }

  async call<T>(operation: (connection: Connection) => Promise<T>): Promise<T> {
    const connection = await this.#open();
    this.#calls += 1;
    try {
      const result = await operation(connection);
      this.refresher.noteSuccess();
      this.#note(true);
      return result;
    } catch (error) {
      this.#note(false);
      if (this.refresher.isDead()) throw this.refresher.deathError();
      throw toSalesforceError(error, this.#refreshFailure);
    }
  }

  /**
   * A GET whose answer is wanted as the text Salesforce sent (a page handed to SQLite whole,
   * not parsed into objects). Errors read as `call`'s do: jsforce, asked for text, reports a
   * Salesforce error only as its HTTP status, so its JSON body is read here.
   */
  async requestText(url: string): Promise<string> {
    return this.call((connection) =>
      connection.request<string>(url, { responseType: 'text/plain' }).catch((error: unknown) => {
        throw salesforceErrorInBody(error) ?? error;
      }),
    );
  }

  /**
   * The org's API usage for the Connection screen. /limits needs "View Setup and
   * Configuration"; for anyone else Salesforce refuses it, and the usage comes from the
   * Sforce-Limit-Info header of that very answer. Never an error of its own.
   */
  async measureApiUsage(): Promise<void> {
    try {
      await this.call((connection) => connection.limits());
    } catch (error) {
      if (error instanceof AppError && error.code === 'RECONNECT_NEEDED') throw error;
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
    const connection = new Connection({
      version: SALESFORCE_API_VERSION,
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      refreshFn: (_connection, callback) => {
        this.#refreshFailure = undefined;
        this.refresher.refresh().then(
          (next) => callback(undefined, next.accessToken),
          (error: unknown) => {
            if (error instanceof AppError) this.#refreshFailure = error;
            callback(error instanceof Error ? error : new Error(String(error)));
          },
        );
      },
    });
    this.#transport = new BoundedTransport(this.#limits, (retry) => {
      for (const listener of this.#retryListeners) listener(retry);
    });
    connection._transport = this.#transport;
    this.#connection = connection;
    return connection;
  }

  #note(succeeded: boolean): void {
    const at = this.clock.now();
    const now = new Date(at).toISOString();
    const { counted, usage } = this.#transport?.takeAnswers() ?? { counted: 0, usage: undefined };
    this.#record = {
      lastSuccessfulCallAt: succeeded ? now : this.#record.lastSuccessfulCallAt,
      apiUsage: usage
        ? { used: usage.used, max: usage.limit, measuredAt: now }
        : this.#record.apiUsage,
    };
    if (usage) for (const listener of this.#recordListeners) listener(this.#record);
    if (counted === 0) return;
    const sample = {
      at,
      calls: counted,
      orgUsage: usage ? { used: usage.used, max: usage.limit } : null,
    };
    for (const listener of this.#callListeners) listener(sample);
  }
}

/**
 * The first of the errors a Salesforce error body lists (`[{"errorCode", "message"}]`), as
 * jsforce reports it when it parses the body itself; undefined for any other failure.
 */
function salesforceErrorInBody(error: unknown): { errorCode: string; message: string } | undefined {
  const { errorCode, message } = (error ?? {}) as { errorCode?: unknown; message?: unknown };
  if (typeof errorCode !== 'string' || !errorCode.startsWith('ERROR_HTTP_')) return undefined;
  if (typeof message !== 'string') return undefined;
  let listed: unknown;
  try {
    listed = JSON.parse(message);
  } catch {
    return undefined;
  }
  const first = (Array.isArray(listed) ? listed[0] : listed) as
    { errorCode?: unknown; message?: unknown } | undefined;
  return typeof first?.errorCode === 'string' && typeof first.message === 'string'
    ? { errorCode: first.errorCode, message: first.message }
    : undefined;
}

/** jsforce's text for a refresh that failed: the reason is the error we kept. */
const REFRESH_FAILED = /^Unable to refresh session due to:/;

function toSalesforceError(error: unknown, refreshFailure: AppError | undefined): AppError {
  if (error instanceof AppError) return error;
  const { errorCode, message } = (error ?? {}) as { errorCode?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (refreshFailure && REFRESH_FAILED.test(text)) return refreshFailure;
  const code = typeof errorCode === 'string' ? errorCode : 'SALESFORCE_CALL_FAILED';
  const status = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
  if (status && Number(status) >= 500) {
    // A proxy or maintenance page (often HTML): its text means nothing to the person.
    return new AppError(
      'SALESFORCE_UNAVAILABLE',
      `Salesforce is temporarily unavailable (HTTP ${status}). Leadbridge will try again.`,
      { cause: error },
    );
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new AppError(
      code,
      `Salesforce's daily API allowance for this org is spent (${text}). Leadbridge will try again later; an admin can raise the limit.`,
    );
  }
  if (code === 'QUERY_TIMEOUT') {
    return new AppError(
      code,
      'Salesforce stopped a query for Leads that ran too long (QUERY_TIMEOUT).',
      { cause: error },
    );
  }
  const said =
    text && !/<html|<!doctype/i.test(text) ? text : 'an answer Leadbridge could not read';
  return new AppError(code, `Salesforce answered: ${said}`, { cause: error });
}
