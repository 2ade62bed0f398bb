import { z } from 'zod';
import type { PlatformEvent } from '../../../src-preload/contract';
import {
  blankToNull,
  emailSchema,
  instantSchema,
  parseWith,
  textSchema,
  type ParsedPayload,
} from './payload-fields';

/**
 * Leadbridge's own event format (README "Meeting platform webhooks"), for any platform or
 * automation tool and for invite and email attempts. It is strict where the others are loose:
 * a sender writing to this format learns about a misspelt key at once.
 */

const kindByType = {
  'booking.created': 'booked',
  'booking.cancelled': 'cancelled',
  'booking.rescheduled': 'rescheduled',
  'booking.no_show': 'no_show',
  'booking.completed': 'completed',
  'attempt.invite': 'invite_sent',
  'attempt.email': 'email_sent',
} as const satisfies Record<string, PlatformEvent['kind']>;

const nullableText = (max: number) => z.string().max(max).nullable().default(null);

const genericEventSchema = z
  .object({
    id: z.string().min(1).max(500),
    type: z.enum(Object.keys(kindByType) as (keyof typeof kindByType)[], {
      error: `is not one of ${Object.keys(kindByType).join(', ')}`,
    }),
    occurred_at: instantSchema,
    calendar: z
      .object({ id: z.string().min(1).max(500), name: z.string().max(500) })
      .strict()
      .nullable()
      .default(null),
    start: instantSchema.nullable().default(null),
    end: instantSchema.nullable().default(null),
    timezone: nullableText(100),
    hosts: z
      .array(z.object({ email: emailSchema, name: nullableText(500) }).strict())
      .max(100)
      .default([]),
    guest: z
      .object({
        email: emailSchema,
        first_name: nullableText(500),
        last_name: nullableText(500),
        company: nullableText(500),
        phone: nullableText(100),
      })
      .strict(),
    answers: z
      .array(z.object({ label: z.string().max(1000), value: textSchema }).strict())
      .max(200)
      .default([]),
    meeting_url: nullableText(2000),
    rescheduled_from: z.string().min(1).max(500).nullable().default(null),
  })
  .strict();
type GenericEvent = z.infer<typeof genericEventSchema>;

export function parseGenericPayload(body: unknown): ParsedPayload {
  return parseWith(genericEventSchema, body, normalise);
}

function normalise(body: GenericEvent): PlatformEvent {
  return {
    source: 'generic',
    kind: kindByType[body.type],
    externalId: body.id,
    occurredAt: body.occurred_at,
    start: body.start,
    end: body.end,
    timezone: blankToNull(body.timezone),
    calendar: body.calendar,
    hosts: body.hosts.map((host) => ({ email: host.email, name: blankToNull(host.name) })),
    guest: {
      email: body.guest.email,
      firstName: blankToNull(body.guest.first_name),
      lastName: blankToNull(body.guest.last_name),
      company: blankToNull(body.guest.company),
      phone: blankToNull(body.guest.phone),
    },
    answers: body.answers,
    meetingUrl: blankToNull(body.meeting_url),
    rescheduledFrom: body.rescheduled_from,
  };
}
