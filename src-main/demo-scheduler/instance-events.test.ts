// Leadbridge's outbound instance events in; invite and email attempts out, as generic events.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  eventually,
  startFakeHooksReceiver,
  type FakeHooksReceiver,
} from '../../test/support/fake-hooks-receiver';
import { startDemoScheduler, type DemoSchedulerHandle } from './index';

const OUTBOUND = 'outbound-secret-abcd';
const GENERIC = 'generic-secret-efgh';

let receiver: FakeHooksReceiver;
let scheduler: DemoSchedulerHandle;

beforeEach(async () => {
  receiver = await startFakeHooksReceiver();
  scheduler = await startDemoScheduler({
    leadbridge: { hooksUrl: receiver.url, outboundSecret: OUTBOUND, genericSecret: GENERIC },
    attemptCadenceSeconds: 0.05,
    retry: { firstDelayMs: 20 },
  });
});
afterEach(async () => {
  await scheduler.close();
  await receiver.close();
});

const sign = (secret: string, body: string, t = Math.floor(Date.now() / 1000)) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

function instanceEvent(type: string, id = `instance-event:${type}:1`, instanceId = 7) {
  return JSON.stringify({
    id,
    type,
    occurred_at: new Date().toISOString(),
    instance: {
      id: instanceId,
      status: type === 'instance.activated' ? 'activated' : 'deactivated',
      meeting_type: { id: 1, name: 'Intro call', calendar: { id: '7a1c9e05', name: 'Intro call' } },
      record: { kind: 'lead', id: '00Q000000000001AAA' },
      lead: {
        email: 'ken@globex.example',
        first_name: 'Ken',
        last_name: 'Ito',
        name: 'Ken Ito',
        company: 'Globex',
      },
    },
  });
}

async function post(body: string, signature: string | null) {
  const response = await fetch(`${scheduler.url}/platform/instance-events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature ? { 'leadbridge-signature': signature } : {}),
    },
    body,
  });
  return response.status;
}

it('reports an invite attempt, then an email attempt, as signed generic events after instance.activated', async () => {
  const body = instanceEvent('instance.activated');
  const posted = Date.now();
  expect(await post(body, sign(OUTBOUND, body))).toBe(200);
  const [invite, email] = await eventually(
    () => receiver.received.length === 2 && receiver.received,
    'two attempts',
  );
  for (const hook of [invite!, email!]) {
    expect(hook.path).toBe('/hooks/generic');
    const [, t] = /^t=(\d+),v1=/.exec(String(hook.headers['leadbridge-signature']))!;
    expect(hook.headers['leadbridge-signature']).toBe(sign(GENERIC, hook.body, Number(t)));
  }
  const expected = (type: string) => ({
    type,
    calendar: { id: '7a1c9e05', name: 'Intro call' },
    start: null,
    end: null,
    timezone: null,
    hosts: [{ email: 'alex.host@leadbridge.demo', name: 'Alex Host' }],
    guest: {
      email: 'ken@globex.example',
      first_name: 'Ken',
      last_name: 'Ito',
      company: 'Globex',
      phone: null,
    },
    answers: [],
    meeting_url: null,
    rescheduled_from: null,
  });
  const inviteBody = JSON.parse(invite!.body) as { id: string; occurred_at: string };
  const emailBody = JSON.parse(email!.body) as { id: string; occurred_at: string };
  // One cadence (50 ms) after the event, then another: read on the scheduler's clock, since a
  // delivery delayed by load would shrink the gap between their arrivals.
  expect(Date.parse(inviteBody.occurred_at) - posted).toBeGreaterThanOrEqual(40);
  expect(Date.parse(emailBody.occurred_at) - posted).toBeGreaterThanOrEqual(90);
  expect(inviteBody).toMatchObject(expected('attempt.invite'));
  expect(emailBody).toMatchObject(expected('attempt.email'));
  expect(inviteBody.id).not.toBe(emailBody.id);
  expect(Date.parse(inviteBody.occurred_at)).toBeGreaterThan(0);
  expect(scheduler.state().instanceEvents[0]).toMatchObject({
    status: 200,
    type: 'instance.activated',
    instanceId: 7,
    email: 'ken@globex.example',
  });
});

it('refuses an instance event with a wrong, missing or stale signature (401) and reports nothing', async () => {
  const body = instanceEvent('instance.activated');
  expect(await post(body, sign('another-secret', body))).toBe(401);
  expect(await post(body, null)).toBe(401);
  expect(await post(body, sign(OUTBOUND, body, Math.floor(Date.now() / 1000) - 301))).toBe(401);
  expect(await post(`${body} `, sign(OUTBOUND, body))).toBe(401);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(receiver.received).toHaveLength(0);
  expect(scheduler.state().instanceEvents.map((event) => event.status)).toEqual([
    401, 401, 401, 401,
  ]);
});

it('answers a malformed body 400 once its signature holds', async () => {
  const body = '{"id":"x","type":"instance.activated"}';
  expect(await post(body, sign(OUTBOUND, body))).toBe(400);
});

it('answers a repeated instance event 200 and reports its attempts once', async () => {
  const body = instanceEvent('instance.activated');
  expect(await post(body, sign(OUTBOUND, body))).toBe(200);
  expect(await post(body, sign(OUTBOUND, body))).toBe(200);
  await eventually(() => receiver.received.length === 2, 'two attempts');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(receiver.received).toHaveLength(2);
});

it('stops the attempts not yet reported when the instance is deactivated', async () => {
  const activated = instanceEvent('instance.activated');
  const deactivated = instanceEvent('instance.deactivated');
  expect(await post(activated, sign(OUTBOUND, activated))).toBe(200);
  expect(await post(deactivated, sign(OUTBOUND, deactivated))).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect(receiver.received).toHaveLength(0);
  expect(scheduler.state().instanceEvents[1]!.outcome).toBe('pending attempts stopped');
});
