import type { Clock } from '../ports';

/**
 * Coalesces a burst of calls into one: fires `quietMs` after the last call, but never later
 * than `maxWaitMs` after the first, so a steady stream of edits still syncs every few seconds
 * instead of waiting for a pause that may never come.
 */
export class Debouncer {
  #cancel: (() => void) | undefined;
  #firstAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly fire: () => void,
  ) {}

  trigger(): void {
    const now = this.clock.now();
    this.#firstAt ??= now;
    const delay = Math.max(0, Math.min(this.quietMs, this.#firstAt + this.maxWaitMs - now));
    this.#cancel?.();
    this.#cancel = this.clock.setTimer(() => {
      this.#cancel = undefined;
      this.#firstAt = undefined;
      this.fire();
    }, delay);
  }

  pending(): boolean {
    return this.#cancel !== undefined;
  }

  cancel(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#firstAt = undefined;
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
