// GET /bookings/<id>: what was booked, how its webhooks fared at Leadbridge, and Cancel.
import type { Booking } from '../bookings';
import type { Delivery } from '../deliveries';
import { escapeHtml } from '../http';
import type { Calendar } from '../options';
import { page } from './layout';
import { whenLabel } from './when';

export function confirmationPage(
  booking: Booking,
  calendar: Calendar,
  deliveries: Delivery[],
): string {
  const cancelled = booking.status === 'cancelled';
  const waiting = deliveries.some((delivery) => delivery.state === 'pending');
  const row = (label: string, value: string) =>
    value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : '';
  const cancel = cancelled
    ? ''
    : `<form method="post" action="/bookings/${booking.id}/cancel">
<p><button class="secondary" type="submit">Cancel this booking</button></p></form>`;
  return page(
    cancelled ? 'Booking cancelled' : 'Booking confirmed',
    `<section class="card">
<h1>${cancelled ? 'Booking cancelled' : 'You are booked'} <span class="badge ${cancelled ? 'bad' : 'good'}">${cancelled ? 'cancelled' : 'confirmed'}</span></h1>
<p class="muted">${escapeHtml(calendar.name)} · ${escapeHtml(whenLabel(booking.startMs, booking.endMs, calendar.timeZone))}</p>
<dl>
${row('Name', booking.guest.name)}${row('Email', booking.guest.email)}${row('Company', booking.guest.company)}
${row(calendar.question.label, booking.answer)}${
      booking.meeting
        ? `<dt>Meeting link</dt><dd><a href="${escapeHtml(booking.meeting.joinUrl)}" rel="noreferrer">${escapeHtml(booking.meeting.joinUrl)}</a></dd>`
        : ''
    }
${row('Booking id', booking.id)}
</dl>${cancel}</section>
<section class="card"><h2>Sent to Leadbridge</h2>${deliveryTable(deliveries)}
<p class="muted"><a href="/book/${encodeURIComponent(calendar.id)}">Book another slot</a> · <a href="/">All calendars</a></p></section>`,
    { refreshSeconds: waiting ? 2 : undefined },
  );
}

function deliveryTable(deliveries: Delivery[]): string {
  if (deliveries.length === 0) return '<p class="muted">Nothing sent yet.</p>';
  const rows = deliveries
    .map((delivery) => {
      const last = delivery.attempts.at(-1);
      const answer = last
        ? last.status !== null
          ? `HTTP ${last.status}${last.answer ? ` ${last.answer.slice(0, 120)}` : ''}`
          : (last.error ?? '')
        : 'sending…';
      const state =
        delivery.state === 'delivered'
          ? '<span class="badge good">delivered</span>'
          : delivery.state === 'gave_up'
            ? '<span class="badge bad">gave up</span>'
            : delivery.attempts.length === 0
              ? '<span class="badge">sending</span>'
              : `<span class="badge">retrying${delivery.nextAttemptAt ? ` at ${escapeHtml(delivery.nextAttemptAt.slice(11, 19))} UTC` : ''}</span>`;
      return `<tr><td><code>${escapeHtml(delivery.type)}</code></td><td>${state}</td><td>${delivery.attempts.length}</td><td>${escapeHtml(answer)}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Webhook</th><th>State</th><th>Attempts</th><th>Last answer</th></tr></thead><tbody>${rows}</tbody></table>`;
}
