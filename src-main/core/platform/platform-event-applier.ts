import type { Database } from 'better-sqlite3';
import type {
  InstanceStatus,
  InstanceSummary,
  PlatformEvent,
  PlatformSource,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Logger } from '../ports';
import type { ActivityLogging } from '../meetings/activity-logging';
import { recordAttempt } from '../meetings/attempt-recording';
import type { InstanceRepository } from '../meetings/instance-repository';
import { InstanceWrites, type BookingDetails, type CauseInput } from '../meetings/instance-writes';
import type { MeetingTypeRef, MeetingTypeRepository } from '../meetings/meeting-type-repository';
import type { LogRepository } from '../store/log-repository';

/** A stored inbound event waiting to be applied. */
export interface StoredPlatformEvent {
  id: number;
  event: PlatformEvent;
}

export interface AppliedEvent {
  /** What applying it did, in a sentence a person reads. */
  outcome: string;
  meetingTypeId: number | null;
  /** The instance the event moved or started (null when it moved none). */
  instanceId: number | null;
}

/** The inbox (helper A's `platform_events` store), as the applier uses it. */
export interface PlatformInboxPort {
  /** Pending events, oldest first. */
  pending(limit: number): StoredPlatformEvent[];
  markApplied(id: number, applied: AppliedEvent): void;
  markFailed(id: number, error: { code: string; message: string }): void;
  /** The instance the latest applied event of this booking moved, if one did. */
  instanceOfBooking(source: PlatformSource, externalId: string): number | null;
  /** Whether a cancel of this booking has arrived, applied or not. */
  cancelArrived(source: PlatformSource, externalId: string): boolean;
}

/** The booking ledger: records a booking event inside the applier's transaction. */
export interface BookingRecorder {
  recordEvent(
    event: PlatformEvent,
    meetingTypeId: number | null,
    inboxId: number,
  ): { bookingId: number; queued: boolean };
  /** The instance the booking moved or started. */
  linkInstance(bookingId: number, instanceId: number): void;
}

/** A booking posted to a Salesforce record (the ledger's onPosted, inside its transaction). */
export interface PostedBooking {
  bookingId: number;
  meetingTypeId: number | null;
  event: PlatformEvent;
  record: { kind: 'lead' | 'contact'; id: string };
}

export interface PlatformEventApplierDependencies {
  db: Database;
  inbox: PlatformInboxPort;
  bookings: BookingRecorder;
  meetingTypes: MeetingTypeRepository;
  instances: InstanceRepository;
  /** The live, unconverted cached Lead with a guest's email. */
  leadByEmail(email: string): { id: string } | undefined;
  activities: ActivityLogging;
  log: LogRepository;
  logger: Logger;
  /** Events were applied (or failed): the screens listing them read them again. */
  applied(): void;
}

/** Events applied per turn of the event loop: a backlog does not hold the process up. */
const BATCH = 100;
const BOOKED: ReadonlySet<InstanceStatus> = new Set(['booked', 'rescheduled']);
const SOURCE_NAMES: Record<PlatformSource, string> = {
  timerex: 'TimeRex',
  calendly: 'Calendly',
  generic: 'the meeting platform',
  manual: 'an admin',
};

/**
 * Applies stored platform events to instances, oldest first, each in a savepoint of its own
 * (a batch of them commits once): the booking ledger records a booking, the instance found by
 * the guest's email and the meeting type of the event's calendar moves, and the event is
 * marked applied with what it did (or failed, with why) — all or nothing. A cancel wins
 * whenever it arrived; a repeat moves nothing.
 */
export class PlatformEventApplier {
  #scheduled = false;
  #stopped = false;

  constructor(private readonly deps: PlatformEventApplierDependencies) {}

