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
 * TimeRex's webhook body (support.timerex.net "Webhook API"; test/fixtures/platform/PROVENANCE.md).
 * Keyed on `webhook_type`, not on `event.status`; the guest's answers are `event.form[]` items
 * told apart by `field_type`. Unknown keys are allowed: TimeRex adds fields over time.
 */

const formValueSchema = z
  .union([textSchema, z.number(), z.boolean(), z.array(textSchema.or(z.number())), z.null()])
  .optional();

const meetingSchema = z.object({ join_url: z.string().max(2000).nullish() }).nullish();

const timerexPayloadSchema = z.object({
  webhook_type: z.enum(['event_confirmed', 'event_cancelled'], {
    error: 'is not event_confirmed or event_cancelled',
  }),
  calendar_url_path: z.string().min(1).max(500).nullish(),
  calendar_name: z.string().max(500).nullish(),
  event: z.object({
    id: z.union([z.string().min(1).max(500), z.number()]).transform(String),
    start_datetime: instantSchema.nullish(),
    end_datetime: instantSchema.nullish(),
    created_at: instantSchema.nullish(),
    canceled_at: instantSchema.nullish(),
    timezone: z.string().max(100).nullish(),
    form: z
      .array(
        z.object({
          field_type: z.string().max(100),
          label: z.string().max(1000).nullish(),
          value: formValueSchema,
        }),
      )
      .max(200),
    hosts: z
      .array(z.object({ email: emailSchema, name: z.string().max(500).nullish() }))
      .max(100)
      .nullish(),
    zoom_meeting: meetingSchema,
    google_meet_meeting: meetingSchema,
    microsoft_teams_meeting: meetingSchema,
  }),
});
type TimerexPayload = z.infer<typeof timerexPayloadSchema>;

/** The form's fixed fields; any other field (custom questions) becomes an answer by its label. */
const GUEST_FIELDS = new Set([
  'guest_name',
  'guest_email',
  'guest_first_name',
  'guest_last_name',
  'company_name',
  'guest_phone',
  'phone_number',
]);

export function parseTimerexPayload(body: unknown, receivedAt: string): ParsedPayload {
  return parseWith(timerexPayloadSchema, body, (payload) => normalise(payload, receivedAt));
}

function normalise(payload: TimerexPayload, receivedAt: string): PlatformEvent | string {
  const { event } = payload;
  const field = (type: string): string | null => {
    const found = event.form.find((item) => item.field_type === type);
    return found ? formText(found.value) : null;
  };
  const email = emailSchema.safeParse(field('guest_email') ?? '');
  if (!email.success) return 'event.form: a guest_email field with the guest’s email is required';
  const cancelled = payload.webhook_type === 'event_cancelled';
  return {
    source: 'timerex',
    kind: cancelled ? 'cancelled' : 'booked',
    externalId: event.id,
    occurredAt: (cancelled ? event.canceled_at : event.created_at) ?? receivedAt,
    start: event.start_datetime ?? null,
    end: event.end_datetime ?? null,
    timezone: blankToNull(event.timezone),
    calendar: payload.calendar_url_path
      ? { id: payload.calendar_url_path, name: payload.calendar_name ?? payload.calendar_url_path }
      : null,
    hosts: (event.hosts ?? []).map((host) => ({ email: host.email, name: blankToNull(host.name) })),
    guest: {
      email: email.data,
      ...guestName(field('guest_first_name'), field('guest_last_name'), field('guest_name')),
      company: field('company_name'),
      phone: field('guest_phone') ?? field('phone_number'),
    },
    answers: event.form
      .filter((item) => !GUEST_FIELDS.has(item.field_type))
      .flatMap((item) => {
        const value = formText(item.value);
        const label = blankToNull(item.label) ?? item.field_type;
        return value === null ? [] : [{ label, value }];
      }),
    meetingUrl: blankToNull(
      event.zoom_meeting?.join_url ??
        event.google_meet_meeting?.join_url ??
        event.microsoft_teams_meeting?.join_url,
    ),
    rescheduledFrom: null,
  };
}

/** Checkbox questions answer a list: one text, comma-separated, as the booking form shows them. */
function formText(value: z.infer<typeof formValueSchema>): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return blankToNull(value.map(String).join(', '));
  return blankToNull(String(value));
}
