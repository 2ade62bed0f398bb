// TimeRex's webhook body, as its Webhook API reference documents it (developers.timerex.net,
// webhook reference: ConfirmedEvent, CancelledEvent, Host, FormField, ZoomMeeting,
// GoogleMeetMeeting; support.timerex.net article 360049651071 for the headers).
import type { Booking } from '../bookings';
import type { Calendar } from '../options';
import { localIso } from '../time-zone';

export type TimeRexWebhookType = 'event_confirmed' | 'event_cancelled';

/** The team part of the calendar's URL (timerex.net/s/<team_url_path>/<calendar_url_path>). */
const TEAM_URL_PATH = 'leadbridge-demo';
/** TimeRex's `event.status`: 1 confirmed, 3 cancelled (receivers key on webhook_type). */
const STATUS = { event_confirmed: 1, event_cancelled: 3 } as const;

/** `2020-08-26T09:00:00+00:00`, the form TimeRex writes UTC instants in. */
export const timerexUtc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

export function timerexBody(
  type: TimeRexWebhookType,
  booking: Booking,
  calendar: Calendar,
  baseUrl: string,
): object {
  const page = `${baseUrl}/bookings/${booking.id}`;
  const meeting = booking.meeting;
  return {
    webhook_type: type,
    calendar_url_path: calendar.id,
    team_url_path: TEAM_URL_PATH,
    calendar_url: `${baseUrl}/book/${calendar.id}`,
    calendar_name: calendar.name,
    event: {
      id: booking.id,
      status: STATUS[type],
      duration: calendar.durationMinutes,
      start_datetime: timerexUtc(booking.startMs),
      end_datetime: timerexUtc(booking.endMs),
      local_start_datetime: localIso(booking.startMs, calendar.timeZone),
      local_end_datetime: localIso(booking.endMs, calendar.timeZone),
      calendar_timezone: calendar.timeZone,
      guest_locale: 'en',
      guest_timezone: calendar.timeZone,
      created_at: timerexUtc(booking.createdAtMs),
      ...(type === 'event_cancelled'
        ? {
            canceled_at: timerexUtc(booking.cancelledAtMs ?? booking.createdAtMs),
            cancellation_reason: booking.cancellationReason ?? '',
          }
        : {}),
      host_cancel_url: page,
      guest_cancel_url: page,
      guest_reschedule_url: page,
      ...(meeting ? { online_meeting_provider: meeting.provider } : {}),
      ...(meeting?.provider === 'zoom'
        ? {
            zoom_meeting: {
              meeting_id: Number(meeting.id),
              join_url: meeting.joinUrl,
              password: meeting.password,
              host: calendar.hosts[0] ?? null,
            },
          }
        : {}),
      ...(meeting?.provider === 'google_meet'
        ? { google_meet_meeting: { meeting_id: meeting.id, join_url: meeting.joinUrl } }
        : {}),
      hosts: calendar.hosts.map((host) => ({ name: host.name, email: host.email })),
      form: [
        formField('guest_name', true, 'Name', booking.guest.name),
        formField('guest_email', true, 'Email', booking.guest.email),
        formField('company_name', false, 'Company', booking.guest.company),
        formField('text', calendar.question.required, calendar.question.label, booking.answer),
      ],
      url_params: [],
    },
  };
}

function formField(fieldType: string, required: boolean, label: string, value: string) {
  return { field_type: fieldType, required, label, description: '', value };
}
