// What a demo scheduler is configured with: its calendars, where Leadbridge listens and the
// secrets they share, how deliveries are retried, and how fast the simulated attempts come.
import { isTimeZone } from './time-zone';

/** Which platform's webhook a calendar's bookings are reported as. */
export type PayloadFormat = 'timerex' | 'calendly';
export type MeetingProvider = 'google_meet' | 'zoom' | 'none';

export interface Host {
  email: string;
  name: string;
}

export interface Calendar {
  /** The platform's own id: TimeRex's calendar_url_path, or a Calendly event type's uuid. */
  id: string;
  name: string;
  hosts: Host[];
  durationMinutes: number;
  /** The one custom question of the booking form (name, email and company are always asked). */
  question: { label: string; required: boolean };
  format: PayloadFormat;
  meeting: MeetingProvider;
  timeZone: string;
}

export type CalendarInput = Pick<Calendar, 'id' | 'name'> & Partial<Omit<Calendar, 'id' | 'name'>>;

export interface LeadbridgeTarget {
  /** Leadbridge's webhook receiver, e.g. http://127.0.0.1:8787; `/hooks/<source>` is added. */
  hooksUrl: string;
  timerexToken: string | null;
  calendlySigningKey: string | null;
  genericSecret: string | null;
  /** Verifies the instance events Leadbridge posts to /platform/instance-events. */
  outboundSecret: string | null;
}

export interface RetryPolicy {
  /** How long one attempt may take (TimeRex allows a webhook 15 s). */
  timeoutMs: number;
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** null: until a 2xx (so a webhook is never dropped while Leadbridge is down). */
  maxAttempts: number | null;
}

export interface DemoSchedulerOptions {
  /** 0 (the default) picks a free port; the server listens on 127.0.0.1 only. */
  port?: number;
  calendars?: CalendarInput[];
  leadbridge?: Partial<LeadbridgeTarget>;
  retry?: Partial<RetryPolicy>;
  /** Seconds from an `instance.activated` to its invite attempt, and from that to the email. */
  attemptCadenceSeconds?: number;
  /** Working days of slots offered, starting today. */
  bookingDays?: number;
  /** Injectable clock (epoch ms) for tests. */
  now?: () => number;
}

export const DEFAULT_HOOKS_URL = 'http://127.0.0.1:8787';

export const DEFAULT_RETRY: RetryPolicy = {
  timeoutMs: 15_000,
  firstDelayMs: 10_000,
  factor: 2,
  maxDelayMs: 60_000,
  maxAttempts: null,
};

/** The demo's calendars: the first is the one `npm run serve -- --demo` maps to "Intro call". */
export const DEFAULT_CALENDARS: CalendarInput[] = [
  {
    id: '7a1c9e05',
    name: 'Intro call',
    hosts: [{ email: 'alex.host@leadbridge.demo', name: 'Alex Host' }],
    durationMinutes: 30,
    question: { label: 'What would you like to discuss?', required: false },
    format: 'timerex',
    meeting: 'google_meet',
  },
  {
    id: '5f0c2a8e-3b7d-4c1e-9a6f-2d8b7e4c1a90',
    name: 'Product demo',
    hosts: [{ email: 'sam.host@leadbridge.demo', name: 'Sam Host' }],
    durationMinutes: 45,
    question: { label: 'How many people are on your sales team?', required: true },
    format: 'calendly',
    meeting: 'zoom',
  },
];

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A calendar with every default filled in; throws on one that cannot work. */
export function resolveCalendar(input: CalendarInput): Calendar {
  const calendar: Calendar = {
    hosts: [],
    durationMinutes: 30,
    question: { label: 'Anything we should know?', required: false },
    format: 'timerex',
    meeting: 'google_meet',
    timeZone: machineTimeZone(),
    ...input,
  };
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(calendar.id))
    throw new Error(`calendar id "${calendar.id}": letters, digits, - and _ only`);
  if (!Number.isInteger(calendar.durationMinutes) || calendar.durationMinutes < 5)
    throw new Error(`calendar "${calendar.id}": durationMinutes must be a whole number ≥ 5`);
  if (!isTimeZone(calendar.timeZone))
    throw new Error(`calendar "${calendar.id}": unknown time zone "${calendar.timeZone}"`);
  return calendar;
}

/** The calendar id Leadbridge sees in this calendar's webhooks (its meeting type maps to it). */
export function platformCalendarId(calendar: Calendar): string {
  return calendar.format === 'calendly'
    ? `https://api.calendly.com/event_types/${calendar.id}`
    : calendar.id;
}
