import { describe, expect, it } from 'vitest';
import { platformEventSchema } from '../../../src-preload/contract';
import { platformFixture } from '../../../test/support/platform-fixtures';
import { parseCalendlyPayload } from './calendly-payload';
import { parseGenericPayload } from './generic-payload';
import type { ParsedPayload } from './payload-fields';
import { parseTimerexPayload } from './timerex-payload';

const receivedAt = '2026-11-30T05:12:45.000Z';

function event(parsed: ParsedPayload) {
  if (!parsed.ok) throw new Error(`not parsed: ${parsed.reason}`);
  return platformEventSchema.parse(parsed.event);
}
function reason(parsed: ParsedPayload): string {
  if (parsed.ok) throw new Error('parsed although malformed');
  return parsed.reason;
}

describe('TimeRex payloads', () => {
  it('normalises event_confirmed: guest from form[] by field_type, custom fields as answers by label, Meet URL, hosts, calendar', () => {
    expect(
      event(parseTimerexPayload(platformFixture('timerex-event-confirmed'), receivedAt)),
    ).toEqual({
      source: 'timerex',
      kind: 'booked',
      externalId: '3c9a1f07e5d24b6a81f2',
      occurredAt: '2026-11-30T05:12:44.000Z',
      start: '2026-12-03T01:00:00.000Z',
      end: '2026-12-03T01:30:00.000Z',
      timezone: null,
      calendar: { id: '8f2e61b0', name: 'Intro call (30 min)' },
      hosts: [{ email: 'sato.kenji@acme-sales.example', name: '佐藤 健二' }],
      guest: {
        email: 'hanako.yamada@example.co.jp',
        firstName: null,
        lastName: '山田 花子',
        company: '株式会社サンプル商事',
        phone: null,
      },
      answers: [
        { label: 'ご相談内容', value: '導入時期について相談したいです' },
        { label: '従業員数', value: '50-99' },
        { label: '関心のある機能', value: '予約連携, レポート' },
      ],
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
      rescheduledFrom: null,
    });
  });

  it('keys on webhook_type, not event.status: event_cancelled is a cancel at canceled_at', () => {
    const cancelled = event(
      parseTimerexPayload(platformFixture('timerex-event-cancelled'), receivedAt),
    );
    expect(cancelled).toMatchObject({ kind: 'cancelled', occurredAt: '2026-12-01T08:03:10.000Z' });
    const confirmedWithOddStatus = platformFixture('timerex-event-confirmed');
    (confirmedWithOddStatus.event as Record<string, unknown>).status = 2;
    expect(event(parseTimerexPayload(confirmedWithOddStatus, receivedAt)).kind).toBe('booked');
  });

  it('takes the Zoom or Teams join URL when there is no Meet, and the receipt time when the event has no created_at', () => {
    const body = platformFixture('timerex-event-confirmed');
    const inner = body.event as Record<string, unknown>;
    delete inner.google_meet_meeting;
    delete inner.created_at;
    inner.microsoft_teams_meeting = { join_url: 'https://teams.microsoft.com/l/meetup-join/x' };
    expect(event(parseTimerexPayload(body, receivedAt))).toMatchObject({
      meetingUrl: 'https://teams.microsoft.com/l/meetup-join/x',
      occurredAt: receivedAt,
    });
  });

  it('refuses, naming the problem: an unknown webhook_type, no event id, no guest_email, a bad date', () => {
    const unknownType = {
      ...platformFixture('timerex-event-confirmed'),
      webhook_type: 'event_moved',
    };
    expect(reason(parseTimerexPayload(unknownType, receivedAt))).toMatch(
      /webhook_type: is not event_confirmed/,
    );
    const noId = platformFixture('timerex-event-confirmed');
    delete (noId.event as Record<string, unknown>).id;
    expect(reason(parseTimerexPayload(noId, receivedAt))).toMatch(/^event\.id:/);
    const noEmail = platformFixture('timerex-event-confirmed');
    const form = (noEmail.event as { form: { field_type: string }[] }).form;
    (noEmail.event as Record<string, unknown>).form = form.filter(
      (f) => f.field_type !== 'guest_email',
    );
    expect(reason(parseTimerexPayload(noEmail, receivedAt))).toMatch(/guest_email/);
    const badDate = platformFixture('timerex-event-confirmed');
    (badDate.event as Record<string, unknown>).start_datetime = 'tomorrow';
    expect(reason(parseTimerexPayload(badDate, receivedAt))).toMatch(
      /event\.start_datetime: is not a date-time/,
    );
    expect(reason(parseTimerexPayload([], receivedAt))).toBeTruthy();
  });
});

