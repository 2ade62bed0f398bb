// A booking made on the scheduler's page reaches Leadbridge as the platform would send it.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  eventually,
  startFakeHooksReceiver,
  type FakeHooksReceiver,
} from '../../test/support/fake-hooks-receiver';
import { startDemoScheduler, type DemoSchedulerHandle, type DemoSchedulerOptions } from './index';

const TOKEN = 'timerex-token-1234';
const SIGNING_KEY = 'calendly-signing-key-5678';

let receiver: FakeHooksReceiver;
let scheduler: DemoSchedulerHandle;

async function start(options: DemoSchedulerOptions = {}) {
  scheduler = await startDemoScheduler({
    leadbridge: { hooksUrl: receiver.url, timerexToken: TOKEN, calendlySigningKey: SIGNING_KEY },
    retry: { firstDelayMs: 40, maxDelayMs: 400 },
    ...options,
  });
}

beforeEach(async () => {
  receiver = await startFakeHooksReceiver();
});
afterEach(async () => {
  await scheduler?.close();
  await receiver.close();
});

/** The first free slot the booking page offers. */
async function freeSlot(calendarId: string): Promise<string> {
  const html = await (await fetch(`${scheduler.url}/book/${calendarId}`)).text();
  const slot = /name="slot" value="(\d+)">/.exec(html)?.[1];
  if (!slot) throw new Error('the booking page offered no free slot');
  return slot;
}

