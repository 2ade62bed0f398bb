// GET /book/<calendarId>: the slots and the form (name, email, company, the custom question).
import { escapeHtml } from '../http';
import type { Calendar } from '../options';
import type { SlotDay } from '../slots';
import { page } from './layout';
import { dayLabel, timeLabel } from './when';

export interface BookingForm {
  slot: string;
  name: string;
  email: string;
  company: string;
  answer: string;
}

export type FormErrors = Partial<Record<keyof BookingForm, string>>;

export const EMPTY_FORM: BookingForm = { slot: '', name: '', email: '', company: '', answer: '' };

export function bookingPage(
  calendar: Calendar,
  days: SlotDay[],
  form: BookingForm,
  errors: FormErrors,
): string {
  const slotList = days
    .map(
      (
        day,
      ) => `<div class="day">${escapeHtml(dayLabel(day.slots[0]!.startMs, calendar.timeZone))}</div>
<div class="slots">${day.slots
        .map((slot) => {
          const value = String(slot.startMs);
          const checked = form.slot === value ? ' checked' : '';
          const disabled = slot.taken ? ' disabled' : '';
          return `<label class="slot${slot.taken ? ' taken' : ''}"><input type="radio" name="slot" value="${value}"${checked}${disabled}><span>${timeLabel(slot.startMs, calendar.timeZone)}</span></label>`;
        })
        .join('')}</div>`,
    )
    .join('');
  const field = (
    name: Exclude<keyof BookingForm, 'slot'>,
    label: string,
    input: string,
    wide = false,
  ) =>
    `<label class="field${wide ? ' wide' : ''}">${escapeHtml(label)}${input}${
      errors[name] ? `<span class="error">${escapeHtml(errors[name])}</span>` : ''
    }</label>`;
  const value = (name: keyof BookingForm) => `value="${escapeHtml(form[name])}"`;
  const problems = Object.keys(errors).length
    ? `<div class="errors" role="alert">Please check the form: ${escapeHtml(
        Object.values(errors).join(' '),
      )}</div>`
    : '';
  const hosts = calendar.hosts.map((host) => host.name).join(', ');
  return page(
    calendar.name,
    `<section class="card"><h1>${escapeHtml(calendar.name)}</h1>
<p class="muted">${calendar.durationMinutes} minutes${hosts ? ` with ${escapeHtml(hosts)}` : ''} · times in ${escapeHtml(calendar.timeZone)}</p>
${problems}
<form method="post" action="/book/${encodeURIComponent(calendar.id)}">
<h2>1. Choose a time</h2>
${slotList || '<p class="muted">No free slots in the next days.</p>'}
${errors.slot ? `<p class="error">${escapeHtml(errors.slot)}</p>` : ''}
<h2>2. Your details</h2>
<div class="fields">
${field('name', 'Name', `<input type="text" name="name" autocomplete="name" required maxlength="120" ${value('name')}>`)}
${field('email', 'Email', `<input type="email" name="email" autocomplete="email" required maxlength="254" ${value('email')}>`)}
${field('company', 'Company', `<input type="text" name="company" autocomplete="organization" maxlength="120" ${value('company')}>`, true)}
${field(
  'answer',
  calendar.question.label + (calendar.question.required ? '' : ' (optional)'),
  `<textarea name="answer" maxlength="2000"${calendar.question.required ? ' required' : ''}>${escapeHtml(form.answer)}</textarea>`,
  true,
)}
</div>
<p><button type="submit">Confirm booking</button></p>
</form></section>`,
  );
}
