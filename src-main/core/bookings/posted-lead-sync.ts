import type { Clock } from '../ports';
import { Debouncer, type CoalesceTiming } from '../sync/stream-timing';
import type { PostedBooking } from './booking-ledger';

/**
 * Bookings posted together (the poster sends up to 200 per call, in waves) share one sync: a
 * second of quiet, at most 3 s of waiting, and at most one such sync every 5 s.
 */
export const postedLeadSyncTiming: CoalesceTiming = {
  quietMs: 1_000,
  maxWaitMs: 3_000,
  minIntervalMs: 5_000,
};

export interface PostedLeadSyncDependencies {
  clock: Clock;
  isCached(leadId: string): boolean;
  /** The scheduler's background sync (never while paused or over the API budget). */
  sync(): void;
}

/**
 * A Lead a booking post created is synced within seconds, not at the next poll: the instance
 * booked for it, and the Update channel firings that wait for it, need it in the cache. Skipped
 * when the change stream's sync has brought every such Lead already.
 */
export class PostedLeadSync {
  readonly #awaited = new Set<string>();
  readonly #debounce: Debouncer;

  constructor(private readonly deps: PostedLeadSyncDependencies) {
    this.#debounce = new Debouncer(deps.clock, postedLeadSyncTiming, () => this.#due());
  }

  /** A onPosted listener: inside the post's transaction, so it only sets a timer. */
  posted(posted: PostedBooking): void {
    if (posted.outcome !== 'created' || posted.record.kind !== 'lead') return;
    this.#awaited.add(posted.record.id);
    this.#debounce.trigger();
  }

  stop(): void {
    this.#debounce.cancel();
    this.#awaited.clear();
  }

  #due(): void {
    const missing = [...this.#awaited].some((leadId) => !this.deps.isCached(leadId));
    this.#awaited.clear();
    if (missing) this.deps.sync();
  }
}
