import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/core/contract-dispatcher';
import { sign } from '../../../src-main/core/platform/webhook-signature';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { channelDraftSchema, type MeetingType } from '../../../src-preload/contract';
import { leadSettings } from '../../support/booking-fixture';
import { WORKING } from '../../support/channel-fixture';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { startInstanceEventReceiver } from '../../support/instance-event-receiver';
import { outboxRows } from '../../support/outbox-rows';
import { createRecordingLogger } from '../../support/silent-logger';

const ALEX = 'alex.host@leadbridge.demo';
const GENERIC_SECRET = 'generic-secret-for-tests';
const OUTBOUND_SECRET = 'outbound-secret-for-tests';
const CALENDAR = { id: 'cal-intro', name: 'Intro call (30 min)' };

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 40, seed: 'platform-instances' });
  harness = await createConnectedCore(org);
  await syncNow(core());
  await call('platform:set-secret', { name: 'generic_secret', value: GENERIC_SECRET });
  org.clearRequests();
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

async function call(method: string, input?: unknown) {
  const result = await dispatch(core().handlers, method, input, createRecordingLogger());
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

function introCall(): MeetingType {
  return core().meetingTypes.create({ name: 'Intro call', hosts: [ALEX], calendar: CALENDAR });
}

/** An Update channel writing the instance's status to the Lead's Description. */
function statusChannel(type: MeetingType) {
  const channel = core().channels.create(
    channelDraftSchema.parse({
      meetingTypeId: type.id,
      name: 'Status to Description',
      kind: 'update',
      action: 'write_fields',
      rules: {
        conditions: { combinator: 'and', rules: [] },
        trigger: 'every_time',
        timeZone: 'UTC',
      },
      update: {
        statuses: ['booked', 'cancelled', 'invited'],
        writes: [{ field: 'Description', source: 'instance_status' }],
      },
    }),
  );
  return core().channels.setEnabled(channel.id, true);
}

function cachedLead() {
  return core()
    .leads.search('', 40, 0)
    .leads.find((l) => l.status !== WORKING && !l.isConverted && l.email)!;
}

/** A generic event as the platform POSTs it to /hooks/generic, signed with the generic secret. */
async function post(type: string, id: string, email: string, extra: Record<string, unknown> = {}) {
  const body = Buffer.from(
    JSON.stringify({
      id,
      type,
      occurred_at: '2026-11-22T09:00:00Z',
      calendar: CALENDAR,
      start: type === 'booking.created' ? '2026-11-25T01:00:00Z' : null,
      end: type === 'booking.created' ? '2026-11-25T01:30:00Z' : null,
      hosts: [{ email: ALEX, name: 'Alex Host' }],
      guest: { email: email.toUpperCase() },
      ...extra,
    }),
  );
  const signature = sign(GENERIC_SECRET, body, Math.floor(harness.clock.now() / 1000));
  const answer = await core().platform.intake.receive(
    'generic',
    { 'content-type': 'application/json', 'leadbridge-signature': signature },
    body,
  );
  expect(answer.status).toBe(200);
}

/** Waits for the applier (kicked by the intake) and the outbox worker to finish. */
async function settled() {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  await core().outboxWorker.idle();
}

const descriptionWrites = (leadId: string) =>
  org.requests().filter((r) => r.method === 'PATCH' && r.writes?.updated.includes(leadId)).length;

/** Records of an object the org created, as its request log counts them. */
const created = (object: string) =>
  org
    .requests()
    .flatMap((request) => request.writes?.created ?? [])
    .filter((id) => org.getRecord(object, id) !== undefined);

describe('instances follow the meeting platform (through the intake, on a connected core)', () => {
  it('a booking, delivered 3 times out of order and interleaved with its cancel, moves the instance once per real transition; the Update channel writes the Lead once per change; one booking post, one Event', async () => {
    await call('booking-settings:save', leadSettings());
    const type = introCall();
    statusChannel(type);
    const lead = cachedLead();
    const instance = core().instances.openInstance({
      recordId: lead.id,
      email: lead.email,
      meetingTypeId: type.id,
      status: 'activated',
      reason: 'Imported',
      cause: { kind: 'admin' },
    }).instance;

    await post('booking.created', 'bk-1', lead.email!);
    await settled();
    expect(core().instances.require(instance.id).status).toBe('booked');
    expect(org.getRecord('Lead', lead.id)?.Description).toBe('booked');

    await post('booking.created', 'bk-1', lead.email!);
    await post('booking.cancelled', 'bk-1', lead.email!);
    await post('booking.created', 'bk-1', lead.email!);
    await settled();

    expect(
      core()
        .instances.history(instance.id)
        .map((h) => [h.to, h.cause.kind])
        .reverse(),
    ).toEqual([
      ['activated', 'admin'],
      ['booked', 'platform'],
      ['cancelled', 'platform'],
    ]);
    expect(org.getRecord('Lead', lead.id)?.Description).toBe('cancelled');
    expect(descriptionWrites(lead.id)).toBe(2);
    const updates = outboxRows(core()).filter((row) => row.kind === 'lead_update');
    expect(updates.map((row) => [row.values.Description, row.state])).toEqual([
      ['booked', 'sent'],
      ['cancelled', 'sent'],
    ]);
    // One post (the Lead found, left as it is) and one Event, from the booking settings: the
    // meeting type's activity logging makes none for a platform booking.
    expect(outboxRows(core()).filter((row) => row.kind === 'booking_post')).toHaveLength(1);
    const listed = (await call('bookings:list', { query: '', limit: 5, offset: 0 })) as {
      bookings: { status: string; outcome: string; record: unknown; instanceId: number }[];
    };
    expect(listed.bookings).toEqual([
      expect.objectContaining({
        status: 'cancelled',
        outcome: 'untouched',
        record: { kind: 'lead', id: lead.id, name: lead.name },
        instanceId: instance.id,
      }),
    ]);
    const events = created('Event');
    expect(events).toHaveLength(1);
    expect(org.getRecord('Event', events[0]!)).toMatchObject({ WhoId: lead.id });
    expect(created('Lead')).toEqual([]);
    const received = (await call('platform:events', { limit: 10, offset: 0 })) as {
      events: { state: string; outcome: string }[];
    };
    expect(received.events.map((e) => e.state)).toEqual(['applied', 'applied']);
  });

  it('the cancel before its confirmation, then the confirmation 3 times: booked and cancelled once, one Lead write, one booking post, one Event', async () => {
    await call('booking-settings:save', leadSettings());
    const type = introCall();
    statusChannel(type);
    const lead = cachedLead();
    const instance = core().instances.openInstance({
      recordId: lead.id,
      email: lead.email,
      meetingTypeId: type.id,
      status: 'activated',
      reason: 'Imported',
      cause: { kind: 'admin' },
    }).instance;
    await post('booking.cancelled', 'bk-2', lead.email!);
    await settled();
    for (let i = 0; i < 3; i += 1) await post('booking.created', 'bk-2', lead.email!);
    await settled();
    await settled();
    expect(
      core()
        .instances.history(instance.id)
        .map((h) => h.to)
        .reverse(),
    ).toEqual(['activated', 'booked', 'cancelled']);
    // Both changes in one transaction: the worker merges the Lead's two writes into one.
    expect(descriptionWrites(lead.id)).toBe(1);
    expect(org.getRecord('Lead', lead.id)?.Description).toBe('cancelled');
    expect(outboxRows(core()).filter((row) => row.kind === 'booking_post')).toHaveLength(1);
    expect(created('Event')).toHaveLength(1);
    const listed = (await call('bookings:list', { query: '', limit: 5, offset: 0 })) as {
      bookings: { status: string; instanceId: number }[];
    };
    expect(listed.bookings).toEqual([
      expect.objectContaining({ status: 'cancelled', instanceId: instance.id }),
    ]);
  });

  it('a new guest’s booking starts the instance in booked for the Lead the post created, once, however often it arrives', async () => {
    await call('booking-settings:save', leadSettings());
    const type = introCall();
    const guest = { first_name: 'Mika', last_name: 'Tanaka', company: 'Tanaka Trading' };
    const email = 'mika.tanaka@example.com';
    await post('booking.created', 'bk-new', email, { guest: { email, ...guest } });
    await post('booking.created', 'bk-new', email, { guest: { email, ...guest } });
    await settled();
    await settled();
    const [leadId] = created('Lead');
    expect(created('Lead')).toHaveLength(1);
    expect(created('Event')).toHaveLength(1);
    const { instances } = core().instances.search({
      meetingTypeId: type.id,
      query: '',
      limit: 5,
      offset: 0,
    });
    expect(instances).toEqual([
      expect.objectContaining({
        recordId: leadId,
        status: 'booked',
        bookedStart: '2026-11-25T01:00:00.000Z',
        lastChange: expect.objectContaining({
          cause: { kind: 'platform', id: null, name: 'generic' },
        }),
      }),
    ]);
  });

  it('an invite attempt moves activated to invited and becomes a Task on the Lead; the Update channel fires for it', async () => {
    const type = introCall();
    statusChannel(type);
    const lead = cachedLead();
    const instance = core().instances.openInstance({
      recordId: lead.id,
      email: lead.email,
      meetingTypeId: type.id,
      status: 'activated',
      reason: 'Imported',
      cause: { kind: 'admin' },
    }).instance;
    await post('attempt.invite', 'att-1', lead.email!);
    await settled();
    expect(core().instances.require(instance.id).status).toBe('invited');
    expect(org.getRecord('Lead', lead.id)?.Description).toBe('invited');
    const tasks = outboxRows(core()).filter((row) => row.object === 'Task');
    expect(tasks).toEqual([
      expect.objectContaining({
        state: 'sent',
        leadId: lead.id,
        idempotencyKey: 'task:platform:generic:att-1:invite_sent',
      }),
    ]);
  });

  it('posts instance.activated, signed, to the configured URL through the outbox', async () => {
    const receiver = await startInstanceEventReceiver(OUTBOUND_SECRET, () => harness.clock.now());
    try {
      await call('platform:set-secret', { name: 'outbound_secret', value: OUTBOUND_SECRET });
      await call('platform:update', { outbound: { enabled: true, url: receiver.url } });
      receiver.answers.push(503);
      const type = introCall();
      const lead = cachedLead();
      core().instances.openInstance({
        recordId: lead.id,
        email: lead.email,
        meetingTypeId: type.id,
        status: 'activated',
        reason: 'Imported',
        cause: { kind: 'admin' },
      });
      await Promise.resolve();
      await core().outboundSender.idle();
      expect(receiver.requests).toHaveLength(1);
      harness.clock.advance(30_000);
      await core().outboundSender.idle();
      expect(receiver.requests.map((r) => r.signed)).toEqual([true, true]);
      expect(receiver.requests[1]!.body).toMatchObject({
        type: 'instance.activated',
        instance: { record: { kind: 'lead', id: lead.id }, lead: { email: lead.email } },
      });
      expect(outboxRows(core()).filter((row) => row.kind === 'instance_event')).toEqual([
        expect.objectContaining({ state: 'sent', object: 'Webhook', leadId: lead.id }),
      ]);
      // Never sent to Salesforce.
      expect(org.requests().filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
