import type { PlatformEvent, PlatformEventKind } from '../../src-preload/contract';
import type {
  AppliedEvent,
  BookingRecorder,
  PlatformInboxPort,
  StoredPlatformEvent,
} from '../../src-main/core/platform/platform-event-applier';

export const CALENDAR = { id: 'cal-intro', name: 'Intro call (30 min)' };

/** A normalised platform event for one guest's booking, as the intake stores it. */
export function platformEvent(
  kind: PlatformEventKind,
  overrides: Partial<PlatformEvent> = {},
): PlatformEvent {
  return {
    source: 'timerex',
    kind,
    externalId: 'booking-1',
    occurredAt: '2026-11-22T09:00:00.000Z',
    start: kind === 'booked' || kind === 'rescheduled' ? '2026-12-03T15:00:00.000Z' : null,
    end: kind === 'booked' || kind === 'rescheduled' ? '2026-12-03T15:30:00.000Z' : null,
    timezone: 'Asia/Tokyo',
    calendar: CALENDAR,
    hosts: [{ email: 'Alex.Host@leadbridge.demo', name: 'Alex Host' }],
    guest: {
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      phone: null,
    },
    answers: [],
    meetingUrl: 'https://meet.example.com/intro-42',
    rescheduledFrom: null,
    ...overrides,
  };
}

interface InboxRow extends StoredPlatformEvent {
  state: 'pending' | 'applied' | 'failed';
  applied: AppliedEvent | null;
  error: { code: string; message: string } | null;
}

/**
 * The inbox as the intake keeps it, in memory: de-duplicated on (source, externalId, kind),
 * pending in arrival order.
 */
export class MemoryInbox implements PlatformInboxPort {
  readonly rows: InboxRow[] = [];

  /** Stores an event as the intake does; false for a repeat (nothing stored). */
  receive(event: PlatformEvent): boolean {
    const repeat = this.rows.some(
      (row) =>
        row.event.source === event.source &&
        row.event.externalId === event.externalId &&
        row.event.kind === event.kind,
    );
    if (repeat) return false;
    this.rows.push({
      id: this.rows.length + 1,
      event,
      state: 'pending',
      applied: null,
      error: null,
    });
    return true;
  }

  pending(limit: number): StoredPlatformEvent[] {
    return this.rows
      .filter((row) => row.state === 'pending')
      .slice(0, limit)
      .map(({ id, event }) => ({ id, event }));
  }

  markApplied(id: number, applied: AppliedEvent): void {
    Object.assign(this.rows[id - 1]!, { state: 'applied', applied });
  }

  markFailed(id: number, error: { code: string; message: string }): void {
    Object.assign(this.rows[id - 1]!, { state: 'failed', error });
  }

  instanceOfBooking(source: string, externalId: string): number | null {
    const row = this.rows.findLast(
      (r) =>
        r.state === 'applied' &&
        r.event.source === source &&
        r.event.externalId === externalId &&
        r.applied?.instanceId != null,
    );
    return row?.applied?.instanceId ?? null;
  }

  cancelArrived(source: string, externalId: string): boolean {
    return this.rows.some(
      (r) =>
        r.event.source === source &&
        r.event.externalId === externalId &&
        r.event.kind === 'cancelled',
    );
  }
}

/** Records what the applier hands the booking ledger. */
export class RecordingBookings implements BookingRecorder {
  readonly calls: { kind: PlatformEventKind; meetingTypeId: number | null; inboxId: number }[] = [];

  recordEvent(event: PlatformEvent, meetingTypeId: number | null, inboxId: number) {
    this.calls.push({ kind: event.kind, meetingTypeId, inboxId });
    return { bookingId: 1, queued: false };
  }
}
