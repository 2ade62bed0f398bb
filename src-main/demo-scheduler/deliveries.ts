// Every webhook the scheduler sends Leadbridge, retried with backoff until a 2xx answer, as a
// platform does: the URL and the secret are read at each attempt, so fixing Leadbridge's
// settings (or restarting it) lets a waiting webhook through.

import type { RetryPolicy } from './options';

export type WebhookSource = 'timerex' | 'calendly' | 'generic';

/** Where to send and how to authenticate, decided at each attempt; a string: why it cannot be sent. */
export type Addressing = { url: string; headers: Record<string, string> } | string;

export interface DeliveryAttempt {
  at: string;
  /** The HTTP status Leadbridge answered, or null when there was no answer. */
  status: number | null;
  /** No answer (refused, timed out), or not sent (not configured): why. */
  error: string | null;
  /** The start of Leadbridge's answer (its reason for a 4xx). */
  answer: string | null;
  durationMs: number;
}

export interface Delivery {
  id: number;
  source: WebhookSource;
  /** `event_confirmed`, `invitee.canceled`, `attempt.invite`, … */
  type: string;
  bookingId: string | null;
  body: unknown;
  state: 'pending' | 'delivered' | 'gave_up';
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
}

export interface DeliveryRequest {
  source: WebhookSource;
  type: string;
  bookingId: string | null;
  body: string;
  /** Called at each attempt with the attempt's time: the URL and headers (a fresh signature). */
  address: (nowMs: number) => Addressing;
}

const ANSWER_KEPT_CHARS = 300;

export class Deliveries {
  readonly #deliveries: Delivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #closing = new AbortController();

  constructor(
    private readonly policy: RetryPolicy,
    private readonly now: () => number,
  ) {}

  /** Queues a webhook and makes its first attempt at once. */
  send(request: DeliveryRequest): Delivery {
    const delivery: Delivery = {
      id: this.#deliveries.length + 1,
      source: request.source,
      type: request.type,
      bookingId: request.bookingId,
      body: JSON.parse(request.body) as unknown,
      state: 'pending',
      attempts: [],
      nextAttemptAt: null,
    };
    this.#deliveries.push(delivery);
    void this.#attempt(delivery, request);
    return delivery;
  }

  list(): Delivery[] {
    return this.#deliveries;
  }

  /** Stops every retry and aborts the requests in flight. */
  close(): void {
    this.#closing.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #attempt(delivery: Delivery, request: DeliveryRequest): Promise<void> {
    if (this.#closing.signal.aborted) return;
    const started = this.now();
    const attempt = await this.#post(request, started);
    if (this.#closing.signal.aborted) return;
    delivery.attempts.push({ ...attempt, at: new Date(started).toISOString() });
    if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300) {
      delivery.state = 'delivered';
      delivery.nextAttemptAt = null;
      return;
    }
    const made = delivery.attempts.length;
    if (this.policy.maxAttempts !== null && made >= this.policy.maxAttempts) {
      delivery.state = 'gave_up';
      delivery.nextAttemptAt = null;
      return;
    }
    const delay = Math.min(
      this.policy.firstDelayMs * this.policy.factor ** (made - 1),
      this.policy.maxDelayMs,
    );
    delivery.nextAttemptAt = new Date(this.now() + delay).toISOString();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#attempt(delivery, request);
    }, delay);
    this.#timers.add(timer);
  }

  async #post(request: DeliveryRequest, started: number): Promise<Omit<DeliveryAttempt, 'at'>> {
    const addressing = request.address(started);
    if (typeof addressing === 'string')
      return { status: null, error: addressing, answer: null, durationMs: 0 };
    const clock = performance.now();
    try {
      const response = await fetch(addressing.url, {
        method: 'POST',
        headers: addressing.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.any([this.#closing.signal, AbortSignal.timeout(this.policy.timeoutMs)]),
      });
      const answer = (await response.text()).slice(0, ANSWER_KEPT_CHARS);
      return {
        status: response.status,
        error: null,
        answer,
        durationMs: Math.round(performance.now() - clock),
      };
    } catch (error) {
      return {
        status: null,
        error: describeFailure(error),
        answer: null,
        durationMs: Math.round(performance.now() - clock),
      };
    }
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused: is Leadbridge’s receiver on?';
  return error instanceof Error ? (cause?.code ?? error.message) : String(error);
}
