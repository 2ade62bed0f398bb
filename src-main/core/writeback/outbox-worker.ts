import type { Database } from 'better-sqlite3';
import type { LogEntry, OutboxKind, OutboxStatus } from '../../../src-preload/contract';
import type { EchoGuard } from '../channels/echo-guard';
import type { Clock, Logger } from '../ports';
import type { LogRepository } from '../store/log-repository';
import { COLLECTION_SIZE, sendCollection, type SaveResult } from './collections-sender';
import { findCreated, withMarker } from './create-recovery';
import { mergeLeadUpdates, type MergedLeadUpdate } from './lead-update-merge';
import { planLeadWrite, type LeadWritePlan } from './lead-write-plan';
import { ECHO_WINDOW_MS } from './outbox';
import { describeOutbox, type OutboxHold } from './outbox-status';
import { retryAt } from './retry-backoff';
import type { ItemOutcome, OutboxStore, QueuedItem } from './outbox-store';
import { inSalesforceNotation } from './same-value';
import { queryRecords, shortId, type SalesforceCalls } from './salesforce-query';
import type { UserDirectory } from './user-directory';
import {
  classifyCallError,
  classifyRecordError,
  fieldGone,
  missingField,
  type WriteError,
} from './write-errors';

export interface OutboxWorkerDependencies {
  db: Database;
  store: OutboxStore;
  salesforce: SalesforceCalls;
  users: UserDirectory;
  echoes: EchoGuard;
  log: LogRepository;
  clock: Clock;
  logger: Logger;
  /** Why nothing may be sent now — the sync's own rule (paused, disconnected, API budget). */
  hold(): OutboxHold | null;
  /** The other kinds of items the drain sends (booking posts), after Lead updates. */
  senders?: readonly OutboxSender[];
  /**
   * Told the items whose outcome was written (sent, failed, retrying…), once it is committed:
   * a booking's Event is one of them, and the Bookings screen shows its state.
   */
  settled?(itemIds: readonly number[]): void;
}

/** Sends one batch of its own kind of outbox items; false when it had nothing due. */
export interface OutboxSender {
  /** The kind it sends: its items' due times wake the worker. */
  readonly kind: OutboxKind;
  sendNext(): Promise<boolean>;
}

/**
 * What this worker sends itself; its senders add theirs (booking posts). Instance events go
 * to the meeting platform by their own sender, so their due times must not wake it.
 */
const SALESFORCE_WRITES: readonly OutboxKind[] = ['lead_update', 'task_create', 'event_create'];

/** The creates the worker sends itself, in this order: a Task before an Event. */
const CREATES = [
  ['task_create', 'Task'],
  ['event_create', 'Event'],
] as const;

type Settlement = { item: QueuedItem; outcome: ItemOutcome; facts?: Record<string, unknown> };

/** A batch of Lead updates and its re-read: the plans, or why they could not be made. */
interface LeadBatch {
  items: QueuedItem[];
  merged: MergedLeadUpdate[];
  planned: Promise<{ plans: Map<MergedLeadUpdate, LeadWritePlan> } | { error: unknown }>;
}

/**
 * Drains the outbox: after each sync, when its timer falls due, and at once when items are
 * queued; never while the sync's rule holds it. Lead updates go merged per Lead, 200 Leads a
 * call, after one re-read of their target fields and one look-up of host Users; Tasks and
 * Events go 200 a call. Crash points: an item is marked in flight (committed) before its
 * request and settled (committed) after the answer, so an item found in flight was maybe
 * sent: a create is looked up first, an update is re-read (a value already there is not sent).
 */
export class OutboxWorker {
  #draining = false;
  #again = false;
  #emitQueued = false;
  #stopped = false;
  #cancelTimer: (() => void) | undefined;
  #lastHold: OutboxHold | null = null;
  #lastSyncAt: string | null | undefined;
  /** The next batch, re-read while the previous one was being written. */
  #prefetched: LeadBatch | undefined;
  readonly #listeners = new Set<(status: OutboxStatus) => void>();

  constructor(private readonly deps: OutboxWorkerDependencies) {}