async function submit(calendarId: string, fields: Record<string, string>) {
  return fetch(`${scheduler.url}/book/${calendarId}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

async function bookAs(
  calendarId: string,
  guest: { name: string; email: string; company: string; answer: string },
) {
  const slot = await freeSlot(calendarId);
  const response = await submit(calendarId, { slot, ...guest });
  expect(response.status).toBe(303);
  return { slot: Number(slot), confirmation: response.headers.get('location')! };
}

const guest = {
  name: 'Hana Sato',
  email: 'hana@acme.example',
  company: 'Acme KK',
  answer: 'Pricing',
};
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('TimeRex-shaped calendars', () => {
  it('posts event_confirmed to /hooks/timerex with the token, the guest in event.form and the hosts', async () => {
    await start();
    const { slot, confirmation } = await bookAs('7a1c9e05', guest);
    const hook = await eventually(() => receiver.received[0], 'the webhook');
    expect(hook.path).toBe('/hooks/timerex');
    expect(hook.headers['x-timerex-authorization']).toBe(TOKEN);
    expect(hook.headers['content-type']).toBe('application/json');
    const body = json(hook.body);
    expect(body).toMatchObject({
      webhook_type: 'event_confirmed',
      calendar_url_path: '7a1c9e05',
      calendar_name: 'Intro call',
      event: {
        status: 1,
        start_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
        hosts: [{ name: 'Alex Host', email: 'alex.host@leadbridge.demo' }],
        google_meet_meeting: { join_url: expect.stringMatching(/^https:\/\/meet\.google\.com\//) },
        form: [
          { field_type: 'guest_name', value: 'Hana Sato' },
          { field_type: 'guest_email', value: 'hana@acme.example' },
          { field_type: 'company_name', value: 'Acme KK' },
          { field_type: 'text', label: 'What would you like to discuss?', value: 'Pricing' },
        ],
      },
    });
    const event = body.event as Record<string, string>;
    expect(Date.parse(event.start_datetime!)).toBe(slot);
    expect(Date.parse(event.local_start_datetime!)).toBe(slot);
    expect(Date.parse(event.end_datetime!) - slot).toBe(30 * 60_000);
    expect(confirmation).toBe(`/bookings/${event.id}`);
    const page = await (await fetch(`${scheduler.url}${confirmation}`)).text();
    expect(page).toContain('You are booked');
    expect(page).toContain('Cancel this booking');
  });

  it('sends event_cancelled for the same event id when the guest cancels on the confirmation page', async () => {
    await start();
    const { confirmation } = await bookAs('7a1c9e05', guest);
    const cancel = await fetch(`${scheduler.url}${confirmation}/cancel`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(cancel.status).toBe(303);
    const [confirmed, cancelled] = await eventually(
      () => receiver.received.length === 2 && receiver.received.map((hook) => json(hook.body)),
      'both webhooks',
    );
    expect(cancelled).toMatchObject({
      webhook_type: 'event_cancelled',
      event: {
        id: (confirmed!.event as { id: string }).id,
        status: 3,
        canceled_at: expect.stringMatching(/\+00:00$/),
      },
    });
    expect(await (await fetch(`${scheduler.url}${confirmation}`)).text()).toContain(
      'Booking cancelled',
    );
    // Cancelling twice sends nothing more, and the slot is free again.
    await fetch(`${scheduler.url}${confirmation}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(scheduler.state().deliveries).toHaveLength(2);
  });

  it('retries a refused webhook with growing delays until Leadbridge answers 2xx', async () => {
    await start();
    receiver.answerWith(503, 401, 500);
    await bookAs('7a1c9e05', guest);
    const delivery = await eventually(
      () => scheduler.state().deliveries.find((d) => d.state === 'delivered'),
      'the delivery',
    );
    expect(delivery.attempts.map((a) => a.status)).toEqual([503, 401, 500, 200]);
    expect(delivery.attempts[1]!.answer).toContain('"error"');
    const gaps = receiver.received.slice(1).map((hook, i) => hook.at - receiver.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(40);
    expect(gaps[1]).toBeGreaterThanOrEqual(80);
    expect(gaps[2]).toBeGreaterThanOrEqual(160);
    expect(new Set(receiver.received.map((hook) => hook.body)).size).toBe(1);
  });

  it('keeps a webhook while Leadbridge is down and delivers it once the receiver is back', async () => {
    const port = receiver.port;
    await receiver.close();
    await start();
    await bookAs('7a1c9e05', guest);
    await eventually(
      () => (scheduler.state().deliveries[0]?.attempts.length ?? 0) >= 2,
      'two refused attempts',
    );
    expect(scheduler.state().deliveries[0]!.attempts[0]!.error).toContain('connection refused');
    receiver = await startFakeHooksReceiver(port);
    await eventually(
      () => scheduler.state().deliveries[0]!.state === 'delivered',
      'the delivery',
      8000,
    );
    expect(receiver.received).toHaveLength(1);
  });

  it('stops after maxAttempts when told to, as TimeRex gives up after its few retries', async () => {
    await start({ retry: { firstDelayMs: 10, maxAttempts: 3 } });
    receiver.answerWith(500, 500, 500, 500);
    await bookAs('7a1c9e05', guest);
    const delivery = await eventually(
      () => scheduler.state().deliveries.find((d) => d.state === 'gave_up'),
      'giving up',
    );
    expect(delivery.attempts).toHaveLength(3);
  });

  it('waits for a token it lacks and sends with the one configured later', async () => {
    await start({ leadbridge: { hooksUrl: receiver.url } });
    await bookAs('7a1c9e05', guest);
    await eventually(() => scheduler.state().deliveries[0]?.attempts.length, 'an attempt');
    expect(receiver.received).toHaveLength(0);
    expect(scheduler.state().deliveries[0]!.attempts[0]!.error).toContain('no TimeRex token');
    const configured = await fetch(`${scheduler.url}/__admin/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timerexToken: TOKEN }),
    });
    expect(configured.status).toBe(200);
    const hook = await eventually(() => receiver.received[0], 'the webhook', 8000);
    expect(hook.headers['x-timerex-authorization']).toBe(TOKEN);
  });
});

describe('Calendly-shaped calendars', () => {
  it('posts invitee.created to /hooks/calendly signed with the signing key, then invitee.canceled', async () => {
    await start();
    const calendarId = '5f0c2a8e-3b7d-4c1e-9a6f-2d8b7e4c1a90';
    const { slot, confirmation } = await bookAs(calendarId, { ...guest, answer: '12' });
    await fetch(`${scheduler.url}${confirmation}/cancel`, { method: 'POST', redirect: 'manual' });
    const [created, canceled] = await eventually(
      () => receiver.received.length === 2 && receiver.received,
      'both webhooks',
    );
    for (const hook of [created!, canceled!]) {
      expect(hook.path).toBe('/hooks/calendly');
      const header = String(hook.headers['calendly-webhook-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
      expect(v1).toBe(createHmac('sha256', SIGNING_KEY).update(`${t}.${hook.body}`).digest('hex'));
    }
    const body = json(created!.body);
    expect(body).toMatchObject({
      event: 'invitee.created',
      created_by: expect.stringMatching(/^https:\/\/api\.calendly\.com\/users\//),
      payload: {
        email: 'hana@acme.example',
        name: 'Hana Sato',
        first_name: null,
        status: 'active',
        old_invitee: null,
        rescheduled: false,
        uri: expect.stringMatching(
          /^https:\/\/api\.calendly\.com\/scheduled_events\/[-0-9a-f]{36}\/invitees\/[-0-9a-f]{36}$/,
        ),
        questions_and_answers: [
          { question: 'Company', answer: 'Acme KK', position: 0 },
          { question: 'How many people are on your sales team?', answer: '12', position: 1 },
        ],
        scheduled_event: {
          name: 'Product demo',
          event_type: `https://api.calendly.com/event_types/${calendarId}`,
          start_time: new Date(slot).toISOString().replace('Z', '000Z'),
          location: { join_url: expect.stringMatching(/^https:\/\/zoom\.us\/j\//) },
          event_memberships: [{ user_email: 'sam.host@leadbridge.demo', user_name: 'Sam Host' }],
        },
      },
    });
    expect(json(canceled!.body)).toMatchObject({
      event: 'invitee.canceled',
      payload: {
        uri: (body.payload as { uri: string }).uri,
        status: 'canceled',
        rescheduled: false,
        cancellation: { canceler_type: 'invitee' },
      },
    });
  });
});

