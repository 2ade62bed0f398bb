// Calendly's webhook body (API v2 "Webhook Payload": root event/created_at/created_by/payload,
// the Invitee Payload with its scheduled_event), as developer.calendly.com documents it.
import { createHash } from 'node:crypto';
import type { Booking } from '../bookings';
import type { Calendar } from '../options';
import { platformCalendarId } from '../options';

export type CalendlyEvent = 'invitee.created' | 'invitee.canceled';

const API = 'https://api.calendly.com';

/** `2020-11-23T17:51:18.327602Z`: Calendly writes instants with microseconds. */
export const calendlyTime = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '000Z');

/** A uuid that stays the same for the same text (a host is the same Calendly user every time). */
function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const userUri = (email: string) => `${API}/users/${stableUuid(email)}`;

export function calendlyBody(
  event: CalendlyEvent,
  booking: Booking,
  calendar: Calendar,
  baseUrl: string,
): object {
  const canceled = event === 'invitee.canceled';
  const eventUri = `${API}/scheduled_events/${booking.calendly.eventUuid}`;
  const updatedMs = canceled ? (booking.cancelledAtMs ?? booking.createdAtMs) : booking.createdAtMs;
  const page = `${baseUrl}/bookings/${booking.id}`;
  return {
    created_at: calendlyTime(updatedMs),
    created_by: userUri(calendar.hosts[0]?.email ?? calendar.id),
    event,
    payload: {
      cancel_url: page,
      created_at: calendlyTime(booking.createdAtMs),
      email: booking.guest.email,
      event: eventUri,
      // One "Name" field on the form: Calendly leaves first_name and last_name null.
      first_name: null,
      last_name: null,
      name: booking.guest.name,
      new_invitee: null,
      old_invitee: null,
      questions_and_answers: [
        { question: 'Company', answer: booking.guest.company, position: 0 },
        { question: calendar.question.label, answer: booking.answer, position: 1 },
      ].filter((qa) => qa.answer !== ''),
      reschedule_url: page,
      rescheduled: false,
      routing_form_submission: null,
      status: canceled ? 'canceled' : 'active',
      text_reminder_number: null,
      timezone: calendar.timeZone,
      tracking: {
        utm_campaign: null,
        utm_source: null,
        utm_medium: null,
        utm_content: null,
        utm_term: null,
        salesforce_uuid: null,
      },
      updated_at: calendlyTime(updatedMs),
      uri: `${eventUri}/invitees/${booking.calendly.inviteeUuid}`,
      payment: null,
      no_show: null,
      reconfirmation: null,
      scheduling_method: null,
      invitee_scheduled_by: null,
      ...(canceled
        ? {
            cancellation: {
              canceled_by: booking.guest.name,
              reason: booking.cancellationReason ?? '',
              canceler_type: 'invitee',
              created_at: calendlyTime(updatedMs),
            },
          }
        : {}),
      scheduled_event: {
        uri: eventUri,
        name: calendar.name,
        meeting_notes_plain: null,
        meeting_notes_html: null,
        status: canceled ? 'canceled' : 'active',
        start_time: calendlyTime(booking.startMs),
        end_time: calendlyTime(booking.endMs),
        event_type: platformCalendarId(calendar),
        location: location(booking),
        invitees_counter: { total: 1, active: canceled ? 0 : 1, limit: 1 },
        created_at: calendlyTime(booking.createdAtMs),
        updated_at: calendlyTime(updatedMs),
        event_memberships: calendar.hosts.map((host) => ({
          user: userUri(host.email),
          user_email: host.email,
          user_name: host.name,
        })),
        event_guests: [],
      },
    },
  };
}

function location(booking: Booking): object {
  const meeting = booking.meeting;
  if (meeting?.provider === 'google_meet')
    return { type: 'google_conference', status: 'pushed', join_url: meeting.joinUrl };
  if (meeting?.provider === 'zoom')
    return {
      type: 'zoom',
      status: 'pushed',
      join_url: meeting.joinUrl,
      data: { id: Number(meeting.id), password: meeting.password },
    };
  return { type: 'custom', location: 'The host will call you' };
}
