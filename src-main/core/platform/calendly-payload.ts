import { z } from 'zod';
import type { PlatformEvent } from '../../../src-preload/contract';
import {
  blankToNull,
  emailSchema,
  guestName,
  instantSchema,
  parseWith,
  textSchema,
  type ParsedPayload,
} from './payload-fields';

/**
 * Calendly's webhook body (developer.calendly.com: webhook payloads, the Invitee and Scheduled
 * Event resources; test/fixtures/platform/PROVENANCE.md): `{event, created_at, payload}` where
 * the payload is the Invitee with its `scheduled_event` embedded. A reschedule sends
 * `invitee.canceled` (rescheduled: true) for the old invitee and `invitee.created` (old_invitee
 * set) for the new one.
 */

const uriSchema = z.string().min(1).max(500);

const calendlyPayloadSchema = z.object({
  event: z.enum(['invitee.created', 'invitee.canceled', 'invitee_no_show.created'], {
    error: 'is not invitee.created, invitee.canceled or invitee_no_show.created',
  }),
  created_at: instantSchema,
  payload: z.object({
    uri: uriSchema,
    email: emailSchema,
    name: z.string().max(500).nullish(),
    first_name: z.string().max(500).nullish(),
    last_name: z.string().max(500).nullish(),
    timezone: z.string().max(100).nullish(),
    rescheduled: z.boolean().nullish(),
    old_invitee: uriSchema.nullish(),
    text_reminder_number: z.string().max(100).nullish(),
    questions_and_answers: z
      .array(z.object({ question: z.string().max(1000), answer: textSchema.nullish() }))
      .max(200)
      .nullish(),
    no_show: z.object({ created_at: instantSchema.nullish() }).nullish(),
    scheduled_event: z.object({
      name: z.string().max(500).nullish(),
      start_time: instantSchema.nullish(),
      end_time: instantSchema.nullish(),
      event_type: uriSchema.nullish(),
      location: z.object({ join_url: z.string().max(2000).nullish() }).nullish(),
      event_memberships: z
        .array(z.object({ user_email: emailSchema, user_name: z.string().max(500).nullish() }))
        .max(100)
        .nullish(),
    }),
  }),
});
type CalendlyPayload = z.infer<typeof calendlyPayloadSchema>;

export function parseCalendlyPayload(body: unknown): ParsedPayload {
  return parseWith(calendlyPayloadSchema, body, normalise);
}

function normalise(body: CalendlyPayload): PlatformEvent {
  const invitee = body.payload;
  const meeting = invitee.scheduled_event;
  const movedAway = body.event === 'invitee.canceled' && invitee.rescheduled === true;
  return {
    source: 'calendly',
    kind: kindOf(body),
    externalId: invitee.uri,
    occurredAt:
      body.event === 'invitee_no_show.created'
        ? (invitee.no_show?.created_at ?? body.created_at)
        : body.created_at,
    // The old invitee's time is no longer the meeting's: the new invitee carries the new one.
    start: movedAway ? null : (meeting.start_time ?? null),
    end: movedAway ? null : (meeting.end_time ?? null),
    timezone: blankToNull(invitee.timezone),
    calendar: meeting.event_type
      ? { id: meeting.event_type, name: meeting.name ?? meeting.event_type }
      : null,
    hosts: (meeting.event_memberships ?? []).map((member) => ({
      email: member.user_email,
      name: blankToNull(member.user_name),
    })),
    guest: {
      email: invitee.email,
      ...guestName(invitee.first_name, invitee.last_name, invitee.name),
      company: null,
      phone: blankToNull(invitee.text_reminder_number),
    },
    answers: (invitee.questions_and_answers ?? []).flatMap((item) => {
      const value = blankToNull(item.answer);
      return value === null ? [] : [{ label: item.question, value }];
    }),
    meetingUrl: blankToNull(meeting.location?.join_url),
    rescheduledFrom: body.event === 'invitee.created' ? blankToNull(invitee.old_invitee) : null,
  };
}

function kindOf(body: CalendlyPayload): PlatformEvent['kind'] {
  switch (body.event) {
    case 'invitee.created':
      return body.payload.old_invitee ? 'rescheduled' : 'booked';
    case 'invitee.canceled':
      return body.payload.rescheduled === true ? 'rescheduled' : 'cancelled';
    case 'invitee_no_show.created':
      return 'no_show';
  }
}
