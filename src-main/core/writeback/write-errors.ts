import { AppError } from '../errors';

/**
 * What the worker does with a write Salesforce did not take: try again later (with backoff),
 * stop it until a person acts, or drop it because its record is beyond writing (converted,
 * deleted), as the Outbox's `skipped` says.
 */
export type WriteErrorNext = 'retry' | 'failed' | 'skipped';

export interface WriteError {
  next: WriteErrorNext;
  code: string;
  /** Salesforce's own message, then what to do. */
  message: string;
}

/**
 * A moment later may work: the row was locked by another save, the org or the network was
 * briefly unavailable, the day's API allowance ran out. Everything else Salesforce refuses
 * stays refused until someone changes the data, the org or the channel.
 */
const TRANSIENT_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_LIMIT_EXCEEDED',
  'SERVER_UNAVAILABLE',
  'SALESFORCE_UNAVAILABLE',
  'SALESFORCE_TIMEOUT',
  'SALESFORCE_UNREACHABLE',
  'NOT_CONNECTED',
  'RECONNECT_NEEDED',
  'SALESFORCE_ANSWER_UNREADABLE',
]);

/** The record itself is beyond writing: nothing a Retry could change. */
const GONE_CODES = new Set(['CANNOT_UPDATE_CONVERTED_LEAD', 'ENTITY_IS_DELETED']);

function nextFor(code: string): WriteErrorNext {
  if (TRANSIENT_CODES.has(code)) return 'retry';
  return GONE_CODES.has(code) ? 'skipped' : 'failed';
}

/** What a person can do about each refusal Leadbridge knows; others get the general advice. */
const ADVICE: Record<string, string> = {
  FIELD_CUSTOM_VALIDATION_EXCEPTION:
    'A validation rule in Salesforce refused the value: change the Update channel’s value or ask an admin about the rule, then Retry.',
  CANNOT_UPDATE_CONVERTED_LEAD:
    'The Lead was converted, and Salesforce keeps converted Leads read-only.',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:
    'The value is not in the field’s picklist (any more): pick one of its values in the Update channel, then Retry.',
  FIELD_INTEGRITY_EXCEPTION:
    'Salesforce refused the value for this field: check the Update channel’s value against the field, then Retry.',
  ENTITY_IS_DELETED: 'The Lead was deleted in Salesforce: there is nothing to write to.',
  INACTIVE_OWNER_OR_USER:
    'The User is inactive in Salesforce: activate them or change the meeting type’s host, then Retry.',
  REQUIRED_FIELD_MISSING:
    'Salesforce needs a value for a required field: add it to the Update channel, then Retry.',
  INVALID_FIELD_FOR_INSERT_UPDATE:
    'The field cannot be written (any more): remove it from the Update channel, then Retry.',
  INSUFFICIENT_ACCESS_OR_READONLY:
    'Leadbridge’s Salesforce user may not edit this record: ask an admin for access, then Retry.',
  STRING_TOO_LONG:
    'The value is longer than the field allows: shorten it in the Update channel, then Retry.',
};

const GENERAL_ADVICE = 'Check the value and the record in Salesforce, then Retry or Discard it.';

/**
 * What a person can do about a booking post's refusal: the mapping is what they change. A
 * booking post's advice for the codes not named here is the general one.
 */
export const BOOKING_ADVICE: Record<string, string> = {
  FIELD_CUSTOM_VALIDATION_EXCEPTION:
    'A validation rule in Salesforce refused the record: change the mapping’s value on the Mapping screen or ask an admin about the rule, then Retry.',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:
    'The value is not in the field’s picklist: map a fixed value from the picklist on the Mapping screen, then Retry.',
  FIELD_INTEGRITY_EXCEPTION:
    'Salesforce refused a value for a mapped field: check the mapping against the field on the Mapping screen, then Retry.',
  ENTITY_IS_DELETED:
    'The record was deleted in Salesforce while the booking was posted: Retry posts it again.',
  CANNOT_UPDATE_CONVERTED_LEAD:
    'The Lead was converted meanwhile: Retry posts the booking to the record that has the email now.',
  INACTIVE_OWNER_OR_USER:
    'The owner is an inactive User: activate them, or map the owner to another value on the Mapping screen, then Retry.',
  REQUIRED_FIELD_MISSING:
    'Salesforce needs a value for a required field: map a booking field or a fixed value to it on the Mapping screen, then Retry.',
  INVALID_FIELD_FOR_INSERT_UPDATE:
    'A mapped field cannot be written (any more): remove it on the Mapping screen, then Retry.',
  INSUFFICIENT_ACCESS_OR_READONLY:
    'Leadbridge’s Salesforce user may not create or edit this record: ask an admin for access, then Retry.',
  STRING_TOO_LONG:
    'A booking’s value is longer than its field allows: map a longer field or a shorter value on the Mapping screen, then Retry.',
  DUPLICATES_DETECTED:
    'A duplicate rule blocks the new record without naming the one it matched: find that record in Salesforce (the guest’s email) or let the rule allow the save, then Retry.',
};

/** A per-record error from a collections answer (`statusCode`, `message`). */
export function classifyRecordError(
  statusCode: string,
  message: string,
  advices: Record<string, string> = ADVICE,
): WriteError {
  const next = nextFor(statusCode);
  const advice =
    next === 'retry' ? 'Leadbridge will try again.' : (advices[statusCode] ?? GENERAL_ADVICE);
  return { next, code: statusCode, message: `Salesforce answered: ${message} ${advice}` };
}

/** A whole call that failed (thrown by SalesforceConnection.call, already a sentence). */
export function classifyCallError(error: unknown): WriteError {
  if (!(error instanceof AppError)) {
    return {
      next: 'retry',
      code: 'WRITEBACK_INTERRUPTED',
      message: 'Sending to Salesforce stopped unexpectedly. Leadbridge will try again.',
    };
  }
  const next = nextFor(error.code);
  if (next === 'retry') return { next, code: error.code, message: error.message };
  const advice = ADVICE[error.code] ?? GENERAL_ADVICE;
  return { next, code: error.code, message: `${error.message} ${advice}` };
}

/**
 * The field a query named that the org does not have (any more), from Salesforce's
 * INVALID_FIELD message (`No such column 'X' on entity 'Lead'…`); null for any other error.
 */
export function missingField(error: unknown): string | null {
  if (!(error instanceof AppError) || error.code !== 'INVALID_FIELD') return null;
  return /No such column '([^']+)'/.exec(error.message)?.[1] ?? null;
}

/** Why an item writing a field the org no longer has stops. */
export function fieldGone(field: string): { code: string; message: string } {
  return {
    code: 'INVALID_FIELD',
    message: `The Lead field ${field} no longer exists in Salesforce, or Leadbridge’s user cannot see it. Edit the Update channel that writes it, then Retry or Discard.`,
  };
}
