// GET /: every calendar, with its host, length and the platform its bookings are reported as.
import { escapeHtml } from '../http';
import type { Calendar } from '../options';
import { page } from './layout';

const FORMAT_NAMES = { timerex: 'TimeRex webhook', calendly: 'Calendly webhook' } as const;

export function calendarListPage(calendars: Calendar[]): string {
  const rows = calendars
    .map(
      (calendar) => `<li><div><strong>${escapeHtml(calendar.name)}</strong><br>
<span class="muted">${calendar.durationMinutes} min · ${escapeHtml(
        calendar.hosts.map((host) => host.name).join(', ') || 'no host',
      )} · ${FORMAT_NAMES[calendar.format]} · calendar id <code>${escapeHtml(calendar.id)}</code></span></div>
<a class="button" href="/book/${encodeURIComponent(calendar.id)}">Book a slot</a></li>`,
    )
    .join('');
  return page(
    'Calendars',
    `<section class="card"><h1>Book a meeting</h1>
<p class="muted">Pick a calendar, choose a slot and fill in the form, as a prospect would.</p>
<ul class="calendars">${rows || '<li class="muted">No calendars configured.</li>'}</ul></section>`,
  );
}
