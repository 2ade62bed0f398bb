import type { Database, Statement } from 'better-sqlite3';
import {
  outboxKindSchema,
  outboxStateSchema,
  type ChangeCause,
  type OutboxConflict,
  type OutboxCounts,
  type OutboxItem,
  type OutboxKind,
  type OutboxState,
} from '../../../src-preload/contract';

/** What was created or updated in Salesforce's own words (its object name). */
export type OutboxObject = 'Lead' | 'Contact' | 'Task' | 'Event' | 'Webhook';

interface OutboxRow {
  id: number;
  kind: OutboxKind;
  lead_id: string | null;
  booking_id: number | null;
  object: OutboxObject;
  field_values: string;
  host_users: string;
  basis: string;
  idempotency_key: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string | null;
  in_flight_since: string | null;
  error_code: string | null;
  error_message: string | null;
  result_id: string | null;
  conflicts: string;
  cause: string;
  instance_id: number | null;
  created_at: string;
  finished_at: string | null;
  lead_name?: string | null;
}

/** A pending item as the worker sends it. */
export interface QueuedItem {
  id: number;
  kind: OutboxKind;
  object: OutboxObject;
  leadId: string;
  values: Record<string, unknown>;
  hostUsers: Record<string, string>;
  basis: Record<string, unknown>;
  idempotencyKey: string;
  attempts: number;
  /** Set when an earlier send's outcome is unknown: look it up before sending again. */
  inFlightSince: string | null;
  cause: ChangeCause;
  instanceId: number | null;
}

/** Where an item ends up after an attempt. */
export type ItemOutcome =
  | { state: 'sent'; resultId?: string | null }
  | { state: 'conflict'; conflicts: OutboxConflict[] }
  | { state: 'failed' | 'skipped'; error: { code: string; message: string } }
  | {
      /** Transient: tried again at `retryAt`. The mark stays when the outcome is unknown. */
      state: 'pending';
      retryAt: string;
      error: { code: string; message: string };
      keepInFlight: boolean;
    };

export interface OutboxListQuery {
  states?: OutboxState[] | undefined;
  leadId?: string | undefined;
  limit: number;
  offset: number;
}

const PENDING_DUE = `state = 'pending' AND next_attempt_at <= @now`;
/** Pending items of one kind in queue order (migration 14): a backlog is not read through. */
const PENDING_OF_KIND = 'outbox INDEXED BY outbox_pending_kind';

