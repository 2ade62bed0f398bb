// The scheduler's front door: booking pages, the instance-event endpoint and /__admin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { adminRefusal, parseConfigChange, type SchedulerState } from './admin';
import { bookingForm, scriptedBooking, type BookingDesk } from './booking-desk';
import type { BookingBook } from './bookings';
import type { Deliveries } from './deliveries';
import { BodyTooLarge, readBody, redirect, sendHtml, sendJson } from './http';
import type { InstanceEvents } from './instance-events';
import type { Calendar, LeadbridgeTarget } from './options';
import { bookingPage, EMPTY_FORM, type BookingForm, type FormErrors } from './pages/booking-page';
import { calendarListPage } from './pages/calendar-list';
import { confirmationPage } from './pages/confirmation-page';
import { page } from './pages/layout';

export interface SchedulerParts {
  calendars: Calendar[];
  bookings: BookingBook;
  desk: BookingDesk;
  deliveries: Deliveries;
  instanceEvents: InstanceEvents;
  configure: (change: Partial<LeadbridgeTarget>) => void;
  state: () => SchedulerState;
}

export function createSchedulerServer(parts: SchedulerParts): Server {
  return createServer((req, res) => {
    route(req, res, parts).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof BodyTooLarge) sendJson(res, 413, { error: error.message });
      else sendJson(res, 500, { error: String(error) });
    });
  });
}

const BOOK = /^\/book\/([^/]+)$/;
const BOOKING = /^\/bookings\/([0-9a-f]{20})$/;
const CANCEL = /^\/bookings\/([0-9a-f]{20})\/cancel$/;

async function route(req: IncomingMessage, res: ServerResponse, parts: SchedulerParts) {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const calendarOf = (id: string) => parts.calendars.find((c) => c.id === decodeURIComponent(id));
  let match: RegExpExecArray | null;

  if (path.startsWith('/__admin/')) return admin(req, res, path, parts);
  if (path === '/platform/instance-events') {
    if (method !== 'POST') return sendJson(res, 405, { error: 'POST instance events here' });
    const answer = parts.instanceEvents.receive(req.headers, await readBody(req));
    return sendJson(res, answer.status, answer.body);
  }
  if (path === '/' && method === 'GET')
    return sendHtml(res, 200, calendarListPage(parts.calendars));
  if ((match = BOOK.exec(path))) {
    const calendar = calendarOf(match[1]!);
    if (!calendar) return notFound(res, 'There is no calendar at this address.');
    if (method === 'GET') return showBookingPage(res, parts, calendar, EMPTY_FORM, {}, 200);
    if (method === 'POST') return book(req, res, parts, calendar);
  }
  if ((match = BOOKING.exec(path)) && method === 'GET') {
    const booking = parts.bookings.get(match[1]!);
    const calendar = booking && calendarOf(booking.calendarId);
    if (!booking || !calendar) return notFound(res, 'There is no booking at this address.');
    const sent = parts.deliveries.list().filter((d) => d.bookingId === booking.id);
    return sendHtml(res, 200, confirmationPage(booking, calendar, sent));
  }
  if ((match = CANCEL.exec(path)) && method === 'POST') {
    await readBody(req);
    parts.desk.cancel(match[1]!, 'Cancelled on the booking page');
    return redirect(res, `/bookings/${match[1]!}`);
  }
  return notFound(res, 'There is nothing at this address.');
}

function notFound(res: ServerResponse, sentence: string) {
  sendHtml(
    res,
    404,
    page(
      'Not found',
      `<section class="card"><h1>Not found</h1><p>${sentence} <a href="/">See the calendars</a>.</p></section>`,
    ),
  );
}

function showBookingPage(
  res: ServerResponse,
  parts: SchedulerParts,
  calendar: Calendar,
  form: BookingForm,
  errors: FormErrors,
  status: number,
) {
  sendHtml(res, status, bookingPage(calendar, parts.desk.slots(calendar), form, errors));
}

async function book(
  req: IncomingMessage,
  res: ServerResponse,
  parts: SchedulerParts,
  calendar: Calendar,
) {
  const fields = new URLSearchParams(await readBody(req));
  const form = bookingForm((name) => fields.get(name));
  const attempt = parts.desk.book(calendar, form);
  if (!attempt.ok) return showBookingPage(res, parts, calendar, form, attempt.errors, 400);
  redirect(res, `/bookings/${attempt.booking.id}`);
}

async function admin(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  parts: SchedulerParts,
) {
  const refusal = adminRefusal(req);
  if (refusal) return sendJson(res, 403, { error: refusal });
  if (path === '/__admin/state' && req.method === 'GET') return sendJson(res, 200, parts.state());
  if (req.method !== 'POST' || !['/__admin/config', '/__admin/book'].includes(path))
    return sendJson(res, 404, {
      error: 'GET /__admin/state, POST /__admin/config or /__admin/book',
    });
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return sendJson(res, 400, { error: 'Send a JSON object' });
  }
  if (path === '/__admin/book') {
    const fields = typeof body === 'object' && body !== null ? body : {};
    const made = scriptedBooking(parts.desk, fields as Record<string, unknown>);
    if (!made.ok) return sendJson(res, made.status, { errors: made.errors });
    return sendJson(res, 201, {
      id: made.booking.id,
      start: new Date(made.booking.startMs).toISOString(),
      confirmation: `/bookings/${made.booking.id}`,
    });
  }
  const parsed = parseConfigChange(body);
  if (!parsed.ok) return sendJson(res, 400, { error: parsed.message });
  parts.configure(parsed.change);
  sendJson(res, 200, parts.state().leadbridge);
}
