import type { Database, Statement } from 'better-sqlite3';
import {
  platformEventSchema,
  type BookingOutcome,
  type PlatformEvent,
} from '../../../src-preload/contract';
import type { Clock } from '../ports';
import type { BookingPostInput } from '../writeback/outbox';

export type BookingStatus = 'booked' | 'rescheduled' | 'cancelled' | 'no_show' | 'completed';
export type PostedRecord = { kind: 'lead' | 'contact'; id: string };

export interface PostedBooking {
  bookingId: number;
  meetingTypeId: number | null;
  event: PlatformEvent;
  record: PostedRecord;
  /** `created`: the post made the record (the sync has not cached it yet). */
  outcome: PostOutcome['outcome'];
}

/** A booking as the poster reads it. */
export interface StoredBooking {
  id: number;
  status: BookingStatus;
  event: PlatformEvent;
  meetingTypeId: number | null;
  instanceId: number | null;
  outcome: BookingOutcome;
  record: PostedRecord | null;
  eventItemId: number | null;
}

/** How a post ended: the outcome, the record it went to, and why it failed. */
export interface PostOutcome {
  outcome: Exclude<BookingOutcome, 'pending'>;
  record: PostedRecord | null;
  error: { code: string; message: string } | null;
  eventItemId: number | null;
}

interface BookingRow {
  id: number;
  status: BookingStatus;
  event: string;
  event_occurred_at: string;
  meeting_type_id: number | null;
  instance_id: number | null;
  post_item_id: number | null;
  outcome: BookingOutcome;
  record_kind: 'lead' | 'contact' | null;
  record_id: string | null;
  event_item_id: number | null;
}

const BOOKING_KINDS = new Set<string>([
  'booked',
  'rescheduled',
  'cancelled',
  'no_show',
  'completed',
]);

/**
 * The bookings the meeting platform reported: one row per booking however often and in
 * whatever order its events arrive, and its post queued once, on the first event that gives
 * it a time. Runs inside the caller's transaction (the applier's, one per inbound event).
 */
