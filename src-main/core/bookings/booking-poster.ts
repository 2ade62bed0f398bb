import type { Database } from 'better-sqlite3';
import type { LogEntry } from '../../../src-preload/contract';
import type { Clock, Logger } from '../ports';
import type { LogRepository } from '../store/log-repository';
import { COLLECTION_SIZE, sendCollection, type SaveResult } from '../writeback/collections-sender';
import type { CreateInput } from '../writeback/outbox';
import type { OutboxStore } from '../writeback/outbox-store';
import { refusedOutcome, type OutboxSender } from '../writeback/outbox-worker';
import type { SalesforceCalls } from '../writeback/salesforce-query';
import type { UserDirectory } from '../writeback/user-directory';
import { classifyCallError, type WriteError } from '../writeback/write-errors';
import type { BookingLedger, PostedRecord, StoredBooking } from './booking-ledger';
import type { BookingPostQueue } from './booking-post-queue';
import type { BookingSettingsStore } from './booking-settings-store';
import { duplicateMatch } from './duplicate-match';
import { mappingOf, objectUses, validateBookingSettings } from './mapping-validation';
import type { BookingObject, DescribedObject, ObjectDescribes } from './object-describes';
import { eventValues, recordValues, type WriteMode } from './record-values';
import { lookUpRecords, type FoundRecords } from './record-lookup';
import {
  bookingFacts,
  done,
  failed,
  failedOutcome,
  logKind,
  noSettings,
  refused,
  retryable,
  type Ready,
  type Settlement,
  type Write,
} from './post-outcomes';

export interface BookingPosterDependencies {
  db: Database;
  store: OutboxStore;
  queue: BookingPostQueue;
  ledger: BookingLedger;
  settings: BookingSettingsStore;
  describes: ObjectDescribes;
  salesforce: SalesforceCalls;
  users: UserDirectory;
  /** Queues the meeting's Event (in the outcome's transaction). */
  enqueueCreate(input: CreateInput): number;
  log: LogRepository;
  clock: Clock;
  logger: Logger;
  changed(bookingIds: number[]): void;
}

/** Clocks of this machine and the org may differ: a record created this much earlier is ours too. */
const CLOCK_SKEW_MS = 60 * 60_000;

/**
 * Posts bookings to Salesforce, 200 a batch: one look-up by email per object (Leads not
 * converted), then one create call and one overwrite call for the records, as the booking's
 * settings say. A post found in flight after a crash is looked up first like any other: a
 * record with the email created since is its own, never created twice.
 */
export class BookingPoster implements OutboxSender {
  readonly kind = 'booking_post';

  constructor(private readonly deps: BookingPosterDependencies) {}

