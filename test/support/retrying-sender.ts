// A meeting platform's delivery loop, as TimeRex and Calendly behave: each webhook is POSTed
// until it is answered 2xx, a refused connection, a reset or any other answer being retried
// after a growing pause. Time is compressed (milliseconds, not minutes) so a trial stays short.
import type { Webhook } from './generic-webhooks';

export interface DeliveryRecord {
  id: string;
  attempts: number;
  /** When the first 2xx answer reached the sender (performance.now()); null until then. */
  acceptedAt: number | null;
  /** What each attempt got: a status, or the network error's code. */
  answers: string[];
}

export interface RetryingSenderOptions {
  url: string;
  /** Built again for every attempt: a signature carries the moment it was made. */
  headers(body: string): Record<string, string>;
  /** Webhooks in flight at once. */
  concurrency: number;
  /** Pause between two webhooks of one lane, spreading the deliveries over time. */
  spacingMs: number;
  firstBackoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RetryingSender {
  readonly records = new Map<string, DeliveryRecord>();

  constructor(private readonly options: RetryingSenderOptions) {}

  /** Delivers every webhook (a repeated one as often as it is listed); resolves once all are 2xx. */
  async deliver(webhooks: readonly Webhook[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < webhooks.length) {
        const webhook = webhooks[next]!;
        next += 1;
        await this.deliverOne(webhook);
        await sleep(this.options.spacingMs);
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, lane));
  }

  /** The ids of webhooks answered 2xx before `moment` (performance.now()). */
  acceptedBefore(moment: number): string[] {
    return [...this.records.values()]
      .filter((record) => record.acceptedAt !== null && record.acceptedAt < moment)
      .map((record) => record.id);
  }

  private async deliverOne(webhook: Webhook): Promise<void> {
    const record = this.records.get(webhook.id) ?? {
      id: webhook.id,
      attempts: 0,
      acceptedAt: null,
      answers: [],
    };
    this.records.set(webhook.id, record);
    let backoff = this.options.firstBackoffMs;
    for (;;) {
      record.attempts += 1;
      const answer = await this.post(webhook.body);
      record.answers.push(answer);
      if (/^2\d\d$/.test(answer)) {
        record.acceptedAt ??= performance.now();
        return;
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
    }
  }

  private async post(body: string): Promise<string> {
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: this.options.headers(body),
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer();
      return String(response.status);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return cause?.code ?? (error as Error).name;
    }
  }
}
