// Leadbridge's own "generic event" (its README; i12 design "The generic event"): how any
// platform or automation tool reports bookings and invite/email attempts.

export type GenericEventType =
  | 'booking.created'
  | 'booking.cancelled'
  | 'booking.rescheduled'
  | 'booking.no_show'
  | 'booking.completed'
  | 'attempt.invite'
  | 'attempt.email';

export interface GenericGuest {
  email: string;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  phone: string | null;
}

export interface GenericEvent {
  id: string;
  type: GenericEventType;
  occurred_at: string;
  calendar: { id: string; name: string } | null;
  start: string | null;
  end: string | null;
  timezone: string | null;
  hosts: { email: string; name: string | null }[];
  guest: GenericGuest;
  answers: { label: string; value: string }[];
  meeting_url: string | null;
  rescheduled_from: string | null;
}

/** An invite or email attempt: no time, no answers, just who was reached for which calendar. */
export function attemptEvent(
  id: string,
  type: 'attempt.invite' | 'attempt.email',
  occurredAtMs: number,
  calendar: GenericEvent['calendar'],
  hosts: GenericEvent['hosts'],
  guest: GenericGuest,
): GenericEvent {
  return {
    id,
    type,
    occurred_at: new Date(occurredAtMs).toISOString(),
    calendar,
    start: null,
    end: null,
    timezone: null,
    hosts,
    guest,
    answers: [],
    meeting_url: null,
    rescheduled_from: null,
  };
}
