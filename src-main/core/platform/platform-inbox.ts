import type { Database } from 'better-sqlite3';
import {
  platformEventSchema,
  type PlatformEvent,
  type PlatformSource,
  type PlatformStatus,
  type ReceivedEvent,
} from '../../../src-preload/contract';
import type { Clock } from '../ports';

export type InboxState = ReceivedEvent['state'];

/** A stored event waiting to be applied (B's applier drains these in id order). */
export interface PendingEvent {
  id: number;
  receivedAt: string;
  event: PlatformEvent;
}

export interface InboxListQuery {
  states?: InboxState[] | undefined;
  /** Part of the guest's email or the platform's id. */
  query: string;
  limit: number;
  offset: number;
}

interface EventRow {
  id: number;
  received_at: string;
  event: string;
  state: InboxState;
  outcome: string | null;
  error_code: string | null;
  error_message: string | null;
  meeting_type_id: number | null;
  meeting_type_name: string | null;
  instance_id: number | null;
}

/**
 * The platform inbox (table platform_events, migration 10). `store` commits before it returns —
 * better-sqlite3 is synchronous — so the 200 that follows it never promises an event a crash
 * could lose.
 */
export class PlatformInbox {
  readonly #insert;
  readonly #existing;
  readonly #pending;
  readonly #applied;
  readonly #failed;
  readonly #bookingInstance;
  readonly #cancelArrived;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.#insert = db.prepare<
      [string, string, string, string, string, string, Buffer],
      { id: number }
    >(
      `INSERT INTO platform_events (source, kind, external_id, received_at, occurred_at, event, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#existing = db
      .prepare<[string, string, string], number>(
        'SELECT id FROM platform_events WHERE source = ? AND external_id = ? AND kind = ?',
      )
      .pluck();
    this.#pending = db.prepare<[number], { id: number; received_at: string; event: string }>(
      `SELECT id, received_at, event FROM platform_events WHERE state = 'pending' ORDER BY id LIMIT ?`,
    );
    this.#applied = db.prepare<[string, number | null, number | null, string, number]>(
      `UPDATE platform_events SET state = 'applied', outcome = ?, meeting_type_id = ?,
         instance_id = ?, applied_at = ?, error_code = NULL, error_message = NULL WHERE id = ?`,
    );
    this.#failed = db.prepare<[string, string, string, number]>(
      `UPDATE platform_events SET state = 'failed', error_code = ?, error_message = ?,
         applied_at = ? WHERE id = ?`,
    );
    // Both served by UNIQUE (source, external_id, kind): a booking has a few rows. Left to
    // itself, SQLite reads this one through platform_events_state, every applied event; and
    // an ORDER BY costs it a sorter per call, so the latest of those few is picked here.
    this.#bookingInstance = db
      .prepare<[string, string], [number, number]>(
        `SELECT id, instance_id FROM platform_events
         INDEXED BY sqlite_autoindex_platform_events_1
         WHERE source = ? AND external_id = ? AND state = 'applied' AND instance_id IS NOT NULL`,
      )
      .raw();
    this.#cancelArrived = db
      .prepare<[string, string], number>(
        `SELECT 1 FROM platform_events WHERE source = ? AND external_id = ? AND kind = 'cancelled'`,
      )
      .pluck();
  }

  /** The instance the latest applied event of this booking moved (the applier's trail). */
  instanceOfBooking(source: PlatformSource, externalId: string): number | null {
    let latest: [id: number, instanceId: number] | undefined;
    for (const row of this.#bookingInstance.all(source, externalId))
      if (!latest || row[0] > latest[0]) latest = row;
    return latest?.[1] ?? null;
  }

  /** Whether a cancel of this booking has arrived, applied or not: a cancel wins. */
  cancelArrived(source: PlatformSource, externalId: string): boolean {
    return this.#cancelArrived.get(source, externalId) !== undefined;
  }

  /** Stores the event unless the same (source, externalId, kind) is already there. */
  store(event: PlatformEvent, raw: Buffer): { id: number; duplicate: boolean } {
    // Looked up first: a conflicting INSERT would still use up an id.
    const existing = this.#existing.get(event.source, event.externalId, event.kind);
    if (existing !== undefined) return { id: existing, duplicate: true };
    const inserted = this.#insert.get(
      event.source,
      event.kind,
      event.externalId,
      new Date(this.clock.now()).toISOString(),
      event.occurredAt,
      JSON.stringify(event),
      raw,
    );
    if (!inserted) throw new Error('platform event neither inserted nor found');
    return { id: inserted.id, duplicate: false };
  }

  /**
   * Stores several events in ONE commit, each in a savepoint of its own: one that cannot be
   * stored is that one's error, the others are stored. Throws only when the commit fails.
   */
  storeEach(
    received: readonly { event: PlatformEvent; raw: Buffer }[],
  ): ({ id: number; duplicate: boolean } | { error: unknown })[] {
    return this.db
      .transaction(() =>
        received.map(({ event, raw }) => {
          try {
            return this.db.transaction(() => this.store(event, raw))();
          } catch (error) {
            return { error };
          }
        }),
      )
      .immediate();
  }

  /** The oldest pending events, in the order they were received. */
  pending(limit: number): PendingEvent[] {
    return this.#pending.all(limit).map((row) => ({
      id: row.id,
      receivedAt: row.received_at,
      event: platformEventSchema.parse(JSON.parse(row.event)),
    }));
  }

  markApplied(
    id: number,
    result: { outcome: string; meetingTypeId: number | null; instanceId: number | null },
  ): void {
    this.#applied.run(result.outcome, result.meetingTypeId, result.instanceId, this.#now(), id);
  }

  markFailed(id: number, error: { code: string; message: string }): void {
    this.#failed.run(error.code, error.message, this.#now(), id);
  }

  /** Received events, newest first, for Settings → Meeting platform (`platform:events`). */
  list(input: InboxListQuery): { events: ReceivedEvent[]; total: number } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (input.states && input.states.length > 0) {
      where.push(`e.state IN (${input.states.map(() => '?').join(', ')})`);
      params.push(...input.states);
    }
    const query = input.query.trim().toLowerCase();
    if (query) {
      where.push(
        `(instr(lower(json_extract(e.event, '$.guest.email')), ?) > 0 OR instr(lower(e.external_id), ?) > 0)`,
      );
      params.push(query, query);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare<(string | number)[], number>(`SELECT COUNT(*) FROM platform_events e ${filter}`)
      .pluck()
      .get(...params) as number;
    const rows = this.db
      .prepare<(string | number)[], EventRow>(
        `SELECT e.id, e.received_at, e.event, e.state, e.outcome, e.error_code, e.error_message,
           e.meeting_type_id, m.name AS meeting_type_name, e.instance_id
         FROM platform_events e LEFT JOIN meeting_types m ON m.id = e.meeting_type_id
         ${filter} ORDER BY e.id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, input.limit, input.offset);
    return { events: rows.map(toReceivedEvent), total };
  }

  /** What `platform:status` shows about received events. */
  counts(): PlatformStatus['received'] {
    const row = this.db
      .prepare<
        [],
        { total: number; pending: number | null; failed: number | null; last_at: string | null }
      >(
        `SELECT COUNT(*) AS total, SUM(state = 'pending') AS pending, SUM(state = 'failed') AS failed,
           MAX(received_at) AS last_at FROM platform_events`,
      )
      .get() as {
      total: number;
      pending: number | null;
      failed: number | null;
      last_at: string | null;
    };
    return {
      total: row.total,
      pending: row.pending ?? 0,
      failed: row.failed ?? 0,
      lastAt: row.last_at,
    };
  }

  #now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function toReceivedEvent(row: EventRow): ReceivedEvent {
  return {
    id: row.id,
    receivedAt: row.received_at,
    event: platformEventSchema.parse(JSON.parse(row.event)),
    state: row.state,
    outcome: row.outcome,
    error:
      row.error_code !== null ? { code: row.error_code, message: row.error_message ?? '' } : null,
    meetingType:
      row.meeting_type_id !== null && row.meeting_type_name !== null
        ? { id: row.meeting_type_id, name: row.meeting_type_name }
        : null,
    instanceId: row.instance_id,
  };
}
