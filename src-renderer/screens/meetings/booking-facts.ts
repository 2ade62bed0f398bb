import type { BookingInput } from '../../stores/instance-history-store';
import { addMinutes, fromLocalInput } from '../../format/local-date-time';

/** The booking form as the admin fills it: the end as a duration, or as a time of its own. */
export interface BookingForm {
  /** `<input type="datetime-local">`'s value. */
  start: string;
  endBy: 'duration' | 'end';
  durationMinutes: number | '';
  end: string;
  hostEmail: string | null;
  meetingUrl: string;
}

/** The facts the host takes, or what the admin must fix first, in a sentence. */
export function bookingFromForm(
  form: BookingForm,
): { booking: BookingInput; problem: null } | { booking: null; problem: string } {
  const start = fromLocalInput(form.start);
  if (!start) return { booking: null, problem: 'Give the meeting’s start.' };
  let end: string | null;
  if (form.endBy === 'duration') {
    if (typeof form.durationMinutes !== 'number' || form.durationMinutes <= 0) {
      return { booking: null, problem: 'Give how long the meeting lasts, in minutes.' };
    }
    end = addMinutes(start, form.durationMinutes);
  } else {
    end = fromLocalInput(form.end);
    if (!end) return { booking: null, problem: 'Give the meeting’s end.' };
  }
  if (Date.parse(end) <= Date.parse(start)) {
    return { booking: null, problem: 'The meeting must end after it starts.' };
  }
  if (!form.hostEmail) return { booking: null, problem: 'Choose the host.' };
  const url = form.meetingUrl.trim();
  if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) {
    return { booking: null, problem: 'The meeting URL must start with https:// (or http://).' };
  }
  return {
    booking: { start, end, hostEmail: form.hostEmail, meetingUrl: url === '' ? null : url },
    problem: null,
  };
}

/** The next whole hour after `now`: where a booking entered by hand usually starts. */
export function nextWholeHour(now: number): Date {
  const at = new Date(now);
  at.setMinutes(60, 0, 0);
  return at;
}