export class BookingLedger {
  readonly #listeners = new Set<(posted: PostedBooking) => void>();
  readonly #byKey: Statement<[string, string], BookingRow>;
  readonly #byId: Statement<[number], BookingRow>;
  readonly #addKey: Statement<[string, string, number]>;
  readonly #setPostItem: Statement<[number, number]>;
  readonly #setInstance: Statement<[number, number]>;
  readonly #insertBooking: Statement<Record<string, unknown>, { id: number }>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly enqueueBookingPost: (input: BookingPostInput) => number,
  ) {
    this.#byKey = db.prepare(
      `SELECT b.* FROM booking_keys k JOIN bookings b ON b.id = k.booking_id
       WHERE k.source = ? AND k.external_id = ?`,
    );
    this.#byId = db.prepare('SELECT * FROM bookings WHERE id = ?');
    // Prepared once: a new booking runs each of them, inside the applier's transaction.
    this.#addKey = db.prepare(
      `INSERT INTO booking_keys (source, external_id, booking_id) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.#setPostItem = db.prepare('UPDATE bookings SET post_item_id = ? WHERE id = ?');
    this.#setInstance = db.prepare('UPDATE bookings SET instance_id = ? WHERE id = ?');
    this.#insertBooking = db.prepare(
      `INSERT INTO bookings (source, external_id, status, event, event_occurred_at,
         calendar_id, calendar_name, guest_email, guest_name, guest_company, start, "end",
         meeting_type_id, inbox_id, received_at, updated_at)
       VALUES (@source, @externalId, @status, @event, @occurredAt, @calendarId, @calendarName,
         @guestEmail, @guestName, @guestCompany, @start, @end, @meetingTypeId, @inboxId, @now,
         @now)
       RETURNING id`,
    );
  }

  /**
   * Upserts the booking (by source and external id; a reschedule's `rescheduledFrom` finds
   * it under its old id and re-keys it), keeps its status (a cancel wins whenever it
   * arrived; a late `booked` moves nothing), and on its first event with a time queues ONE
   * booking post (key `booking:<id>`).
   */
  recordEvent(
    event: PlatformEvent,
    meetingTypeId: number | null,
    inboxId: number,
  ): { bookingId: number; queued: boolean } {
    if (!this.db.inTransaction) {
      throw new Error('BookingLedger.recordEvent outside a transaction: call it in the applier’s');
    }
    if (!BOOKING_KINDS.has(event.kind)) {
      throw new Error(`A ${event.kind} event is not about a booking`);
    }
    const now = new Date(this.clock.now()).toISOString();
    const found =
      this.#byKey.get(event.source, event.externalId) ??
      (event.rescheduledFrom === null
        ? undefined
        : this.#byKey.get(event.source, event.rescheduledFrom));
    const bookingId = found
      ? this.#update(found, event, meetingTypeId, inboxId, now)
      : this.#insert(event, meetingTypeId, inboxId, now);
    this.#addKey.run(event.source, event.externalId, bookingId);
    const queued =
      (event.kind === 'booked' || event.kind === 'rescheduled') &&
      event.start !== null &&
      (found?.post_item_id ?? null) === null;
    if (queued) {
      const itemId = this.enqueueBookingPost({
        bookingId,
        cause: { kind: 'platform', id: event.externalId, name: event.calendar?.name ?? null },
        instanceId: found?.instance_id ?? null,
        idempotencyKey: `booking:${bookingId}`,
      });
      this.#setPostItem.run(itemId, bookingId);
    }
    return { bookingId, queued };
  }

  /** Called inside the post outcome's transaction, for every booking posted to a record. */
  onPosted(listener: (posted: PostedBooking) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The instance the booking moved or started (the applier knows it). */
  linkInstance(bookingId: number, instanceId: number): void {
    this.#setInstance.run(instanceId, bookingId);
  }

  get(bookingId: number): StoredBooking | undefined {
    const row = this.#byId.get(bookingId);
    return row && toStored(row);
  }

  /**
   * The poster's outcome, inside its transaction; the onPosted listeners run in it too, so a
   * booking's record and what the listeners do with it commit together.
   */
  recordOutcome(bookingId: number, result: PostOutcome): void {
    if (!this.db.inTransaction) {
      throw new Error('BookingLedger.recordOutcome outside a transaction');
    }
    const now = new Date(this.clock.now()).toISOString();
    this.db
      .prepare(
        `UPDATE bookings SET outcome = @outcome, record_kind = @kind, record_id = @recordId,
           error_code = @code, error_message = @message,
           event_item_id = coalesce(@eventItemId, event_item_id),
           posted_at = CASE WHEN @outcome = 'failed' THEN NULL ELSE @now END,
           updated_at = @now
         WHERE id = @id`,
      )
      .run({
        id: bookingId,
        outcome: result.outcome,
        kind: result.record?.kind ?? null,
        recordId: result.record?.id ?? null,
        code: result.error?.code ?? null,
        message: result.error?.message ?? null,
        eventItemId: result.eventItemId,
        now,
      });
    if (result.record === null) return;
    const booking = this.get(bookingId)!;
    for (const listener of this.#listeners) {
      listener({
        bookingId,
        meetingTypeId: booking.meetingTypeId,
        event: booking.event,
        record: result.record,
        outcome: result.outcome,
      });
    }
  }

  /** The bookings whose Event is one of these outbox items. */
  bookingsWithEvents(itemIds: readonly number[]): number[] {
    return this.db
      .prepare(
        `SELECT id FROM bookings WHERE event_item_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .pluck()
      .all(JSON.stringify(itemIds)) as number[];
  }

  /** A failed booking's post goes again (Retry): back to pending. */
  markPending(bookingIds: readonly number[]): void {
    this.db
      .prepare(
        `UPDATE bookings SET outcome = 'pending', error_code = NULL, error_message = NULL
         WHERE outcome = 'failed' AND id IN (SELECT value FROM json_each(?))`,
      )
      .run(JSON.stringify(bookingIds));
  }

  #insert(
    event: PlatformEvent,
    meetingTypeId: number | null,
    inboxId: number,
    now: string,
  ): number {
    const row = this.#insertBooking.get({
      ...detailsOf(event),
      source: event.source,
      externalId: event.externalId,
      status: event.kind,
      meetingTypeId,
      inboxId,
      now,
    })!;
    return row.id;
  }

  #update(
    found: BookingRow,
    event: PlatformEvent,
    meetingTypeId: number | null,
    inboxId: number,
    now: string,
  ): number {
    const status = nextStatus(found.status, event.kind as BookingStatus);
    // Only a newer event with a time re-times the booking; a cancel keeps what was booked.
    const retimed = event.start !== null && event.occurredAt >= found.event_occurred_at;
    const stored = JSON.parse(found.event) as PlatformEvent;
    const details = retimed || stored.start === null ? detailsOf(event) : null;
    this.db
      .prepare(
        `UPDATE bookings SET status = @status, external_id = coalesce(@externalId, external_id),
           meeting_type_id = coalesce(@meetingTypeId, meeting_type_id), inbox_id = @inboxId,
           updated_at = @now ${
             details
               ? `, event = @event, event_occurred_at = @occurredAt, calendar_id = @calendarId,
                  calendar_name = @calendarName, guest_email = @guestEmail,
                  guest_name = @guestName, guest_company = @guestCompany, start = @start,
                  "end" = @end`
               : ''
           }
         WHERE id = @id`,
      )
      .run({
        ...(details ?? {}),
        id: found.id,
        status,
        // A reschedule under a new id re-keys the booking; a late event about the old id
        // leaves its current id.
        externalId: event.rescheduledFrom !== null && retimed ? event.externalId : null,
        meetingTypeId,
        inboxId,
        now,
      });
    return found.id;
  }
}

/** A cancel is final; a late `booked` moves nothing; the rest is the latest word. */
function nextStatus(current: BookingStatus, reported: BookingStatus): BookingStatus {
  if (current === 'cancelled' || reported === 'booked') return current;
  return reported;
}

function detailsOf(event: PlatformEvent) {
  const { firstName, lastName } = event.guest;
  const name = [firstName, lastName].filter(Boolean).join(' ');
  return {
    event: JSON.stringify(event),
    occurredAt: event.occurredAt,
    calendarId: event.calendar?.id ?? null,
    calendarName: event.calendar?.name ?? null,
    guestEmail: event.guest.email,
    guestName: name || null,
    guestCompany: event.guest.company,
    start: event.start,
    end: event.end,
  };
}

function toStored(row: BookingRow): StoredBooking {
  return {
    id: row.id,
    status: row.status,
    event: platformEventSchema.parse(JSON.parse(row.event)),
    meetingTypeId: row.meeting_type_id,
    instanceId: row.instance_id,
    outcome: row.outcome,
    record: row.record_kind && row.record_id ? { kind: row.record_kind, id: row.record_id } : null,
    eventItemId: row.event_item_id,
  };
}
