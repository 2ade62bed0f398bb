import type { Database } from 'better-sqlite3';
import type { OutboundSettings } from '../../../src-preload/contract';
import type { Clock, Logger } from '../ports';
import type { LogRepository } from '../store/log-repository';
import type { ItemOutcome, OutboxStore, QueuedItem } from '../writeback/outbox-store';
import { retryAt } from '../writeback/retry-backoff';
import { sign } from './webhook-signature';

export interface OutboundSenderDependencies {
  db: Database;
  store: OutboxStore;
  /** Settings → Meeting platform, read at each send: a changed URL applies at once. */
  outbound(): OutboundSettings;
  /** The outbound secret, in memory. */
  secret(): string | undefined;
  log: LogRepository;
  clock: Clock;
  logger: Logger;
  /**
   * The sync is paused: nothing goes out. (It calls no Salesforce, so neither the API budget
   * nor a disconnected org holds it.)
   */
  paused(): boolean;
  /** After each item settles: `outbox:changed`. */
  changed(): void;
  /** How long the platform gets to answer (10 s). */
  timeoutMs?: number;
}

const TIMEOUT_MS = 10_000;
const BATCH = 50;
type Problem = { code: string; message: string };

/**
 * Delivers the outbox's instance events to the meeting platform: POST, signed
 * `Leadbridge-Signature` with the outbound secret, one at a time, oldest first. 2xx → sent;
 * 408, 429, 5xx or no answer → tried again with the outbox's backoff; any other answer →
 * failed with the status in the admin's words (Retry sends it again). The body's `id` is the
 * item's key, the same on every try, so the platform can tell a repeat.
 */
export class OutboundSender {
  #draining = false;
  #kicked = false;
  #again = false;
  #stopped = false;
  #cancelTimer: (() => void) | undefined;

  constructor(private readonly deps: OutboundSenderDependencies) {}

  /**
   * Items queued or retried, the sync resumed, or the app started: send what is due, once
   * this turn of the event loop is over (every outbox enqueue kicks, most queue no event).
   */
  kick(): void {
    if (this.#stopped) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    if (this.#kicked) return;
    this.#kicked = true;
    setImmediate(() => {
      this.#kicked = false;
      if (!this.#stopped) void this.#drain();
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer?.();
  }

  /** Resolves when the drain in progress or asked for (if any) has finished. */
  async idle(): Promise<void> {
    while (this.#draining || this.#kicked) await new Promise((resolve) => setImmediate(resolve));
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    this.#cancelTimer?.();
    try {
      do {
        this.#again = false;
        let sent = BATCH;
        while (sent === BATCH) {
          sent = 0;
          for (const item of this.deps.store.dueOfKind(this.#now(), 'instance_event', BATCH)) {
            // Paused between two items: the rest wait for the kick when the sync resumes.
            if (this.#stopped || this.deps.paused()) break;
            this.#settle(item, await this.#send(item));
            sent += 1;
          }
        }
      } while (this.#again && !this.#stopped);
    } catch (error) {
      // The database closed under the drain (the app is closing): the items stay pending.
      if (!this.#stopped)
        this.deps.logger.error('instance events drain failed', { error: String(error) });
    } finally {
      this.#draining = false;
      if (!this.#stopped) this.#schedule();
    }
  }

  async #send(item: QueuedItem): Promise<ItemOutcome> {
    const { enabled, url } = this.deps.outbound();
    if (!enabled || url === null) {
      return failed(
        'OUTBOUND_OFF',
        'Outbound instance events are off or have no URL, so this one was not sent. Turn them on with a URL in Settings → Meeting platform, then Retry.',
      );
    }
    const secret = this.deps.secret();
    if (!secret) {
      return failed(
        'OUTBOUND_SECRET_MISSING',
        'No outbound secret is set, so this event could not be signed. Generate one in Settings → Meeting platform, give it to the platform, then Retry.',
      );
    }
    const body = JSON.stringify({ id: item.idempotencyKey, ...item.values });
    const signature = sign(secret, body, Math.floor(this.deps.clock.now() / 1000));
    let status: number;
    let statusText: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'leadbridge-signature': signature },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.deps.timeoutMs ?? TIMEOUT_MS),
      });
      ({ status, statusText } = response);
      // Read to the end: the connection goes back to the pool.
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      return this.#later(item, {
        code: 'PLATFORM_UNREACHABLE',
        message: `The meeting platform could not be reached at ${hostOf(url)} (${this.#reason(error)}). Leadbridge sends the event again later.`,
      });
    }
    if (status >= 200 && status < 300) return { state: 'sent' };
    const answered = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
    if (status === 408 || status === 429 || status >= 500) {
      return this.#later(item, {
        code: 'PLATFORM_UNAVAILABLE',
        message: `The meeting platform answered ${answered}. Leadbridge sends the event again later.`,
      });
    }
    const what =
      status === 401 || status === 403
        ? 'Check that the platform has the same outbound secret as Settings → Meeting platform'
        : 'Check the outbound URL in Settings → Meeting platform';
    return failed(
      'PLATFORM_REFUSED',
      `The meeting platform refused the event (${answered}). ${what}, then Retry.`,
    );
  }

  #later(item: QueuedItem, problem: Problem): ItemOutcome {
    return {
      state: 'pending',
      retryAt: retryAt(item.attempts, this.deps.clock.now()),
      error: problem,
      keepInFlight: false,
    };
  }

  /** The outcome and its log entry in one transaction, then `outbox:changed`. */
  #settle(item: QueuedItem, outcome: ItemOutcome): void {
    const { db, store, log } = this.deps;
    const entry = db.transaction(() => {
      if (!store.settle(item.id, outcome, this.#now())) return null; // discarded meanwhile
      const kind = outcome.state === 'pending' ? 'retrying' : outcome.state;
      // The Lead's name, as the write-back's entries carry it: the log names the Lead.
      return log.insert(`outbound.${kind}`, item.leadId, {
        name: store.leadName(item.leadId),
        itemId: item.id,
        instanceId: item.instanceId,
        type: item.values.type,
        key: item.idempotencyKey,
        ...('error' in outcome ? { code: outcome.error.code, message: outcome.error.message } : {}),
        ...(outcome.state === 'pending' ? { retryAt: outcome.retryAt } : {}),
      });
    })();
    if (entry) log.announce([entry]);
    this.deps.changed();
  }

  #schedule(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const next = this.deps.store.nextAttemptAt(['instance_event']);
    if (next === null || this.deps.paused()) return;
    this.#cancelTimer = this.deps.clock.setTimer(
      () => {
        this.#cancelTimer = undefined;
        this.kick();
      },
      Math.max(0, Date.parse(next) - this.deps.clock.now()),
    );
  }

  #reason(error: unknown): string {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return `no answer within ${(this.deps.timeoutMs ?? TIMEOUT_MS) / 1000} s`;
    }
    const cause =
      error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return cause?.code ?? (error instanceof Error ? error.message : String(error));
  }

  #now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

function failed(code: string, message: string): ItemOutcome {
  return { state: 'failed', error: { code, message } };
}

function hostOf(url: string): string {
  return new URL(url).host;
}
