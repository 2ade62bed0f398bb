import type { Database, Statement } from 'better-sqlite3';

/** A booking_post outbox item due for sending. */
export interface DuePost {
  itemId: number;
  bookingId: number;
  attempts: number;
  /** Set when an earlier send's outcome is unknown: its record is looked up first. */
  inFlightSince: string | null;
}

/** The outbox's booking posts, beside the Lead writes the OutboxStore serves. */
export class BookingPostQueue {
  readonly #due: Statement<[string, number], DuePost>;

  constructor(private readonly db: Database) {
    // Prepared once, and by the pending items of its kind (migration 14): the worker asks at
    // every drain, however many posts wait.
    this.#due = db.prepare(
      `SELECT id AS itemId, booking_id AS bookingId, attempts, in_flight_since AS inFlightSince
       FROM outbox INDEXED BY outbox_pending_kind
       WHERE kind = 'booking_post' AND state = 'pending' AND next_attempt_at <= ?
       ORDER BY id LIMIT ?`,
    );
  }

  /** The first `max` due posts, oldest first. */
  due(now: string, max: number): DuePost[] {
    return this.#due.all(now, max);
  }

  /** The record a post went to, once known (the Outbox view names it). */
  nameRecord(itemId: number, object: 'Lead' | 'Contact', recordId: string): void {
    this.db
      .prepare('UPDATE outbox SET lead_id = ?, object = ? WHERE id = ?')
      .run(recordId, object, itemId);
  }

  /** The post items of these bookings. */
  itemsOf(bookingIds: readonly number[]): number[] {
    return this.db
      .prepare(
        `SELECT id FROM outbox WHERE kind = 'booking_post'
         AND booking_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(bookingIds)) as number[];
  }
}
