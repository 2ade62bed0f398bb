import { z } from 'zod';
import type { PlatformEvent } from '../../../src-preload/contract';

/**
 * Pieces every source's payload schema shares, and what a parse answers: the normalised event,
 * or a sentence naming what is wrong with the body (the 400's reason).
 */

export type ParsedPayload = { ok: true; event: PlatformEvent } | { ok: false; reason: string };

/** An instant in any ISO 8601 form a platform sends, kept as UTC ISO so events sort and compare. */
export const instantSchema = z
  .string()
  .max(64)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date-time')
  .transform((value) => new Date(value).toISOString());

/** Loose on purpose (platforms accept what mail servers accept); the one thing a booking needs. */
export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'is not an email address');

export const textSchema = z.string().max(10_000);

/** A blank optional value is no value: empty strings never reach a mapped Salesforce field. */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * A single "name" field is never split into first and last: which part is the family name
 * depends on the language (山田 太郎). It goes to lastName, the part Salesforce requires.
 */
export function guestName(
  first: string | null | undefined,
  last: string | null | undefined,
  full: string | null | undefined,
): { firstName: string | null; lastName: string | null } {
  const firstName = blankToNull(first);
  const lastName = blankToNull(last);
  if (firstName || lastName) return { firstName, lastName };
  return { firstName: null, lastName: blankToNull(full) };
}

/** "event.form.2.value: is not a date-time; payload.email: required" — at most three issues. */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return issues.join('; ') + more;
}

/** Runs a source's schema and its normaliser; a schema failure becomes the 400's reason. */
export function parseWith<T>(
  schema: z.ZodType<T>,
  body: unknown,
  normalise: (payload: T) => PlatformEvent | string,
): ParsedPayload {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  const event = normalise(parsed.data);
  return typeof event === 'string' ? { ok: false, reason: event } : { ok: true, event };
}