  /**
   * Items are due (just queued, retried, or the worker started): drain now if allowed. While
   * held nothing is read from the queue (the hold's lifting kicks again); the listeners hear
   * of the new items once this turn of the event loop is over, however many were queued.
   */
  kick(): void {
    if (this.#stopped) return;
    if (this.deps.hold() !== null) {
      this.#emitSoon();
      return;
    }
    if (this.#draining) {
      this.#again = true;
      return;
    }
    void this.#drain();
  }

  /** The sync's status moved: drain after a sync, and when a hold (pause, budget) lifts. */
  syncChanged(lastSyncAt: string | null): void {
    const hold = this.deps.hold();
    const held = hold !== this.#lastHold;
    const synced = lastSyncAt !== this.#lastSyncAt;
    this.#lastHold = hold;
    this.#lastSyncAt = lastSyncAt;
    if (hold === null && (held || synced)) this.kick();
    else if (held) this.#emit();
  }

  /** Resolves when the drain in progress (if any) has finished and its listeners are told. */
  async idle(): Promise<void> {
    while (this.#draining || this.#emitQueued)
      await new Promise((resolve) => setImmediate(resolve));
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer?.();
  }

  onChange(listener: (status: OutboxStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  status(): OutboxStatus {
    const { store, clock } = this.deps;
    const counts = store.counts();
    const nextAttemptAt = store.nextAttemptAt();
    const hold = this.deps.hold();
    const heldBy = counts.pending > 0 ? hold : null;
    return {
      counts,
      draining: this.#draining,
      heldBy,
      message: describeOutbox({
        counts,
        draining: this.#draining,
        heldBy,
        nextAttemptAt,
        now: clock.now(),
      }),
      lastSentAt: store.lastSentAt(),
      nextAttemptAt,
    };
  }

  /** Outbox view: failed and conflict items sent again. */
  retry(ids: readonly number[]): number {
    const retried = this.#adminAction('writeback.retried', () =>
      this.deps.store.retry(ids, this.#now()),
    );
    this.kick();
    return retried;
  }

  /** Outbox view: pending, failed and conflict items dropped, never sent. */
  discard(ids: readonly number[]): number {
    return this.#adminAction('writeback.discarded', () =>
      this.deps.store.discard(ids, this.#now()),
    );
  }

  /** An admin's change to items, logged in its transaction; returns how many it changed. */
  #adminAction(kind: string, change: () => { id: number }[]): number {
    const { db, log } = this.deps;
    const { items, entry } = db.transaction(() => {
      const changed = change();
      const itemIds = changed.map((item) => item.id);
      return {
        items: changed,
        entry: changed.length > 0 ? log.insert(kind, null, { itemIds }) : null,
      };
    })();
    if (entry) log.announce([entry]);
    this.#emit();
    return items.length;
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    this.#cancelTimer?.();
    this.#emit();
    try {
      do {
        this.#again = false;
        // The status once a batch (its outcomes may settle in two transactions).
        while (!this.#stopped && this.deps.hold() === null && (await this.#sendNextBatch()))
          this.#emit();
      } while (this.#again && !this.#stopped);
    } catch (error) {
      // The database closed under the drain (the app is closing), or a bug: the items stay
      // pending, and the next drain takes them again.
      if (!this.#stopped)
        this.deps.logger.error('write-back drain failed', { error: String(error) });
    } finally {
      // Its items are still pending, unmarked: the next drain takes them afresh.
      this.#prefetched = undefined;
      this.#draining = false;
      if (!this.#stopped) {
        this.#schedule();
        this.#emit();
      }
    }
  }

  /** One batch; false when nothing is due or Salesforce refused the whole call (try later). */
  async #sendNextBatch(): Promise<boolean> {
    const now = this.#now();
    const batch =
      this.#takePrefetched() ??
      this.#readLeadUpdates(this.deps.store.dueLeadUpdates(now, COLLECTION_SIZE));
    if (batch) return this.#sendLeadUpdates(batch);
    // Before Tasks and Events: a batch of posted bookings queues its Events, sent together.
    for (const sender of this.deps.senders ?? []) if (await sender.sendNext()) return true;
    for (const [kind, object] of CREATES) {
      const creates = this.deps.store.dueOfKind(now, kind, COLLECTION_SIZE);
      if (creates.length > 0) return this.#sendCreates(object, creates);
    }
    return false;
  }

  #takePrefetched(): LeadBatch | undefined {
    const batch = this.#prefetched;
    this.#prefetched = undefined;
    return batch;
  }

  /**
   * Merges a batch's items per Lead and starts its re-read and User look-up; the database is
   * read now, before the request, so nothing touches it once the drain may have stopped.
   */
  #readLeadUpdates(items: QueuedItem[]): LeadBatch | undefined {
    if (items.length === 0) return undefined;
    const merged = mergeLeadUpdates(items);
    const sent = this.deps.store.lastSentValues(merged.map((lead) => lead.leadId));
    for (const lead of merged) {
      const ours = sent.get(lead.leadId) ?? {};
      for (const [field, decision] of lead.fields)
        if (field in ours) decision.accepted.push(ours[field]);
    }
    const plan = async () => {
      const current = await this.#reread(merged);
      const emails = merged.flatMap((lead) =>
        [...lead.fields.values()].flatMap((field) => (field.hostEmail ? [field.hostEmail] : [])),
      );
      const users = emails.length > 0 ? await this.deps.users.resolve(emails) : new Map();
      return {
        plans: new Map(
          merged.map((lead) => [
            lead,
            planLeadWrite(lead, current.get(shortId(lead.leadId)), users),
          ]),
        ),
      };
    };
    return { items, merged, planned: plan().catch((error: unknown) => ({ error })) };
  }

  async #sendLeadUpdates({ items, merged, planned }: LeadBatch): Promise<boolean> {
    const read = await planned;
    if ('error' in read) {
      const { error } = read;
      const gone = missingField(error);
      const writingIt = gone === null ? [] : items.filter((item) => gone in item.values);
      if (writingIt.length === 0) {
        this.#deferAll(items, classifyCallError(error));
        return false;
      }
      // One removed field must not stop the batch: its items stop, the others go next.
      const stopped = fieldGone(gone!);
      this.#settle(
        writingIt.map((item) => ({ item, outcome: { state: 'failed', error: stopped } })),
      );
      return true;
    }
    const { plans } = read;

    const settlements: Settlement[] = [];
    const toSend: { lead: MergedLeadUpdate; fields: Record<string, unknown> }[] = [];
    for (const [lead, plan] of plans) {
      if (plan.kind === 'skip') {
        for (const item of lead.items) {
          settlements.push({ item, outcome: { state: 'skipped', error: plan.reason } });
        }
      } else if (Object.keys(plan.fields).length === 0) {
        settlements.push(...settleLead(lead, plan, null, this.deps.clock.now()));
      } else {
        toSend.push({ lead, fields: plan.fields });
      }
    }
    this.#settle(settlements);

    const sending = this.#markLeadsInFlight(toSend);
    if (sending.length === 0) return true;
    // The next batch is re-read while this one is written. Its Leads are others, so neither
    // batch's check sees the other's write; each Lead's re-read still precedes its own write.
    const following = this.deps.store.dueLeadUpdates(
      this.#now(),
      COLLECTION_SIZE,
      new Set(merged.map((lead) => lead.leadId)),
    );
    this.#prefetched = this.#readLeadUpdates(following);
    let results: SaveResult[];
    try {
      results = await sendCollection(
        this.deps.salesforce,
        'PATCH',
        sending.map(({ lead, fields }) => ({
          type: 'Lead',
          fields: { Id: lead.leadId, ...fields },
        })),
      );
    } catch (error) {
      this.#deferAll(
        sending.flatMap(({ lead }) => lead.items),
        classifyCallError(error),
      );
      return false;
    }
    const now = this.deps.clock.now();
    this.#settle(
      sending.flatMap(({ lead }, index) => {
        const plan = plans.get(lead) as Extract<LeadWritePlan, { kind: 'write' }>;
        return settleLead(lead, plan, results[index]!, now);
      }),
    );
    return true;
  }

  /** One query for the batch: the target fields of every Lead, and whether it is converted. */
  async #reread(
    merged: readonly MergedLeadUpdate[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const fields = new Set(['Id', 'IsConverted']);
    for (const lead of merged) for (const field of lead.fields.keys()) fields.add(field);
    const ids = merged.map((lead) => `'${shortId(lead.leadId)}'`);
    const soql = `SELECT ${[...fields].join(', ')} FROM Lead WHERE Id IN (${ids.join(',')})`;
    const rows = await queryRecords(this.deps.salesforce, soql);
    return new Map(rows.map((row) => [shortId(String(row.Id)), row]));
  }

  /**
   * Commits the in-flight mark and the echoes to expect, before the request. A Lead whose
   * items were discarded meanwhile is left out (its other items go in the next batch).
   */
  #markLeadsInFlight(
    toSend: { lead: MergedLeadUpdate; fields: Record<string, unknown> }[],
  ): { lead: MergedLeadUpdate; fields: Record<string, unknown> }[] {
    if (toSend.length === 0) return [];
    const now = this.#now();
    const until = new Date(this.deps.clock.now() + ECHO_WINDOW_MS).toISOString();
    return this.deps.db.transaction(() => {
      const ids = toSend.flatMap(({ lead }) => lead.items.map((item) => item.id));
      const marked = new Set(this.deps.store.markInFlight(ids, now));
      const sending = toSend.filter(({ lead }) => lead.items.every((item) => marked.has(item.id)));
      for (const { lead, fields } of sending) {
        for (const [field, value] of Object.entries(fields)) {
          this.deps.echoes.expect(lead.leadId, field, inSalesforceNotation(value), until);
        }
      }
      return sending;
    })();
  }

  async #sendCreates(object: 'Task' | 'Event', items: QueuedItem[]): Promise<boolean> {
    let found: Map<number, string>;
    try {
      found = await findCreated(this.deps.salesforce, object, items);
    } catch (error) {
      this.#deferAll(items, classifyCallError(error));
      return false;
    }
    this.#settle(
      items
        .filter((item) => found.has(item.id))
        .map((item) => ({
          item,
          outcome: { state: 'sent', resultId: found.get(item.id)! },
          facts: { foundAfterInterruption: true },
        })),
    );
    const rest = items.filter((item) => !found.has(item.id));
    if (rest.length === 0) return true;
    const marked = new Set(
      this.deps.db.transaction(() =>
        this.deps.store.markInFlight(
          rest.map((item) => item.id),
          this.#now(),
        ),
      )(),
    );
    const sending = rest.filter((item) => marked.has(item.id));
    if (sending.length === 0) return true;
    let results: SaveResult[];
    try {
      results = await sendCollection(
        this.deps.salesforce,
        'POST',
        sending.map((item) => ({
          type: object,
          fields: { ...withMarker(item.values, item.idempotencyKey), WhoId: item.leadId },
        })),
      );
    } catch (error) {
      this.#deferAll(sending, classifyCallError(error));
      return false;
    }
    const now = this.deps.clock.now();
    this.#settle(
      sending.map((item, index) => {
        const result = results[index]!;
        if (result.success) {
          return { item, outcome: { state: 'sent', resultId: result.id ?? null } };
        }
        return { item, outcome: refusedOutcome(item, recordError(result), now, false) };
      }),
    );
    return true;
  }

  /**
   * A whole call failed: every item of it waits for the next try, or stops. Whatever mark
   * an item has stays: a call that failed without a clear answer may have been carried out.
   */
  #deferAll(items: readonly QueuedItem[], problem: WriteError): void {
    if (items.length === 0) return;
    this.deps.logger.warn('write-back call failed', { code: problem.code, items: items.length });
    const now = this.deps.clock.now();
    this.#settle(
      items.map((item) => ({ item, outcome: refusedOutcome(item, problem, now, true) })),
      problem.next === 'retry'
        ? { code: problem.code, message: problem.message, items: items.length }
        : undefined,
    );
  }

  /** Writes outcomes and their log entries in one transaction; the drain tells the listeners. */
  #settle(settlements: readonly Settlement[], deferred?: Record<string, unknown>): void {
    if (settlements.length === 0) return;
    const { db, store, log } = this.deps;
    const now = this.#now();
    const settledIds: number[] = [];
    const entries = db.transaction((): LogEntry[] => {
      const written: LogEntry[] = [];
      for (const { item, outcome, facts: given } of settlements) {
        if (!store.settle(item.id, outcome, now)) continue;
        settledIds.push(item.id);
        // The live log names the Lead, as instance entries do.
        const facts = { name: store.leadName(item.leadId), ...given };
        if (outcome.state === 'pending') {
          if (!deferred)
            written.push(
              log.insert('writeback.retrying', item.leadId, entryFacts(item, outcome, facts)),
            );
          continue;
        }
        written.push(
          log.insert(`writeback.${outcome.state}`, item.leadId, entryFacts(item, outcome, facts)),
        );
      }
      if (deferred) {
        const retryAt = settlements.map((s) => s.outcome).find((o) => o.state === 'pending');
        written.push(
          log.insert('writeback.deferred', null, {
            ...deferred,
            retryAt: retryAt?.state === 'pending' ? retryAt.retryAt : null,
          }),
        );
      }
      return written;
    })();
    log.announce(entries);
    if (settledIds.length > 0) this.deps.settled?.(settledIds);
  }

  #schedule(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const next = this.deps.store.nextAttemptAt([
      ...SALESFORCE_WRITES,
      ...(this.deps.senders ?? []).map((sender) => sender.kind),
    ]);
    if (next === null || this.deps.hold() !== null) return;
    const delay = Math.max(0, Date.parse(next) - this.deps.clock.now());
    this.#cancelTimer = this.deps.clock.setTimer(() => {
      this.#cancelTimer = undefined;
      this.kick();
    }, delay);
  }

  /** One status for every change of this turn of the event loop. */
  #emitSoon(): void {
    if (this.#emitQueued) return;
    this.#emitQueued = true;
    setImmediate(() => {
      this.#emitQueued = false;
      if (!this.#stopped) this.#emit();
    });
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
  }

  #now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

/** Each item of one Lead's write, from the plan and (when sent) Salesforce's answer. */
function settleLead(
  lead: MergedLeadUpdate,
  plan: Extract<LeadWritePlan, { kind: 'write' }>,
  result: SaveResult | null,
  now: number,
): Settlement[] {
  return lead.items.map((item): Settlement => {
    const stopped = plan.failures.get(item.id);
    if (stopped) return { item, outcome: { state: 'failed', error: stopped } };
    if (result && !result.success) {
      return { item, outcome: refusedOutcome(item, recordError(result), now, false) };
    }
    const conflicts = plan.conflicts.get(item.id);
    if (conflicts) return { item, outcome: { state: 'conflict', conflicts } };
    return {
      item,
      outcome: { state: 'sent' },
      facts: result ? {} : { alreadyInSalesforce: true },
    };
  });
}

/**
 * A refusal: the item stops, or is skipped, or tries again later, each time waiting twice
 * as long. `keepInFlight`: the outcome is unknown, so the mark stays for the look-up.
 */
export function refusedOutcome(
  item: Pick<QueuedItem, 'attempts'>,
  problem: WriteError,
  now: number,
  keepInFlight: boolean,
): ItemOutcome {
  const error = { code: problem.code, message: problem.message };
  if (problem.next !== 'retry') return { state: problem.next, error };
  return { state: 'pending', retryAt: retryAt(item.attempts, now), error, keepInFlight };
}

function recordError(result: SaveResult): WriteError {
  const first = result.errors[0];
  return first
    ? classifyRecordError(first.statusCode, first.message)
    : classifyRecordError('UNKNOWN_ERROR', 'the record was not saved, without a reason.');
}

function entryFacts(
  item: QueuedItem,
  outcome: ItemOutcome,
  facts: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    leadId: item.leadId,
    itemId: item.id,
    kind: item.kind,
    object: item.object,
    values: item.values,
    ...(Object.keys(item.hostUsers).length > 0 ? { hostUsers: item.hostUsers } : {}),
    cause: item.cause,
    instanceId: item.instanceId,
    ...('resultId' in outcome && outcome.resultId ? { resultId: outcome.resultId } : {}),
    ...('conflicts' in outcome ? { conflicts: outcome.conflicts } : {}),
    ...('error' in outcome ? { code: outcome.error.code, message: outcome.error.message } : {}),
    ...(outcome.state === 'pending' ? { retryAt: outcome.retryAt } : {}),
    ...facts,
  };
}