describe('the booking form', () => {
  it('refuses a missing name, a bad email, a missing required answer and no slot, and sends nothing', async () => {
    await start();
    const response = await submit('5f0c2a8e-3b7d-4c1e-9a6f-2d8b7e4c1a90', {
      slot: '',
      name: ' ',
      email: 'not-an-email',
      company: '',
      answer: '',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const sentence of [
      'Choose a time.',
      'Enter your name.',
      'Enter a valid email address.',
      'Answer the question.',
    ])
      expect(html).toContain(sentence);
    expect(html).toContain('value="not-an-email"');
    expect(scheduler.state().bookings).toHaveLength(0);
  });

  it('refuses a slot someone has just taken, and offers it again once cancelled', async () => {
    await start();
    const { slot, confirmation } = await bookAs('7a1c9e05', guest);
    const again = await submit('7a1c9e05', {
      slot: String(slot),
      ...guest,
      email: 'other@acme.example',
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('That time is no longer free');
    expect(await freeSlot('7a1c9e05')).not.toBe(String(slot));
    await fetch(`${scheduler.url}${confirmation}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(await freeSlot('7a1c9e05')).toBe(String(slot));
  });

  it('escapes what a guest typed on every page', async () => {
    await start();
    const { confirmation } = await bookAs('7a1c9e05', { ...guest, name: '<script>x</script>' });
    const page = await (await fetch(`${scheduler.url}${confirmation}`)).text();
    expect(page).not.toContain('<script>x');
    expect(page).toContain('&#60;script&#62;x');
  });
});

describe('scripted bookings (trials and scripts)', () => {
  it('books the first free slots in turn from the handle and /__admin/book, with the same checks as the form', async () => {
    await start();
    const first = scheduler.book({ calendarId: '7a1c9e05', name: 'A One', email: 'a@x.example' });
    const answer = await fetch(`${scheduler.url}/__admin/book`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ calendarId: '7a1c9e05', name: 'B Two', email: 'b@x.example' }),
    });
    expect(answer.status).toBe(201);
    const second = (await answer.json()) as { id: string; start: string };
    const [a, b] = scheduler.state().bookings;
    expect([a!.id, b!.id]).toEqual([first, second.id]);
    expect(Date.parse(b!.start)).toBeGreaterThan(Date.parse(a!.start));
    expect(() => scheduler.book({ calendarId: '7a1c9e05', name: 'C', email: 'nope' })).toThrow(
      /Enter a valid email address/,
    );
    const unknown = await fetch(`${scheduler.url}/__admin/book`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ calendarId: 'nope', name: 'C', email: 'c@x.example' }),
    });
    expect(unknown.status).toBe(404);
    await eventually(() => receiver.received.length === 2, 'both webhooks');
    expect(scheduler.cancel(first)).toBe(true);
    expect(scheduler.cancel(first)).toBe(false);
    await eventually(() => receiver.received.length === 3, 'the cancellation');
  });
});