  /** Events were stored (or the app started): apply them soon, after the caller's answer. */
  kick(): void {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#stopped) return;
      try {
        if (this.applyPending(BATCH) === BATCH) this.kick();
      } catch (error) {
        // The database closed under it (the app is closing): the events stay pending.
        this.deps.logger.error('applying platform events failed', { error: String(error) });
      }
    });
  }

  stop(): void {
    this.#stopped = true;
  }

  /**
   * Applies up to `limit` pending events now; returns how many it took. A batch commits
   * once (each event in a savepoint of its own): a crash leaves its events pending, all of
   * them, to be applied again; what they moved is announced after that commit.
   */
  applyPending(limit = Number.MAX_SAFE_INTEGER): number {
    let taken = 0;
    while (taken < limit) {
      const { db, inbox, instances } = this.deps;
      const applied = db
        .transaction(() =>
          inbox.pending(Math.min(BATCH, limit - taken)).map((stored) => this.#applyOne(stored)),
        )
        .immediate();
      for (const writes of applied) instances.publish(writes);
      taken += applied.length;
      if (applied.length > 0) this.deps.applied();
      if (applied.length < BATCH) break;
    }
    return taken;
  }

  /**
   * A booking posted to a record: when no instance took the booking yet (none had the guest's
   * email), the record's instance of the meeting type is booked, or one starts in `booked`.
   * Runs inside the posting's transaction; its notices go out after it.
   */
  bookingPosted(posted: PostedBooking): void {
    const { event, meetingTypeId } = posted;
    if (meetingTypeId === null || this.#cancelled(event)) return;
    if (this.deps.inbox.instanceOfBooking(event.source, event.externalId) !== null) return;
    const type = this.deps.meetingTypes.ref(meetingTypeId);
    if (!type || type.archived) return;
    const { instances } = this.deps;
    const open = instances.findOpen(posted.record.id, meetingTypeId);
    if (open && BOOKED.has(open.status)) return;
    const writes = new InstanceWrites();
    const change = this.#change(event, 'booked', { kind: 'platform', name: event.source });
    const instance = open
      ? instances.transition(open.id, 'booked', change, writes)
      : instances.openInstance(
          {
            recordId: posted.record.id,
            recordKind: posted.record.kind,
            email: event.guest.email,
            meetingTypeId,
            status: 'booked',
            ...change,
          },
          writes,
        ).instance;
    this.deps.bookings.linkInstance(posted.bookingId, instance.id);
    // better-sqlite3 commits synchronously: a microtask runs once the posting's transaction
    // is over. Rolled back, the instance is not as the change left it, and nothing is shown.
    queueMicrotask(() => {
      const kept = writes.changes.every((change) => {
        const now = instances.get(change.instanceId);
        return now?.status === change.to && now.lastChange.at === change.at;
      });
      if (kept) instances.publish(writes);
    });
  }

  /** One event, in a savepoint of the batch's transaction; returns what it moved. */
  #applyOne(stored: StoredPlatformEvent): InstanceWrites {
    const { db, inbox } = this.deps;
    const writes = new InstanceWrites();
    try {
      db.transaction(() => {
        const type = stored.event.calendar
          ? this.deps.meetingTypes.byCalendar(stored.event.calendar.id)
          : undefined;
        const booking = isBookingKind(stored.event.kind)
          ? this.deps.bookings.recordEvent(stored.event, type?.id ?? null, stored.id)
          : null;
        if (!type) {
          inbox.markApplied(stored.id, {
            outcome: stored.event.calendar
              ? `No meeting type is mapped to the calendar “${stored.event.calendar.name}”: no instance moved.`
              : 'The event names no calendar: no instance moved.',
            meetingTypeId: null,
            instanceId: null,
          });
          return;
        }
        // The instance work may be refused (a record Id Salesforce would not take); the
        // booking is recorded all the same, and the event says why its instance did not move.
        const nested = new InstanceWrites();
        try {
          const applied = db.transaction(() => this.#moveInstance(stored, type, nested))();
          writes.adopt(nested);
          if (booking && applied.instanceId !== null) {
            this.deps.bookings.linkInstance(booking.bookingId, applied.instanceId);
          }
          inbox.markApplied(stored.id, applied);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          inbox.markFailed(stored.id, { code: error.code, message: error.message });
        }
      })();
    } catch (error) {
      this.deps.logger.error('a platform event could not be applied', {
        inboxId: stored.id,
        error: String(error),
      });
      db.transaction(() =>
        inbox.markFailed(stored.id, {
          code: 'PLATFORM_EVENT_NOT_APPLIED',
          message: `Leadbridge could not apply this event (${String(error)}). Report this; the booking it describes may need to be entered by hand.`,
        }),
      )();
      return new InstanceWrites();
    }
    return writes;
  }

  #moveInstance(
    stored: StoredPlatformEvent,
    type: MeetingTypeRef,
    writes: InstanceWrites,
  ): AppliedEvent {
    const { event } = stored;
    const cause: CauseInput = { kind: 'platform', id: String(stored.id), name: event.source };
    const moved = (instance: InstanceSummary | null, outcome: string): AppliedEvent => ({
      outcome,
      meetingTypeId: type.id,
      instanceId: instance?.id ?? null,
    });
    switch (event.kind) {
      case 'invite_sent':
      case 'email_sent': {
        const open = this.deps.instances.findOpenByEmail(event.guest.email, type.id);
        if (!open)
          return moved(
            null,
            `No open “${type.name}” instance has this guest’s email: nothing recorded.`,
          );
        const kind = event.kind === 'invite_sent' ? 'invite' : 'email';
        const { instance, outboxItemId } = recordAttempt(
          this.deps,
          open,
          {
            kind,
            subject: undefined,
            cause,
            key: `platform:${event.source}:${event.externalId}:${event.kind}`,
          },
          writes,
        );
        const what = kind === 'invite' ? 'Invite' : 'Email';
        const moves = instance.status !== open.status ? ', instance invited' : '';
        return moved(
          instance,
          `${what} recorded${moves}${outboxItemId === null ? '' : ', Task queued'}.`,
        );
      }
      case 'booked':
      case 'rescheduled':
        return this.#book(event, type, cause, writes, moved);
      case 'cancelled':
      case 'no_show':
      case 'completed':
        return this.#close(event, type, cause, writes, moved);
    }
  }

  /**
   * Books (or reschedules) the guest's instance. A booking whose cancel arrived first is
   * booked and cancelled at once: the prospect did both, whatever order they came in.
   */
  #book(
    event: PlatformEvent,
    type: MeetingTypeRef,
    cause: CauseInput,
    writes: InstanceWrites,
    moved: (instance: InstanceSummary | null, outcome: string) => AppliedEvent,
  ): AppliedEvent {
    if (event.kind === 'rescheduled' && event.start === null) {
      return moved(null, 'The booking was moved; its new time comes with the next event.');
    }
    const booked = this.#bookedInstance(event, type, cause, writes);
    if (booked.instance === null || !this.#cancelled(event)) {
      return moved(booked.instance, `${booked.what}.`);
    }
    const instance = this.deps.instances.transition(
      booked.instance.id,
      'cancelled',
      this.#change(event, 'cancelled', cause),
      writes,
    );
    return moved(instance, `${booked.what}, and cancelled: the cancel arrived first.`);
  }

  #bookedInstance(
    event: PlatformEvent,
    type: MeetingTypeRef,
    cause: CauseInput,
    writes: InstanceWrites,
  ): { instance: InstanceSummary | null; what: string } {
    const { instances } = this.deps;
    const to = (instance: InstanceSummary, status: 'booked' | 'rescheduled') =>
      instances.transition(instance.id, status, this.#change(event, status, cause), writes);
    const open = this.#bookingInstance(event, type);
    if (open && BOOKED.has(open.status)) {
      if (event.kind === 'booked' || open.bookedStart === event.start) {
        return {
          instance: null,
          what: `The “${type.name}” instance is already booked: left as it is`,
        };
      }
      return { instance: to(open, 'rescheduled'), what: 'Instance rescheduled' };
    }
    if (open) return { instance: to(open, 'booked'), what: 'Instance booked' };
    const lead = this.deps.leadByEmail(event.guest.email);
    if (!lead) {
      return {
        instance: null,
        what: 'No instance or cached Lead has this guest’s email: the instance starts once the booking is posted',
      };
    }
    const started = instances.openInstance(
      {
        recordId: lead.id,
        email: event.guest.email,
        meetingTypeId: type.id,
        status: 'booked',
        ...this.#change(event, 'booked', cause),
      },
      writes,
    );
    if (started.created) {
      return {
        instance: started.instance,
        what: 'Started an instance, booked, for the cached Lead with this email',
      };
    }
    // The Lead's open instance was opened under another email (the Lead's changed since).
    if (BOOKED.has(started.instance.status)) {
      return {
        instance: null,
        what: `The “${type.name}” instance is already booked: left as it is`,
      };
    }
    return { instance: to(started.instance, 'booked'), what: 'Instance booked' };
  }

  #close(
    event: PlatformEvent,
    type: MeetingTypeRef,
    cause: CauseInput,
    writes: InstanceWrites,
    moved: (instance: InstanceSummary | null, outcome: string) => AppliedEvent,
  ): AppliedEvent {
    const to = event.kind as 'cancelled' | 'no_show' | 'completed';
    const open = this.#bookingInstance(event, type);
    if (!open || !BOOKED.has(open.status)) {
      return moved(
        null,
        `No booked “${type.name}” instance has this guest’s email: no instance moved.`,
      );
    }
    const instance = this.deps.instances.transition(
      open.id,
      to,
      this.#change(event, to, cause),
      writes,
    );
    return moved(instance, `Instance ${to === 'no_show' ? 'marked no-show' : to}.`);
  }

  /** The open instance this booking (or the one it moved from) moved before, else the guest's. */
  #bookingInstance(event: PlatformEvent, type: MeetingTypeRef): InstanceSummary | undefined {
    for (const externalId of [event.externalId, event.rescheduledFrom]) {
      if (externalId === null) continue;
      const id = this.deps.inbox.instanceOfBooking(event.source, externalId);
      const instance = id === null ? undefined : this.deps.instances.get(id);
      if (instance?.isOpen && instance.meetingType.id === type.id) return instance;
    }
    return this.deps.instances.findOpenByEmail(event.guest.email, type.id);
  }

  #cancelled(event: PlatformEvent): boolean {
    return this.deps.inbox.cancelArrived(event.source, event.externalId);
  }

  #change(
    event: PlatformEvent,
    to: InstanceStatus,
    cause: CauseInput,
  ): { reason: string; cause: CauseInput; booking?: BookingDetails } {
    const reason = `${REASONS[to] ?? to} through ${SOURCE_NAMES[event.source]} (booking ${event.externalId}).`;
    if (to !== 'booked' && to !== 'rescheduled') return { reason, cause };
    return {
      reason,
      cause,
      booking: {
        start: event.start,
        end: event.end,
        hostEmail: event.hosts[0]?.email.trim().toLowerCase() ?? null,
        meetingUrl: event.meetingUrl,
      },
    };
  }
}

const REASONS: Partial<Record<InstanceStatus, string>> = {
  booked: 'Booked',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  no_show: 'No-show reported',
  completed: 'Completed',
};

function isBookingKind(kind: PlatformEvent['kind']): boolean {
  return kind !== 'invite_sent' && kind !== 'email_sent';
}