/** The outbox table: what the worker takes, what it records, what the Outbox view lists. */
export class OutboxStore {
  readonly #markInFlight: Statement<{ now: string; ids: string }, { id: number }>;
  readonly #dueUpdateLeads: Statement<{ now: string }, string>;
  readonly #settle: Statement<{
    id: number;
    state: OutboxState;
    now: string;
    next: string | null;
    keepInFlight: number;
    code: string | null;
    message: string | null;
    resultId: string | null;
    conflicts: string;
  }>;
  readonly #leadName: Statement<[string], string | null>;
  readonly #dueOfKind: Statement<{ now: string; kind: OutboxKind; max: number }, OutboxRow>;
  readonly #nextDueOfKind: Statement<[OutboxKind], string | null>;
  readonly #lastSentAt: Statement<[], string | null>;
  readonly #counts: Statement<[], { state: OutboxState; n: number }>;

  constructor(private readonly db: Database) {
    // Prepared once: the worker and the outbound sender ask these after every enqueue.
    this.#dueOfKind = db.prepare(
      `SELECT * FROM ${PENDING_OF_KIND} WHERE kind = @kind AND ${PENDING_DUE}
       ORDER BY id LIMIT @max`,
    );
    this.#nextDueOfKind = db
      .prepare<[OutboxKind], string | null>(
        `SELECT MIN(next_attempt_at) FROM outbox INDEXED BY outbox_pending_kind_due
         WHERE state = 'pending' AND kind = ?`,
      )
      .pluck();
    this.#lastSentAt = db
      .prepare<[], string | null>(
        `SELECT MAX(finished_at) FROM outbox INDEXED BY outbox_finished
         WHERE state IN ('sent', 'conflict')`,
      )
      .pluck();
    this.#counts = db.prepare('SELECT state, n FROM outbox_counts');
    this.#leadName = db
      .prepare<[string], string | null>('SELECT name FROM leads WHERE id = ?')
      .pluck();
    this.#dueUpdateLeads = db
      .prepare<{ now: string }, string>(
        `SELECT lead_id FROM ${PENDING_OF_KIND}
         WHERE kind = 'lead_update' AND ${PENDING_DUE} ORDER BY id`,
      )
      .pluck();
    this.#markInFlight = db.prepare(
      `UPDATE outbox SET in_flight_since = coalesce(in_flight_since, @now)
       WHERE state = 'pending' AND id IN (SELECT value FROM json_each(@ids))
       RETURNING id`,
    );
    this.#settle = db.prepare(`
      UPDATE outbox SET
        state = @state,
        attempts = attempts + 1,
        next_attempt_at = @next,
        in_flight_since = CASE WHEN @keepInFlight = 1 THEN in_flight_since END,
        error_code = @code,
        error_message = @message,
        result_id = coalesce(@resultId, result_id),
        conflicts = @conflicts,
        finished_at = CASE WHEN @state = 'pending' THEN NULL ELSE @now END
      WHERE id = @id AND state = 'pending'`);
  }

  /**
   * Every pending update of the first `maxLeads` Leads that have one due (other than
   * `except`, a batch being written): not-yet-due ones too, so that an older decision waiting
   * out a backoff never lands after a newer one.
   */
  dueLeadUpdates(now: string, maxLeads: number, except?: ReadonlySet<string>): QueuedItem[] {
    // Walks the pending updates in decision order and stops at the `maxLeads`-th Lead: the
    // batch costs what it takes, however many wait behind it.
    const leads = new Set<string>();
    for (const leadId of this.#dueUpdateLeads.iterate({ now })) {
      if (except?.has(leadId)) continue;
      leads.add(leadId);
      if (leads.size === maxLeads) break;
    }
    if (leads.size === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM outbox WHERE kind = 'lead_update' AND state = 'pending'
           AND lead_id IN (SELECT value FROM json_each(@ids)) ORDER BY id`,
      )
      .all({ ids: JSON.stringify([...leads]) }) as OutboxRow[];
    return rows.map(toQueued);
  }

  /**
   * Per Lead, the fixed value Leadbridge's latest sent update wrote to each field. A field
   * still holding it was not edited by a person since, even when a later decision's cached
   * basis predates that write (the sync had not brought its echo back yet).
   */
  lastSentValues(leadIds: readonly string[]): Map<string, Record<string, unknown>> {
    const rows = this.db
      .prepare(
        `SELECT lead_id, field_values, host_users FROM outbox
         WHERE kind = 'lead_update' AND state = 'sent'
           AND lead_id IN (SELECT value FROM json_each(@ids))
         ORDER BY id`,
      )
      .all({ ids: JSON.stringify(leadIds) }) as {
      lead_id: string;
      field_values: string;
      host_users: string;
    }[];
    const sent = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      const hostUsers = JSON.parse(row.host_users) as Record<string, string>;
      const values = sent.get(row.lead_id) ?? {};
      for (const [field, value] of Object.entries(
        JSON.parse(row.field_values) as Record<string, unknown>,
      )) {
        if (!(field in hostUsers)) values[field] = value;
      }
      sent.set(row.lead_id, values);
    }
    return sent;
  }

  /**
   * Committed before a request whose outcome a crash or a dropped connection may hide.
   * Returns the ids marked: those still pending (not discarded meanwhile).
   */
  markInFlight(ids: readonly number[], now: string): number[] {
    return this.#markInFlight.all({ now, ids: JSON.stringify(ids) }).map((row) => row.id);
  }

  /** Records an attempt's outcome, inside the caller's transaction. False if it was discarded. */
  /** The Lead's name as cached, for the log entry of an outcome (null when not cached). */
  leadName(leadId: string): string | null {
    return this.#leadName.get(leadId) ?? null;
  }

  settle(id: number, outcome: ItemOutcome, now: string): boolean {
    const error = 'error' in outcome ? outcome.error : null;
    return (
      this.#settle.run({
        id,
        state: outcome.state,
        now,
        next: outcome.state === 'pending' ? outcome.retryAt : null,
        keepInFlight: outcome.state === 'pending' && outcome.keepInFlight ? 1 : 0,
        code: error?.code ?? null,
        message: error?.message ?? null,
        resultId: outcome.state === 'sent' ? (outcome.resultId ?? null) : null,
        conflicts: JSON.stringify(outcome.state === 'conflict' ? outcome.conflicts : []),
      }).changes === 1
    );
  }

  /** When the next pending item (of these kinds, or any) falls due (null: nothing pending). */
  nextAttemptAt(kinds: readonly OutboxKind[] = outboxKindSchema.options): string | null {
    let next: string | null = null;
    for (const kind of kinds) {
      const due = this.#nextDueOfKind.get(kind) ?? null;
      if (due !== null && (next === null || due < next)) next = due;
    }
    return next;
  }

  /** The first `max` due items of one kind, oldest first. */
  dueOfKind(now: string, kind: OutboxKind, max: number): QueuedItem[] {
    return this.#dueOfKind.all({ now, kind, max }).map(toQueued);
  }

  lastSentAt(): string | null {
    return this.#lastSentAt.get() ?? null;
  }

  counts(): OutboxCounts {
    const counts = Object.fromEntries(outboxStateSchema.options.map((s) => [s, 0])) as OutboxCounts;
    for (const row of this.#counts.all()) counts[row.state] = row.n;
    return counts;
  }

  /** Failed, conflict and skipped items counted by the code that stopped them. */
  reasons(): { code: string; state: OutboxState; count: number }[] {
    return this.db
      .prepare(
        `SELECT coalesce(error_code, 'CONFLICT') AS code, state, COUNT(*) AS count FROM outbox
         WHERE state IN ('failed', 'conflict', 'skipped')
         GROUP BY code, state ORDER BY count DESC, code`,
      )
      .all() as { code: string; state: OutboxState; count: number }[];
  }

  /**
   * The failed items one code stopped, as Retry takes them: a booking post by its booking
   * (Retry marks the booking pending too), everything else by its item. At most `max`.
   */
  failedWith(code: string, max: number): { itemIds: number[]; bookingIds: number[] } {
    const rows = this.db
      .prepare(
        `SELECT id, kind, booking_id FROM outbox INDEXED BY outbox_state
         WHERE state = 'failed' AND error_code = ? ORDER BY id LIMIT ?`,
      )
      .all(code, max) as Pick<OutboxRow, 'id' | 'kind' | 'booking_id'>[];
    return {
      itemIds: rows.filter((row) => row.kind !== 'booking_post').map((row) => row.id),
      bookingIds: rows.flatMap((row) =>
        row.kind === 'booking_post' && row.booking_id !== null ? [row.booking_id] : [],
      ),
    };
  }

  list(query: OutboxListQuery): { items: OutboxItem[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit, offset: query.offset };
    if (query.states && query.states.length > 0) {
      where.push('o.state IN (SELECT value FROM json_each(@states))');
      params.states = JSON.stringify(query.states);
    }
    if (query.leadId) {
      where.push('o.lead_id = @leadId');
      params.leadId = query.leadId;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM outbox o ${clause}`)
      .pluck()
      .get(params) as number;
    const rows = this.db
      .prepare(
        `SELECT o.*, l.name AS lead_name FROM outbox o LEFT JOIN leads l ON l.id = o.lead_id
         ${clause} ORDER BY o.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as OutboxRow[];
    return { items: rows.map(toItem), total };
  }

  /**
   * Failed and conflict items back to pending, due now. A conflict is decided again against
   * the Lead as it is now: the person's value becomes the basis. Returns the items retried.
   */
  retry(ids: readonly number[], now: string): { id: number }[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM outbox WHERE state IN ('failed', 'conflict')
         AND id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as OutboxRow[];
    const update = this.db.prepare(
      `UPDATE outbox SET state = 'pending', next_attempt_at = ?, basis = ?, error_code = NULL,
         error_message = NULL, conflicts = '[]', finished_at = NULL WHERE id = ?`,
    );
    for (const row of rows) {
      const basis = JSON.parse(row.basis) as Record<string, unknown>;
      for (const conflict of JSON.parse(row.conflicts) as OutboxConflict[]) {
        basis[conflict.field] = conflict.theirs;
      }
      update.run(now, JSON.stringify(basis), row.id);
    }
    return rows.map((row) => ({ id: row.id }));
  }

  /**
   * Pending, failed and conflict items to discarded; never one being sent (its write may
   * already be in Salesforce). Returns the items discarded.
   */
  discard(ids: readonly number[], now: string): { id: number }[] {
    const rows = this.db
      .prepare(
        `UPDATE outbox SET state = 'discarded', finished_at = ?, next_attempt_at = NULL
         WHERE state IN ('pending', 'failed', 'conflict') AND in_flight_since IS NULL
           AND id IN (SELECT value FROM json_each(?))
         RETURNING *`,
      )
      .all(now, JSON.stringify(ids)) as OutboxRow[];
    return rows.map((row) => ({ id: row.id }));
  }
}

function toQueued(row: OutboxRow): QueuedItem {
  if (row.lead_id === null) {
    // Only a booking post waits for its record, and it is not sent as a Lead write or create.
    throw new Error(`Outbox item ${row.id} (${row.kind}) names no record to write`);
  }
  return {
    id: row.id,
    kind: row.kind,
    object: row.object,
    leadId: row.lead_id,
    values: JSON.parse(row.field_values) as Record<string, unknown>,
    hostUsers: JSON.parse(row.host_users) as Record<string, string>,
    basis: JSON.parse(row.basis) as Record<string, unknown>,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    inFlightSince: row.in_flight_since,
    cause: JSON.parse(row.cause) as ChangeCause,
    instanceId: row.instance_id,
  };
}

function toItem(row: OutboxRow): OutboxItem {
  const values = JSON.parse(row.field_values) as Record<string, unknown>;
  for (const [field, hostEmail] of Object.entries(
    JSON.parse(row.host_users) as Record<string, string>,
  )) {
    values[field] = { hostEmail };
  }
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    leadId: row.lead_id,
    bookingId: row.booking_id,
    leadName: row.lead_name ?? null,
    values,
    cause: JSON.parse(row.cause) as ChangeCause,
    instanceId: row.instance_id,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
    finishedAt: row.finished_at,
    resultId: row.result_id,
    error:
      row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    conflicts: JSON.parse(row.conflicts) as OutboxConflict[],
  };
}
