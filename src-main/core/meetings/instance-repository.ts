import type { Database, Statement } from 'better-sqlite3';
import {
  openInstanceStatuses,
  type ChangeCause,
  type InstanceHistoryEntry,
  type InstancesChanged,
  type InstanceStatus,
  type InstanceSummary,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { LogRepository } from '../store/log-repository';
import {
  adminStatusesFrom,
  assertTransition,
  isOpenStatus,
  label,
  startingStatuses,
} from './instance-status-machine';
import {
  InstanceWrites,
  type BookingDetails,
  type CauseInput,
  type StatusChangeInput,
  type StatusEntered,
} from './instance-writes';
import type { MeetingTypeRepository } from './meeting-type-repository';

export interface OpenInstanceInput extends StatusChangeInput {
  /** A Lead Id (or a Contact Id, with recordKind 'contact'). */
  recordId: string;
  recordKind?: 'lead' | 'contact';
  email: string | null;
  meetingTypeId: number;
  /** One of startingStatuses: initialized, activated, booked or needs_attention. */
  status: InstanceStatus;
}

export interface OpenInstanceResult {
  instance: InstanceSummary;
  /** False: the record already had an open instance of this type, returned unchanged. */
  created: boolean;
}

export interface InstanceSearch {
  statuses?: readonly InstanceStatus[] | undefined;
  meetingTypeId?: number | undefined;
  query: string;
  limit: number;
  offset: number;
}

/** Runs inside the transaction that changes a status: a throw rolls the change back. */
export type StatusEnteredHandler = (entered: StatusEntered, writes: InstanceWrites) => void;
export type InstancesChangedListener = (changes: InstancesChanged['changes']) => void;

interface InstanceRow {
  id: number;
  record_id: string;
  record_kind: 'lead' | 'contact';
  email: string | null;
  meeting_type_id: number;
  status: InstanceStatus;
  booked_start: string | null;
  booked_end: string | null;
  host_email: string | null;
  meeting_url: string | null;
  opened_at: string;
  closed_at: string | null;
  changed_at: string;
  type_name: string;
  lead_name: string | null;
  lead_email: string | null;
  last_history_id: number;
}

interface HistoryRow {
  id: number;
  from_status: InstanceStatus | null;
  to_status: InstanceStatus;
  at: string;
  reason: string;
  cause_kind: ChangeCause['kind'];
  cause_id: string | null;
  cause_name: string | null;
}

const OPEN_LIST = openInstanceStatuses.map((status) => `'${status}'`).join(', ');
const SALESFORCE_ID = /^[a-zA-Z0-9]{15,18}$/;
// Scalar subqueries rather than joins: SQLite plans each as one index look-up, and a
// channel run reads an instance for every one it opens or moves.
const SELECT = `
  SELECT i.*,
    (SELECT name FROM meeting_types WHERE id = i.meeting_type_id) AS type_name,
    (SELECT name FROM leads WHERE id = i.record_id) AS lead_name,
    (SELECT email FROM leads WHERE id = i.record_id) AS lead_email,
    (SELECT MAX(id) FROM instance_history WHERE instance_id = i.id) AS last_history_id
  FROM instances i`;
const HISTORY = 'SELECT * FROM instance_history';

/**
 * Instances and their history: one prospect's journey through one meeting type.
 *
 * Every write is plain synchronous SQLite. Called with an `InstanceWrites`, it runs in the
 * caller's open transaction (so a channel runner commits instance changes together with its
 * cursor) and the caller calls `publish(writes)` after the commit. Called without, it runs
 * in a transaction of its own and publishes at once.
 */
export class InstanceRepository {
  readonly #statusEntered = new Set<StatusEnteredHandler>();
  readonly #changed = new Set<InstancesChangedListener>();
  // Prepared once: a channel run opens and moves thousands of instances.
  readonly #insert: Statement<unknown[], { id: number }>;
  readonly #update: Statement<Record<string, unknown>>;
  readonly #appendHistory: Statement<unknown[]>;
  readonly #byId: Statement<[number], InstanceRow>;
  readonly #open: Statement<[string, number], InstanceRow>;
  readonly #openOf: Statement<[string], InstanceRow>;
  readonly #openIdsByEmail: Statement<{ type: number; email: string }, number>;
  readonly #leadIdsByEmail: Statement<[string], string>;
  readonly #openIdOf: Statement<[string, number], number>;
  readonly #history: Statement<[number], HistoryRow>;
  readonly #historyEntry: Statement<[number], HistoryRow>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: LogRepository,
    private readonly meetingTypes: MeetingTypeRepository,
  ) {
    // The partial unique index decides, even against another connection's write.
    this.#insert = db.prepare(
      `INSERT INTO instances (record_id, record_kind, email, meeting_type_id, status,
         booked_start, booked_end, host_email, meeting_url, opened_at, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (record_id, meeting_type_id) WHERE status IN (${OPEN_LIST}) DO NOTHING
       RETURNING id`,
    );
    this.#update = db.prepare(
      `UPDATE instances SET status = @to, changed_at = @now,
         closed_at = CASE WHEN @closes THEN @now ELSE closed_at END,
         booked_start = coalesce(@start, booked_start),
         booked_end = coalesce(@end, booked_end),
         host_email = coalesce(@hostEmail, host_email),
         meeting_url = coalesce(@meetingUrl, meeting_url)
       WHERE id = @id`,
    );
    this.#appendHistory = db.prepare(
      `INSERT INTO instance_history
         (instance_id, from_status, to_status, at, reason, cause_kind, cause_id, cause_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#byId = db.prepare(`${SELECT} WHERE i.id = ?`);
    this.#open = db.prepare(
      `${SELECT} WHERE i.record_id = ? AND i.meeting_type_id = ? AND i.status IN (${OPEN_LIST})`,
    );
    this.#openOf = db.prepare(`${SELECT} WHERE i.record_id = ? AND i.status IN (${OPEN_LIST})`);
    // The instance's email, or its Lead's as cached now, each by its index (migration 12):
    // both in one WHERE, or the join left to the planner, would scan every open instance of
    // the type (~18 ms for 20,000; 0.7 ms so). Three plain look-ups, not one UNION of them:
    // its plumbing cost ~70 µs a booking against ~10 µs, even with nothing found. The Leads'
    // index is not named: the first import drops it until its end (LeadRepository.deferIndexes).
    this.#openIdsByEmail = db
      .prepare<{ type: number; email: string }, number>(
        `SELECT id FROM instances INDEXED BY instances_email
         WHERE lower(email) = @email AND meeting_type_id = @type AND status IN (${OPEN_LIST})`,
      )
      .pluck();
    this.#leadIdsByEmail = db
      .prepare<[string], string>('SELECT id FROM leads WHERE lower(email) = ?')
      .pluck();
    this.#openIdOf = db
      .prepare<[string, number], number>(
        `SELECT id FROM instances WHERE record_id = ? AND meeting_type_id = ?
         AND status IN (${OPEN_LIST})`,
      )
      .pluck();
    this.#history = db.prepare(`${HISTORY} WHERE instance_id = ? ORDER BY id DESC`);
    this.#historyEntry = db.prepare(`${HISTORY} WHERE id = ?`);
  }

  /**
   * Starts an instance for (record, meeting type) in `input.status`, or returns the open one
   * it already has, unchanged (`created: false`): calling it twice, or from two places at
   * once, never makes a second open instance. Refuses an archived meeting type
   * (MEETING_TYPE_ARCHIVED) and a status no instance starts in.
   */
  openInstance(input: OpenInstanceInput, writes?: InstanceWrites): OpenInstanceResult {
    return this.#write(writes, (batch) => {
      if (!startingStatuses.includes(input.status)) {
        throw new AppError(
          'INSTANCE_START_INVALID',
          `An instance cannot start as ${label(input.status)}; it starts as ${startingStatuses.map(label).join(', ')}.`,
        );
      }
      if (!SALESFORCE_ID.test(input.recordId)) {
        throw new AppError(
          'INSTANCE_RECORD_INVALID',
          `“${input.recordId.slice(0, 40)}” is not a Salesforce record Id, so no instance was started.`,
        );
      }
      const type = this.meetingTypes.requireRef(input.meetingTypeId);
      if (type.archived) {
        throw new AppError(
          'MEETING_TYPE_ARCHIVED',
          `“${type.name}” is archived: it starts no new instances. Choose another meeting type.`,
        );
      }
      const now = this.#now();
      const booking = input.booking ?? {};
      const inserted = this.#insert.get(
        input.recordId,
        input.recordKind ?? 'lead',
        input.email,
        input.meetingTypeId,
        input.status,
        booking.start ?? null,
        booking.end ?? null,
        booking.hostEmail ?? null,
        booking.meetingUrl ?? null,
        now,
        now,
      );
      if (!inserted) {
        const existing = this.findOpen(input.recordId, input.meetingTypeId);
        if (!existing) throw new Error('an open instance conflicted but cannot be read');
        return { instance: existing, created: false };
      }
      const instance = this.#record(inserted.id, null, input.status, now, input, batch);
      return { instance, created: true };
    });
  }

  /**
   * Moves an instance to `to`, recording when, why and by what; booking facts given are
   * stored with it. INSTANCE_TRANSITION_INVALID when the status machine does not allow it:
   * nothing is changed then.
   */
  transition(
    instanceId: number,
    to: InstanceStatus,
    change: StatusChangeInput,
    writes?: InstanceWrites,
  ): InstanceSummary {
    return this.#write(writes, (batch) => {
      const current = this.require(instanceId);
      assertTransition(current.status, to);
      const now = this.#now();
      const booking: BookingDetails = change.booking ?? {};
      this.#update.run({
        id: instanceId,
        to,
        now,
        closes: isOpenStatus(to) ? 0 : 1,
        start: booking.start ?? null,
        end: booking.end ?? null,
        hostEmail: booking.hostEmail ?? null,
        meetingUrl: booking.meetingUrl ?? null,
      });
      return this.#record(instanceId, current.status, to, now, change, batch);
    });
  }

  /**
   * Deactivates the record's open instances, of one meeting type or of all (an Intercept
   * channel; a Lead converted, merged or deleted). Returns those it deactivated.
   */
  deactivateOpen(
    recordId: string,
    meetingTypeId: number | 'all',
    change: StatusChangeInput,
    writes?: InstanceWrites,
  ): InstanceSummary[] {
    return this.#write(writes, (batch) =>
      this.openOf(recordId)
        .filter((open) => meetingTypeId === 'all' || open.meetingType.id === meetingTypeId)
        .map((open) => this.transition(open.id, 'deactivated', change, batch)),
    );
  }

  /**
   * Runs `work` in one immediate transaction and publishes what it wrote once committed.
   * The runner's way to write its own rows (a cursor) together with instance changes.
   */
  write<T>(work: (writes: InstanceWrites) => T): T {
    if (this.db.inTransaction) {
      throw new Error('InstanceRepository.write inside a transaction: pass InstanceWrites instead');
    }
    const writes = new InstanceWrites();
    const result = this.db.transaction(() => work(writes)).immediate();
    this.publish(writes);
    return result;
  }

  /** After the caller's transaction committed: shows its log entries and change notices. */
  publish(writes: InstanceWrites): void {
    this.log.announce(writes.logEntries.splice(0));
    for (const announce of writes.afterCommit.splice(0)) announce();
    const changes = writes.changes.splice(0);
    if (changes.length === 0) return;
    for (const listener of this.#changed) listener(changes);
  }

  /**
   * For Update channels: called inside the transaction of each status change, so what the
   * handler writes (an outbox item) commits or rolls back with it. Returns the unsubscribe.
   */
  onStatusEntered(handler: StatusEnteredHandler): () => void {
    this.#statusEntered.add(handler);
    return () => this.#statusEntered.delete(handler);
  }

  /** After changes committed (for the `instances:changed` event). Returns the unsubscribe. */
  onChanged(listener: InstancesChangedListener): () => void {
    this.#changed.add(listener);
    return () => this.#changed.delete(listener);
  }

  get(instanceId: number): InstanceSummary | undefined {
    const row = this.#byId.get(instanceId);
    return row && this.#summary(row);
  }

  /** The instance, or INSTANCE_NOT_FOUND. */
  require(instanceId: number): InstanceSummary {
    const found = this.get(instanceId);
    if (!found) {
      throw new AppError(
        'INSTANCE_NOT_FOUND',
        `There is no instance ${instanceId}. Reload the list and try again.`,
      );
    }
    return found;
  }

  findOpen(recordId: string, meetingTypeId: number): InstanceSummary | undefined {
    const row = this.#open.get(recordId, meetingTypeId);
    return row && this.#summary(row);
  }

  /**
   * The open instance of this meeting type for an email (a guest's), case-insensitively: its
   * own email or its Lead's as cached. Two records with the email and an open instance each:
   * the older instance, every time.
   */
  findOpenByEmail(email: string, meetingTypeId: number): InstanceSummary | undefined {
    const key = email.trim().toLowerCase();
    const ids = this.#openIdsByEmail.all({ type: meetingTypeId, email: key });
    for (const leadId of this.#leadIdsByEmail.all(key))
      ids.push(...this.#openIdOf.all(leadId, meetingTypeId));
    return ids.length === 0 ? undefined : this.get(Math.min(...ids));
  }

  /** The record's open instances, one per meeting type at most. */
  openOf(recordId: string): InstanceSummary[] {
    // Sorted here: an ORDER BY costs SQLite a sorter per call, for a row or two.
    return this.#openOf
      .all(recordId)
      .sort((a, b) => a.id - b.id)
      .map((row) => this.#summary(row));
  }

  /** Instances by status, meeting type and Lead (Id exactly, name or email in part), newest change first. */
  search(query: InstanceSearch): { instances: InstanceSummary[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.statuses && query.statuses.length > 0) {
      where.push('i.status IN (SELECT value FROM json_each(@statuses))');
      params.statuses = JSON.stringify(query.statuses);
    }
    if (query.meetingTypeId !== undefined) {
      where.push('i.meeting_type_id = @type');
      params.type = query.meetingTypeId;
    }
    const term = query.query.trim();
    if (term) {
      const like = "LIKE @like ESCAPE '\\'";
      where.push(
        `(i.record_id = @exact OR i.email ${like} OR EXISTS (SELECT 1 FROM leads l
           WHERE l.id = i.record_id AND (l.name ${like} OR l.email ${like})))`,
      );
      params.exact = term;
      params.like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const { n } = this.db
      .prepare(`SELECT COUNT(*) AS n FROM instances i ${clause}`)
      .get(params) as { n: number };
    const rows = this.db
      .prepare(
        `${SELECT} ${clause} ORDER BY i.changed_at DESC, i.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: query.limit, offset: query.offset }) as InstanceRow[];
    return { instances: rows.map((row) => this.#summary(row)), total: n };
  }

  /** Every status the instance entered, newest first. */
  history(instanceId: number): InstanceHistoryEntry[] {
    return this.#history.all(instanceId).map((row) => ({ id: row.id, ...toChange(row) }));
  }

  /** Appends the history entry and log entry of a status entered, and tells the handlers. */
  #record(
    instanceId: number,
    from: InstanceStatus | null,
    to: InstanceStatus,
    at: string,
    change: StatusChangeInput,
    writes: InstanceWrites,
  ): InstanceSummary {
    const cause = toCause(change.cause);
    const { lastInsertRowid: historyId } = this.#appendHistory.run(
      instanceId,
      from,
      to,
      at,
      change.reason,
      cause.kind,
      cause.id,
      cause.name,
    );
    const instance = this.require(instanceId);
    writes.logEntries.push(
      this.log.insert(`instance.${to.replace('_', '-')}`, instance.recordId, {
        instanceId,
        meetingTypeId: instance.meetingType.id,
        meetingType: instance.meetingType.name,
        name: instance.name,
        email: instance.email,
        from,
        to,
        reason: change.reason,
        cause,
      }),
    );
    writes.changes.push({
      instanceId,
      meetingTypeId: instance.meetingType.id,
      recordId: instance.recordId,
      from,
      to,
      at,
    });
    const entered: StatusEntered = {
      instance,
      historyId: Number(historyId),
      from,
      to,
      reason: change.reason,
      cause,
    };
    for (const handler of this.#statusEntered) handler(entered, writes);
    return instance;
  }

  #summary(row: InstanceRow): InstanceSummary {
    return toSummary(row, this.#historyEntry.get(row.last_history_id)!);
  }

  #write<T>(writes: InstanceWrites | undefined, work: (writes: InstanceWrites) => T): T {
    if (writes === undefined) return this.write(work);
    if (!this.db.inTransaction) {
      // Each statement would commit on its own: a crash between them would split a change.
      throw new Error(
        'InstanceWrites given outside a transaction: wrap the call in db.transaction',
      );
    }
    return work(writes);
  }

  #now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function toCause(input: CauseInput): ChangeCause {
  return { kind: input.kind, id: input.id ?? null, name: input.name ?? null };
}

function toChange(row: HistoryRow): InstanceSummary['lastChange'] {
  return {
    at: row.at,
    from: row.from_status,
    to: row.to_status,
    reason: row.reason,
    cause: { kind: row.cause_kind, id: row.cause_id, name: row.cause_name },
  };
}

function toSummary(row: InstanceRow, lastChange: HistoryRow): InstanceSummary {
  return {
    id: row.id,
    recordId: row.record_id,
    recordKind: row.record_kind,
    email: row.email ?? row.lead_email,
    name: row.lead_name,
    meetingType: { id: row.meeting_type_id, name: row.type_name },
    status: row.status,
    isOpen: isOpenStatus(row.status),
    bookedStart: row.booked_start,
    bookedEnd: row.booked_end,
    hostEmail: row.host_email,
    meetingUrl: row.meeting_url,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    lastChange: toChange(lastChange),
    adminStatuses: adminStatusesFrom(row.status),
  };
}