  async sendNext(): Promise<boolean> {
    const due = this.deps.queue.due(this.#now(), COLLECTION_SIZE);
    if (due.length === 0) return false;
    const settled: Settlement[] = [];
    const ready: Ready[] = [];
    const describes = new Map<BookingObject, DescribedObject | undefined>();
    for (const post of due) {
      const booking = this.deps.ledger.get(post.bookingId)!;
      const settings = this.deps.settings.forCalendar(booking.event.calendar?.id ?? null);
      if (!settings) {
        settled.push(failed({ due: post, booking }, null, noSettings(booking)));
        continue;
      }
      for (const { object } of objectUses(settings)) {
        if (!describes.has(object)) describes.set(object, await this.deps.describes.get(object));
      }
      const problem = validateBookingSettings(settings, Object.fromEntries(describes))[0];
      if (problem) {
        settled.push(
          failed({ due: post, booking }, settings, {
            code: problem.code === 'DESCRIBE_MISSING' ? 'DESCRIBE_MISSING' : 'MAPPING_INVALID',
            message: `${problem.message} Fix it on the Mapping screen, then Retry.`,
          }),
        );
        continue;
      }
      ready.push({ due: post, booking, settings });
    }
    let found: FoundRecords;
    try {
      found = await lookUpRecords(
        this.deps.salesforce,
        ready.flatMap(({ booking, settings }) =>
          objectUses(settings).map(({ object }) => ({ object, email: booking.event.guest.email })),
        ),
      );
    } catch (error) {
      this.#settle([...settled, ...this.#deferred(ready, classifyCallError(error))]);
      return true;
    }
    const writes = this.#decide(ready, found, describes, settled);
    const sendable = await this.#resolveHosts(writes, settled);
    const marked = this.#markInFlight(sendable);
    const creates = marked.filter((write) => write.recordId === null);
    const overwrites = marked.filter((write) => write.recordId !== null);
    overwrites.push(...(await this.#create(creates, describes, settled)));
    await this.#overwrite(overwrites, settled);
    this.#settle(settled);
    return true;
  }

  /** Per booking: overwrite, leave untouched, create, or not create, as its settings say. */
  #decide(
    ready: readonly Ready[],
    found: FoundRecords,
    describes: ReadonlyMap<BookingObject, DescribedObject | undefined>,
    settled: Settlement[],
  ): Write[] {
    const writes: Write[] = [];
    const creating = new Set<string>();
    for (const post of ready) {
      const { booking, settings, due } = post;
      const email = booking.event.guest.email.toLowerCase();
      const uses = objectUses(settings);
      const valuesFor = (object: BookingObject, mode: WriteMode) =>
        recordValues(
          booking.event,
          mappingOf(settings, object),
          describes.get(object)!.fields,
          mode,
        );
      const record = uses
        .map(({ object }) => found[object].get(email))
        .find((match) => match !== undefined);
      if (record) {
        const since = due.inFlightSince === null ? NaN : Date.parse(due.inFlightSince);
        if (record.createdAt >= since - CLOCK_SKEW_MS) {
          // The earlier send created it: it is this booking's, and it is not created again.
          settled.push(done(post, 'created', record, { foundAfterInterruption: true }));
        } else if (!settings.overwriteWhenFound) {
          settled.push(done(post, 'untouched', record));
        } else {
          const write = valuesFor(record.object, 'overwrite');
          if (Object.keys(write.values).length === 0) settled.push(done(post, 'untouched', record));
          else writes.push({ ...post, object: record.object, recordId: record.id, ...write });
        }
        continue;
      }
      const create = uses.find((use) => use.creating);
      if (!create) {
        settled.push(done(post, 'not_created', null));
        continue;
      }
      // Two bookings of one new guest in a batch: the second waits for the next batch, where
      // it finds the record the first created.
      if (creating.has(`${create.object}:${email}`)) continue;
      creating.add(`${create.object}:${email}`);
      const write = valuesFor(create.object, 'create');
      if (write.missing.length > 0) {
        const names = write.missing.map((field) => `${field.label} (${field.name})`).join(', ');
        settled.push(
          failed(post, settings, {
            code: 'REQUIRED_FIELD_MISSING',
            message: `The booking has no value for ${names}, which Salesforce needs to create a ${create.object}. Map another booking field or a fixed value to it on the Mapping screen, then Retry.`,
          }),
        );
        continue;
      }
      writes.push({ ...post, object: create.object, recordId: null, ...write });
    }
    return writes;
  }

  /** The host's active User for each host_user field, one look-up for the batch. */
  async #resolveHosts(writes: Write[], settled: Settlement[]): Promise<Write[]> {
    const emails = writes.flatMap((write) => Object.values(write.hostUsers));
    if (emails.length === 0) return writes;
    let users: Awaited<ReturnType<UserDirectory['resolve']>>;
    try {
      users = await this.deps.users.resolve(emails);
    } catch (error) {
      settled.push(...this.#deferred(writes, classifyCallError(error)));
      return [];
    }
    return writes.filter((write) => {
      for (const [field, email] of Object.entries(write.hostUsers)) {
        const match = users.get(email);
        if (match && 'userId' in match) {
          write.values[field] = match.userId;
          continue;
        }
        settled.push(
          failed(write, write.settings, {
            code: match?.problem === 'several' ? 'HOST_USER_AMBIGUOUS' : 'HOST_USER_NOT_FOUND',
            message:
              match?.problem === 'several'
                ? `${match.count} active Salesforce Users have the host's email ${email}, so Leadbridge cannot tell which one ${field} should name. Give one of them another email (or deactivate it), then Retry.`
                : `No active Salesforce User has the host's email ${email}, so ${field} cannot be set. Activate that User, or map ${field} to another value on the Mapping screen, then Retry.`,
          }),
        );
        return false;
      }
      return true;
    });
  }

  /** Committed before the requests: a post found marked later was maybe carried out. */
  #markInFlight(writes: Write[]): Write[] {
    if (writes.length === 0) return [];
    const marked = new Set(
      this.deps.db.transaction(() =>
        this.deps.store.markInFlight(
          writes.map((write) => write.due.itemId),
          this.#now(),
        ),
      )(),
    );
    return writes.filter((write) => marked.has(write.due.itemId));
  }

  /**
   * One create call (Leads and Contacts together). A duplicate rule that names the record it
   * matched hands the booking to that record: returned, to be overwritten when the settings
   * say so.
   */
  async #create(
    creates: Write[],
    describes: ReadonlyMap<BookingObject, DescribedObject | undefined>,
    settled: Settlement[],
  ): Promise<Write[]> {
    if (creates.length === 0) return [];
    const results = await this.#send('POST', creates, settled);
    if (!results) return [];
    const now = this.deps.clock.now();
    const matched: Write[] = [];
    creates.forEach((write, index) => {
      const result = results[index]!;
      if (result.success) {
        settled.push(
          done(write, 'created', { object: write.object, id: result.id!, createdAt: 0 }),
        );
        return;
      }
      const match = duplicateMatch(result);
      // A rule matching the other object (a Lead rule that compares Contacts) names a record
      // these settings do not post to: the refusal stands, with its reason.
      const fields = match && describes.get(match.object)?.fields;
      if (!match || !fields || !objectUses(write.settings).some((u) => u.object === match.object)) {
        settled.push(refused(write, result, now));
      } else if (!write.settings.overwriteWhenFound) {
        settled.push(done(write, 'untouched', { ...match, createdAt: 0 }, { duplicateRule: true }));
      } else {
        const overwrite = recordValues(
          write.booking.event,
          mappingOf(write.settings, match.object),
          fields,
          'overwrite',
        );
        matched.push({ ...write, ...overwrite, object: match.object, recordId: match.id });
      }
    });
    return matched;
  }

