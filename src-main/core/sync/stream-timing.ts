import type { Clock } from '../ports';

export interface CoalesceTiming {
  /** Fire this long after the last call… */
  quietMs: number;
  /** …but no later than this after the first, so steady calls do not wait for a pause… */
  maxWaitMs: number;
  /** …and never sooner than this after the previous firing, however steady the calls. */
  minIntervalMs: number;
}

const DAY_MS = 86_400_000;

/**
 * What stream-triggered syncs may spend. Each costs one API call (an incremental query), so
 * an edit every 5 s synced at once would cost ~17,000 calls a day: 17 % of a 100,000-call
 * org for one installation. The cap is 10 % of such an org, 10,000 syncs a day, so at most
 * one every 8.64 s. Not less: a median edit-to-log of 5 s under an edit every 5 s needs at
 * least one sync per two edits (a sync only serves the edit just before it within 5 s), so
 * a 5 % cap (one per 17 s) would leave most edits waiting ~9 s. The 500 ms quiet period
 * keeps a lone edit quick; bursts coalesce into one sync.
 */
export const STREAM_SYNCS_PER_DAY = 10_000;
export const streamSyncTiming: CoalesceTiming = {
  quietMs: 500,
  maxWaitMs: 2_000,
  minIntervalMs: DAY_MS / STREAM_SYNCS_PER_DAY,
};

/** Coalesces calls into firings paced by a `CoalesceTiming`. */
export class Debouncer {
  #cancel: (() => void) | undefined;
  #firstAt: number | undefined;
  #lastFiredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly timing: CoalesceTiming,
    private readonly fire: () => void,
  ) {}

  trigger(): void {
    const now = this.clock.now();
    this.#firstAt ??= now;
    const { quietMs, maxWaitMs, minIntervalMs } = this.timing;
    const debounced = Math.min(now + quietMs, this.#firstAt + maxWaitMs);
    const due = Math.max(debounced, this.#lastFiredAt + minIntervalMs);
    this.#cancel?.();
    this.#cancel = this.clock.setTimer(
      () => {
        this.#cancel = undefined;
        this.#firstAt = undefined;
        this.#lastFiredAt = this.clock.now();
        this.fire();
      },
      Math.max(0, due - now),
    );
  }

  /** Forgets a pending call, saying whether there was one; pacing counts from the last firing. */
  cancel(): boolean {
    const pending = this.#cancel !== undefined;
    this.#cancel?.();
    this.#cancel = undefined;
    this.#firstAt = undefined;
    return pending;
  }
}

/** Doubling waits between reconnect attempts (1 s, 2 s, 4 s … capped), until `reset`. */
export class Backoff {
  #attempts = 0;

  constructor(
    private readonly firstMs = 1_000,
    private readonly maxMs = 60_000,
  ) {}

  next(): number {
    const delay = Math.min(this.firstMs * 2 ** this.#attempts, this.maxMs);
    // Past the cap the exponent only grows toward Infinity; stop counting there.
    if (delay < this.maxMs) this.#attempts += 1;
    return delay;
  }

  reset(): void {
    this.#attempts = 0;
  }
}
