import type { BookingSettings } from '../../../src-preload/contract';
import type { SaveResult } from '../writeback/collections-sender';
import type { ItemOutcome } from '../writeback/outbox-store';
import { refusedOutcome } from '../writeback/outbox-worker';
import { BOOKING_ADVICE, classifyRecordError, type WriteError } from '../writeback/write-errors';
import type { PostedRecord, PostOutcome, StoredBooking } from './booking-ledger';
import type { DuePost } from './booking-post-queue';
import type { BookingObject } from './object-describes';
import type { FoundRecord } from './record-lookup';

export interface Post {
  due: DuePost;
  booking: StoredBooking;
}

export interface Ready extends Post {
  settings: BookingSettings;
}

/** A write to send: a create of the booking's record, or an overwrite of the one found. */
export interface Write extends Ready {
  object: BookingObject;
  recordId: string | null;
  values: Record<string, unknown>;
  hostUsers: Record<string, string>;
}

/** Where a post ends up: its outbox item, and the booking's outcome. */
export interface Settlement extends Post {
  settings: BookingSettings | null;
  state: ItemOutcome;
  /** The booking's outcome; none while it waits for a retry. */
  outcome: Omit<PostOutcome, 'eventItemId'> | null;
  facts?: Record<string, unknown>;
  /** Waits because a whole call failed: logged once for the call. */
  deferredCall?: boolean;
}

export function done(
  post: Ready,
  outcome: 'created' | 'updated' | 'untouched' | 'not_created',
  found: FoundRecord | null,
  facts?: Record<string, unknown>,
): Settlement {
  const record =
    found && ({ kind: found.object === 'Lead' ? 'lead' : 'contact', id: found.id } as PostedRecord);
  const state: ItemOutcome =
    outcome === 'created' || outcome === 'updated'
      ? { state: 'sent', resultId: found!.id }
      : {
          state: 'skipped',
          error:
            outcome === 'untouched'
              ? {
                  code: 'BOOKING_LEFT_UNTOUCHED',
                  message: `A ${found!.object} already has the guest's email, and the booking settings leave an existing record untouched.`,
                }
              : {
                  code: 'BOOKING_NOT_CREATED',
                  message:
                    'No Lead or Contact has the guest’s email, and the booking settings say not to create one.',
                },
        };
  return { ...post, state, outcome: { outcome, record, error: null }, ...(facts ? { facts } : {}) };
}

export function failed(
  post: Post,
  settings: BookingSettings | null,
  error: { code: string; message: string },
): Settlement {
  return {
    ...post,
    settings,
    state: { state: 'failed', error },
    outcome: { outcome: 'failed', record: null, error },
  };
}

export function failedOutcome(problem: WriteError): Omit<PostOutcome, 'eventItemId'> {
  const error = { code: problem.code, message: problem.message };
  return { outcome: 'failed', record: null, error };
}

/** Salesforce's refusal of one record, in the admin's words with what to change. */
export function refused(write: Write, result: SaveResult, now: number): Settlement {
  const first = result.errors[0];
  const problem = retryable(
    classifyRecordError(
      first?.statusCode ?? 'UNKNOWN_ERROR',
      first?.message ?? 'the record was not saved, without a reason.',
      BOOKING_ADVICE,
    ),
  );
  const state = refusedOutcome(write.due, problem, now, false);
  return { ...write, state, outcome: problem.next === 'retry' ? null : failedOutcome(problem) };
}

/** A record converted or deleted meanwhile: the booking is looked up again, not dropped. */
export function retryable(problem: WriteError): WriteError {
  return problem.next === 'skipped' ? { ...problem, next: 'retry' } : problem;
}

export function noSettings(booking: StoredBooking): { code: string; message: string } {
  const calendar = booking.event.calendar?.name ?? 'this booking’s calendar';
  return {
    code: 'NO_BOOKING_SETTINGS',
    message: `No booking settings apply to ${calendar}: open Mapping, save settings for it (or a default for every calendar), then Retry.`,
  };
}

export function logKind(outcome: PostOutcome['outcome']): string {
  if (outcome === 'failed') return 'booking.failed';
  if (outcome === 'not_created') return 'booking.not_created';
  return 'booking.posted';
}

export function bookingFacts(booking: StoredBooking): Record<string, unknown> {
  const { guest, calendar } = booking.event;
  return {
    bookingId: booking.id,
    email: guest.email,
    name: [guest.firstName, guest.lastName].filter(Boolean).join(' ') || null,
    calendar: calendar?.name ?? null,
    start: booking.event.start,
  };
}