  async #overwrite(overwrites: Write[], settled: Settlement[]): Promise<void> {
    if (overwrites.length === 0) return;
    const results = await this.#send('PATCH', overwrites, settled);
    if (!results) return;
    const now = this.deps.clock.now();
    overwrites.forEach((write, index) => {
      const result = results[index]!;
      settled.push(
        result.success
          ? done(write, 'updated', { object: write.object, id: write.recordId!, createdAt: 0 })
          : refused(write, result, now),
      );
    });
  }

  /** One collections call; a call that failed defers its posts (the mark stays). */
  async #send(
    method: 'POST' | 'PATCH',
    writes: Write[],
    settled: Settlement[],
  ): Promise<SaveResult[] | undefined> {
    try {
      return await sendCollection(
        this.deps.salesforce,
        method,
        writes.map((write) => ({
          type: write.object,
          fields: write.recordId === null ? write.values : { Id: write.recordId, ...write.values },
        })),
        // The org's assignment rules route a new Lead, unless the mapping names its owner;
        // an existing Lead keeps its owner (an overwrite would otherwise reassign it).
        method === 'PATCH' ||
          writes.some((write) => write.object === 'Lead' && 'OwnerId' in write.values),
      );
    } catch (error) {
      this.deps.logger.warn('booking post call failed', { method, posts: writes.length });
      settled.push(...this.#deferred(writes, classifyCallError(error)));
      return undefined;
    }
  }

  #deferred(posts: readonly Ready[], problem: WriteError): Settlement[] {
    const now = this.deps.clock.now();
    return posts.map((post) => ({
      ...post,
      state: refusedOutcome(post.due, retryable(problem), now, true),
      outcome: problem.next === 'failed' ? failedOutcome(problem) : null,
      deferredCall: true,
    }));
  }

  /** Outcomes, their Events, the ledger (and its listeners) and log entries: one transaction. */
  #settle(settlements: readonly Settlement[]): void {
    if (settlements.length === 0) return;
    const { db, store, queue, ledger, log } = this.deps;
    const now = this.#now();
    let changed: number[] = [];
    const record = db.transaction((): LogEntry[] => {
      changed = [];
      const deferred: Settlement[] = [];
      const written: LogEntry[] = [];
      for (const settlement of settlements) {
        const { due, booking, outcome } = settlement;
        if (!store.settle(due.itemId, settlement.state, now)) continue;
        changed.push(booking.id);
        if (!outcome) {
          const state = settlement.state;
          // A whole call that failed is logged once below, not once per booking.
          if (settlement.deferredCall) {
            deferred.push(settlement);
            continue;
          }
          written.push(
            log.insert('booking.retrying', null, {
              ...bookingFacts(booking),
              itemId: due.itemId,
              ...('error' in state ? state.error : {}),
              ...(state.state === 'pending' ? { retryAt: state.retryAt } : {}),
            }),
          );
          continue;
        }
        const { record } = outcome;
        if (record)
          queue.nameRecord(due.itemId, record.kind === 'lead' ? 'Lead' : 'Contact', record.id);
        const eventItemId =
          record && settlement.settings?.createEvent ? this.#queueEvent(booking, record) : null;
        ledger.recordOutcome(booking.id, { ...outcome, eventItemId });
        written.push(
          log.insert(logKind(outcome.outcome), record?.id ?? null, {
            ...bookingFacts(booking),
            itemId: due.itemId,
            outcome: outcome.outcome,
            record,
            ...(outcome.error ?? {}),
            ...(eventItemId === null ? {} : { eventItemId }),
            ...settlement.facts,
          }),
        );
      }
      const [first] = deferred;
      if (first?.state.state === 'pending') {
        written.push(
          log.insert('booking.deferred', null, {
            ...first.state.error,
            bookingIds: deferred.map((settlement) => settlement.booking.id),
            emails: deferred.map((settlement) => settlement.booking.event.guest.email),
            retryAt: first.state.retryAt,
          }),
        );
      }
      return written;
    });
    let entries: LogEntry[];
    try {
      entries = record();
    } catch (error) {
      // Nothing of it committed (a listener failed): the posts wait out a backoff, still
      // marked, and are looked up by email again rather than hammered at once.
      this.deps.logger.error('booking outcomes not recorded', { error: String(error) });
      this.#postpone(settlements);
      return;
    }
    log.announce(entries);
    if (changed.length > 0) this.deps.changed(changed);
  }

  #postpone(settlements: readonly Settlement[]): void {
    const problem: WriteError = {
      next: 'retry',
      code: 'BOOKING_OUTCOME_NOT_RECORDED',
      message:
        'Leadbridge could not record what posting the booking did. It will look the record up by the guest’s email and try again.',
    };
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      for (const { due } of settlements) {
        this.deps.store.settle(due.itemId, refusedOutcome(due, problem, now, true), this.#now());
      }
    })();
  }

  #queueEvent(booking: StoredBooking, record: PostedRecord): number | null {
    const values = eventValues(booking.event);
    if (!values) return null;
    return this.deps.enqueueCreate({
      object: 'Event',
      leadId: record.id,
      values,
      cause: {
        kind: 'platform',
        id: booking.event.externalId,
        name: booking.event.calendar?.name ?? null,
      },
      instanceId: booking.instanceId,
      idempotencyKey: `booking-event:${booking.id}`,
    });
  }

  #now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
