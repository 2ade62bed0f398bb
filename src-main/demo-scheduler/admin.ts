// /__admin: the scheduler's state for tests and scripts, and changing where Leadbridge listens
// and the secrets they share. Loopback only, and out of reach of other sites' pages.
import type { IncomingMessage } from 'node:http';
import type { Booking } from './bookings';
import type { Delivery } from './deliveries';
import { isLoopback } from './http';
import type { ReceivedInstanceEvent } from './instance-events';
import type { Calendar, LeadbridgeTarget } from './options';
import { platformCalendarId } from './options';

const SECRET_KEYS = [
  'timerexToken',
  'calendlySigningKey',
  'genericSecret',
  'outboundSecret',
] as const;

export interface SchedulerState {
  url: string;
  calendars: (Calendar & { platformCalendarId: string; bookingUrl: string })[];
  /** Secrets only as their last 4 characters: the state is for reading, not for copying keys. */
  leadbridge: { hooksUrl: string } & Record<(typeof SECRET_KEYS)[number], string | null>;
  bookings: {
    id: string;
    calendarId: string;
    start: string;
    end: string;
    guest: Booking['guest'];
    answer: string;
    status: Booking['status'];
    meetingUrl: string | null;
    createdAt: string;
    cancelledAt: string | null;
  }[];
  deliveries: Delivery[];
  instanceEvents: ReceivedInstanceEvent[];
}

export function describeState(parts: {
  url: string;
  calendars: Calendar[];
  target: LeadbridgeTarget;
  bookings: Booking[];
  deliveries: Delivery[];
  instanceEvents: ReceivedInstanceEvent[];
}): SchedulerState {
  const hint = (secret: string | null) => (secret ? `…${secret.slice(-4)}` : null);
  return {
    url: parts.url,
    calendars: parts.calendars.map((calendar) => ({
      ...calendar,
      platformCalendarId: platformCalendarId(calendar),
      bookingUrl: `${parts.url}/book/${calendar.id}`,
    })),
    leadbridge: {
      hooksUrl: parts.target.hooksUrl,
      ...(Object.fromEntries(SECRET_KEYS.map((key) => [key, hint(parts.target[key])])) as Record<
        (typeof SECRET_KEYS)[number],
        string | null
      >),
    },
    bookings: parts.bookings.map((booking) => ({
      id: booking.id,
      calendarId: booking.calendarId,
      start: new Date(booking.startMs).toISOString(),
      end: new Date(booking.endMs).toISOString(),
      guest: booking.guest,
      answer: booking.answer,
      status: booking.status,
      meetingUrl: booking.meeting?.joinUrl ?? null,
      createdAt: new Date(booking.createdAtMs).toISOString(),
      cancelledAt:
        booking.cancelledAtMs === null ? null : new Date(booking.cancelledAtMs).toISOString(),
    })),
    deliveries: parts.deliveries,
    instanceEvents: parts.instanceEvents,
  };
}

/** The target changes a POST /__admin/config body asks for, or why it is refused. */
export function parseConfigChange(
  body: unknown,
): { ok: true; change: Partial<LeadbridgeTarget> } | { ok: false; message: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, message: 'Send a JSON object' };
  const change: Partial<LeadbridgeTarget> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'hooksUrl') {
      if (
        typeof value !== 'string' ||
        !URL.canParse(value) ||
        !/^https?:$/.test(new URL(value).protocol)
      )
        return { ok: false, message: 'hooksUrl must be an http(s) URL' };
      change.hooksUrl = value;
    } else if ((SECRET_KEYS as readonly string[]).includes(key)) {
      if (value !== null && (typeof value !== 'string' || value.length < 8))
        return { ok: false, message: `${key} must be null or at least 8 characters` };
      change[key as (typeof SECRET_KEYS)[number]] = value as string | null;
    } else {
      return { ok: false, message: `Unknown setting "${key}"` };
    }
  }
  return { ok: true, change };
}

const READ_ONLY_METHODS = new Set(['GET', 'HEAD']);

/**
 * Why an admin request is refused, or null: loopback peers only, addressed to this server's
 * own loopback name (not a rebinding page's), no foreign Origin, and JSON on changes (which a
 * cross-site form cannot send without a preflight this server never grants).
 */
export function adminRefusal(req: IncomingMessage): string | null {
  if (!isLoopback(req.socket.remoteAddress)) return 'The admin API only answers loopback clients';
  const port = req.socket.localPort;
  const host = req.headers.host?.toLowerCase();
  if (!host || ![`127.0.0.1:${port}`, `localhost:${port}`].includes(host))
    return `The admin API only answers requests addressed to http://127.0.0.1:${port}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`)
    return 'The admin API does not answer other sites';
  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (!READ_ONLY_METHODS.has(req.method ?? 'GET') && contentType !== 'application/json')
    return 'The admin API needs Content-Type: application/json on requests that change it';
  return null;
}
