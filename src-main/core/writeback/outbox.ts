import type { Database, Statement } from 'better-sqlite3';
import type { ChangeCause, OutboxKind } from '../../../src-preload/contract';
import type { EchoGuard } from '../channels/echo-guard';
import type { Clock } from '../ports';
import { inSalesforceNotation } from './same-value';

/**
 * How long the sync treats a value we queued as our own echo. Long enough for a write held
 * by Pause or the API budget over a weekend; the worker renews it when it actually sends.
 */
export const ECHO_WINDOW_MS = 7 * 24 * 60 * 60_000;

export interface LeadUpdateInput {
  leadId: string;
  /** Field API name → value to write. */
  values: Record<string, unknown>;
  /** Field API name → host email, resolved at send time to the active User's Id (host_user). */
  hostUsers?: Record<string, string>;
  /** Field API name → the value the cached Lead held when Leadbridge decided (conflict check). */
  basis: Record<string, unknown>;
  cause: ChangeCause;
  instanceId: number | null;
  /** Unique; a repeat enqueue with the same key is a no-op returning the existing id. */
  idempotencyKey: string;
}

export interface CreateInput {
  object: 'Task' | 'Event';
  /** Becomes the record's WhoId. */
  leadId: string;
  values: Record<string, unknown>;
  cause: ChangeCause;
  instanceId: number | null;
  idempotencyKey: string;
}

export interface BookingPostInput {
  bookingId: number;
  cause: ChangeCause;
  instanceId: number | null;
  idempotencyKey: string;
}

/** An instance event for the meeting platform's URL (not Salesforce). */
export interface InstanceEventInput {
  /** The instance's record (a Lead, or a Contact). */
  recordId: string;
  /** The event as POSTed, but its `id` (the item's key, added when it is sent). */
  body: Record<string, unknown>;
  cause: ChangeCause;
  instanceId: number;
  idempotencyKey: string;
}

type InsertParams = [
  OutboxKind,
  string | null,
  string,
  string,
  string,
  string,
  string,
  string,
  number | null,
  string,
  string,
  number | null,
];

/**
 * Queues writes to Salesforce. Each enqueue runs inside the transaction of the decision that
 * caused it, so the decision and its write commit (or vanish) together; the worker is told
 * once the caller's transaction has committed.
 */
export class Outbox {
  readonly #insert: Statement<InsertParams, { id: number }>;
  readonly #byKey: Statement<[string], { id: number }>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly echoes: EchoGuard,
    /** Called after the enqueuing transaction: better-sqlite3 commits synchronously. */
    private readonly enqueued: () => void,
  ) {
    this.#insert = db.prepare(`
      INSERT INTO outbox (kind, lead_id, object, field_values, host_users, basis, idempotency_key,
        cause, instance_id, created_at, state, next_attempt_at, booking_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id`);
    this.#byKey = db.prepare('SELECT id FROM outbox WHERE idempotency_key = ?');
  }

  /** Queues Lead field writes; returns the item's id (the existing one for a repeated key). */
  enqueueLeadUpdate(input: LeadUpdateInput): number {
    const hostUsers = input.hostUsers ?? {};
    const id = this.#enqueue(
      'lead_update',
      input.leadId,
      'Lead',
      input.values,
      hostUsers,
      input.basis,
      input,
    );
    if (id.created) {
      // host_user fields are expected once the worker knows the User's Id.
      const until = new Date(this.clock.now() + ECHO_WINDOW_MS).toISOString();
      for (const [field, value] of Object.entries(input.values)) {
        if (!(field in hostUsers)) {
          this.echoes.expect(input.leadId, field, inSalesforceNotation(value), until);
        }
      }
    }
    return id.id;
  }

  /** Queues a Task or Event on the Lead (its WhoId); returns the item's id. */
  enqueueCreate(input: CreateInput): number {
    const kind = input.object === 'Task' ? 'task_create' : 'event_create';
    return this.#enqueue(kind, input.leadId, input.object, input.values, {}, {}, input).id;
  }

  /**
   * Queues a booking's post: its record is looked up by the guest's email when it is sent,
   * so it names none yet (`object` says Lead until then).
   */
  enqueueBookingPost(input: BookingPostInput): number {
    return this.#enqueue('booking_post', null, 'Lead', {}, {}, {}, input, input.bookingId).id;
  }

  /** Queues an instance event to POST to the meeting platform; returns the item's id. */
  enqueueInstanceEvent(input: InstanceEventInput): number {
    return this.#enqueue('instance_event', input.recordId, 'Webhook', input.body, {}, {}, input).id;
  }

  #enqueue(
    kind: OutboxKind,
    leadId: string | null,
    object: string,
    values: Record<string, unknown>,
    hostUsers: Record<string, string>,
    basis: Record<string, unknown>,
    input: { cause: ChangeCause; instanceId: number | null; idempotencyKey: string },
    bookingId: number | null = null,
  ): { id: number; created: boolean } {
    if (!this.db.inTransaction) {
      // On its own the write could commit without its decision, or the decision without it.
      throw new Error(
        'Outbox enqueue outside a transaction: call it in the decision’s transaction',
      );
    }
    const now = new Date(this.clock.now()).toISOString();
    const inserted = this.#insert.get(
      kind,
      leadId,
      object,
      JSON.stringify(values),
      JSON.stringify(hostUsers),
      JSON.stringify(basis),
      input.idempotencyKey,
      JSON.stringify(input.cause),
      input.instanceId,
      now,
      now,
      bookingId,
    );
    if (!inserted) return { id: this.#byKey.get(input.idempotencyKey)!.id, created: false };
    queueMicrotask(this.enqueued);
    return { id: inserted.id, created: true };
  }
}