describe('Calendly payloads', () => {
  it('normalises invitee.created: invitee URI as id, event type as calendar, memberships as hosts, Q&A as answers', () => {
    expect(event(parseCalendlyPayload(platformFixture('calendly-invitee-created')))).toEqual({
      source: 'calendly',
      kind: 'booked',
      externalId:
        'https://api.calendly.com/scheduled_events/CCCCCCCCCCCCCCCC/invitees/BBBBBBBBBBBBBBBB',
      occurredAt: '2026-11-30T05:12:44.000Z',
      start: '2026-12-03T16:00:00.000Z',
      end: '2026-12-03T16:30:00.000Z',
      timezone: 'America/Los_Angeles',
      calendar: { id: 'https://api.calendly.com/event_types/EEEEEEEEEEEEEEEE', name: 'Intro call' },
      hosts: [{ email: 'alex.morgan@acme-sales.example', name: 'Alex Morgan' }],
      guest: {
        email: 'jordan.lee@example.com',
        firstName: 'Jordan',
        lastName: 'Lee',
        company: null,
        phone: '+1 415-555-0134',
      },
      answers: [
        { label: 'What would you like to discuss?', value: 'Pricing for 20 seats' },
        { label: 'Company', value: 'Northwind Traders' },
      ],
      meetingUrl: 'https://calendly.zoom.us/j/98765432100',
      rescheduledFrom: null,
    });
  });

  it('a reschedule: the new invitee is rescheduled from the old one; the old one’s cancel is rescheduled without a time', () => {
    const old =
      'https://api.calendly.com/scheduled_events/CCCCCCCCCCCCCCCC/invitees/BBBBBBBBBBBBBBBB';
    expect(
      event(parseCalendlyPayload(platformFixture('calendly-invitee-created-rescheduled'))),
    ).toMatchObject({
      kind: 'rescheduled',
      externalId:
        'https://api.calendly.com/scheduled_events/FFFFFFFFFFFFFFFF/invitees/GGGGGGGGGGGGGGGG',
      rescheduledFrom: old,
      start: '2026-12-04T17:00:00.000Z',
    });
    expect(
      event(parseCalendlyPayload(platformFixture('calendly-invitee-canceled-rescheduled'))),
    ).toMatchObject({
      kind: 'rescheduled',
      externalId: old,
      start: null,
      end: null,
      rescheduledFrom: null,
    });
  });

  it('a plain cancel is cancelled; a no-show is no_show at the time it was marked', () => {
    expect(event(parseCalendlyPayload(platformFixture('calendly-invitee-canceled')))).toMatchObject(
      {
        kind: 'cancelled',
        occurredAt: '2026-12-01T08:03:10.000Z',
        start: '2026-12-03T16:00:00.000Z',
      },
    );
    expect(
      event(parseCalendlyPayload(platformFixture('calendly-invitee-no-show-created'))),
    ).toMatchObject({
      kind: 'no_show',
      occurredAt: '2026-12-03T16:20:00.000Z',
    });
  });

  it('a single name field goes whole to lastName (never split: the family name is not always last)', () => {
    const body = platformFixture('calendly-invitee-created');
    const invitee = body.payload as Record<string, unknown>;
    invitee.first_name = null;
    invitee.last_name = null;
    invitee.name = 'Jordan Lee';
    expect(event(parseCalendlyPayload(body)).guest).toMatchObject({
      firstName: null,
      lastName: 'Jordan Lee',
    });
  });

  it('refuses an event it does not handle and an invitee without an email, naming them', () => {
    const other = {
      ...platformFixture('calendly-invitee-created'),
      event: 'routing_form_submission.created',
    };
    expect(reason(parseCalendlyPayload(other))).toMatch(/^event: is not invitee\.created/);
    const noEmail = platformFixture('calendly-invitee-created');
    delete (noEmail.payload as Record<string, unknown>).email;
    expect(reason(parseCalendlyPayload(noEmail))).toMatch(/^payload\.email:/);
  });
});

describe('generic events', () => {
  const cases = [
    ['generic-booking-created', 'booked'],
    ['generic-booking-cancelled', 'cancelled'],
    ['generic-booking-rescheduled', 'rescheduled'],
    ['generic-booking-no-show', 'no_show'],
    ['generic-booking-completed', 'completed'],
    ['generic-attempt-invite', 'invite_sent'],
    ['generic-attempt-email', 'email_sent'],
  ] as const;

  it.each(cases)('%s normalises to %s', (fixture, kind) => {
    const parsed = event(parseGenericPayload(platformFixture(fixture)));
    expect(parsed.kind).toBe(kind);
    expect(parsed.source).toBe('generic');
    expect(parsed.guest.email).toBe('hanako.yamada@example.co.jp');
  });

  it('carries every field across: guest names, calendar, hosts, answers, meeting URL, rescheduled_from', () => {
    expect(event(parseGenericPayload(platformFixture('generic-booking-rescheduled')))).toEqual({
      source: 'generic',
      kind: 'rescheduled',
      externalId: 'demo-booking-0002',
      occurredAt: '2026-12-01T08:03:10.000Z',
      start: '2026-12-04T01:00:00.000Z',
      end: '2026-12-04T01:30:00.000Z',
      timezone: 'Asia/Tokyo',
      calendar: { id: 'intro-call', name: 'Intro call' },
      hosts: [{ email: 'sato.kenji@acme-sales.example', name: 'Sato Kenji' }],
      guest: {
        email: 'hanako.yamada@example.co.jp',
        firstName: 'Hanako',
        lastName: 'Yamada',
        company: 'Sample Trading',
        phone: '+81 3-5555-0101',
      },
      answers: [{ label: 'What would you like to discuss?', value: 'Rollout timing' }],
      meetingUrl: 'https://meet.example/abc-defg-hij',
      rescheduledFrom: 'demo-booking-0001',
    });
  });

  it('takes the minimal form (id, type, occurred_at, guest email) and refuses a misspelt key by name', () => {
    const minimal = {
      id: 'x-1',
      type: 'attempt.invite',
      occurred_at: '2026-11-30T00:00:00Z',
      guest: { email: 'a@b.example' },
    };
    expect(event(parseGenericPayload(minimal))).toMatchObject({
      calendar: null,
      hosts: [],
      answers: [],
    });
    expect(reason(parseGenericPayload({ ...minimal, meetingUrl: 'x' }))).toMatch(/meetingUrl/);
    expect(reason(parseGenericPayload({ ...minimal, type: 'booking.moved' }))).toMatch(
      /^type: is not one of/,
    );
    expect(reason(parseGenericPayload({ ...minimal, guest: { email: 'nobody' } }))).toMatch(
      /guest\.email: is not an email address/,
    );
  });
});
