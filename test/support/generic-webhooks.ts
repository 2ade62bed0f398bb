// Leadbridge's generic webhook as a third party would write it from the README (its JSON and
// `Leadbridge-Signature`), not from the receiver's code: the signing here is a second,
// independent reading of the documented format, so a receiver that drifted from it fails.
import { createHmac } from 'node:crypto';

export interface GenericCalendar {
  id: string;
  name: string;
}

export interface GenericGuest {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
}

/** One webhook to deliver: its platform id (what the receiver de-duplicates on) and its body. */
export interface Webhook {
  id: string;
  body: string;
}

/** A `booking.created` for `guest` on `calendar`, an hour from `start`. */
export function genericBooking(
  id: string,
  calendar: GenericCalendar,
  guest: GenericGuest,
  start: Date,
  hostEmail: string,
): Webhook {
  const body = {
    id,
    type: 'booking.created',
    occurred_at: new Date().toISOString(),
    calendar,
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    timezone: 'Asia/Tokyo',
    hosts: [{ email: hostEmail, name: null }],
    guest: {
      email: guest.email,
      first_name: guest.firstName,
      last_name: guest.lastName,
      company: guest.company,
      phone: null,
    },
    answers: [{ label: 'What would you like to talk about?', value: `Booking ${id}` }],
    meeting_url: `https://meet.example.com/${id}`,
    rescheduled_from: null,
  };
  return { id, body: JSON.stringify(body) };
}

/** `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, signed now (or at `nowMs`). */
export function leadbridgeSignature(secret: string, body: string, nowMs = Date.now()): string {
  const t = Math.floor(nowMs / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** The headers a generic webhook goes out with, signed at the moment of sending. */
export function genericHeaders(secret: string, body: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'Leadbridge-Signature': leadbridgeSignature(secret, body),
  };
}
