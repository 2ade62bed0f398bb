import { describe, expect, it } from 'vitest';
import type { MeetingType } from '../../../src-preload/contract';
import { leadSettings } from '../../support/booking-fixture';
import { WORKING } from '../../support/channel-fixture';
import { createConnectedCore } from '../../support/connected-core';
import { startInstanceEventReceiver } from '../../support/instance-event-receiver';
import { outboxRows } from '../../support/outbox-rows';
import {
  createdRecords,
  introCall,
  platformCall,
  postGeneric,
  settled as platformSettled,
  updateChannel,
  useConnectedPlatform,
} from '../../support/platform-core';

const OUTBOUND_SECRET = 'outbound-secret-for-tests';

const platform = useConnectedPlatform({ leads: 40, seed: 'platform-instances' }, async (org) => ({
  harness: await createConnectedCore(org),
}));
const core = () => platform.harness.core;
const call = (method: string, input?: unknown) => platformCall(platform, method, input);
const settled = () => platformSettled(platform);
const created = (object: string) => createdRecords(platform, object);

/** An Update channel writing the instance's status to the Lead's Description. */
function statusChannel(type: MeetingType) {
  return updateChannel(
    platform,
    type,
    'Status to Description',
    ['booked', 'cancelled', 'invited'],
    [{ field: 'Description', source: 'instance_status' }],
  );
}

function cachedLead() {
  return core()
    .leads.search('', 40, 0)
    .leads.find((l) => l.status !== WORKING && !l.isConverted && l.email)!;
}

/** The Lead's instance of `type`, opened by an admin in activated. */
function activatedInstance(lead: ReturnType<typeof cachedLead>, type: MeetingType) {
  return core().instances.openInstance({
    recordId: lead.id,
    email: lead.email,
    meetingTypeId: type.id,
    status: 'activated',
    reason: 'Imported',
    cause: { kind: 'admin' },
  }).instance;
}

/** A generic event for the cached Lead's guest, the address in other case as platforms send it. */
const post = (type: string, id: string, email: string) =>
  postGeneric(platform, type, id, { email: email.toUpperCase() });

const descriptionWrites = (leadId: string) =>
  platform.org.requests().filter((r) => r.method === 'PATCH' && r.writes?.updated.includes(leadId))
    .length;

describe('instances follow the meeting platform (through the intake, on a connected core)', () => {
  it('a booking, delivered 3 times out of order and interleaved with its cancel, moves the instance once per real transition; the Update channel writes the Lead once per change; one booking post, one Event', async () => {
    await call('booking-settings:save', leadSettings());
    const type = introCall(platform);
    statusChannel(type);
    const lead = cachedLead();
    const instance = activatedInstance(lead, type);

    await post('booking.created', 'bk-1', lead.email!);
    await settled();
    expect(core().instances.require(instance.id).status).toBe('booked');
    expect(platform.org.getRecord('Lead', lead.id)?.Description).toBe('booked');

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
    expect(platform.org.getRecord('Lead', lead.id)?.Description).toBe('cancelled');
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
    expect(platform.org.getRecord('Event', events[0]!)).toMatchObject({ WhoId: lead.id });
    expect(created('Lead')).toEqual([]);
    const received = (await call('platform:events', { limit: 10, offset: 0 })) as {
      events: { state: string; outcome: string }[];
    };
    expect(received.events.map((e) => e.state)).toEqual(['applied', 'applied']);
  });

  it('the cancel before its confirmation, then the confirmation 3 times: booked and cancelled once, one Lead write, one booking post, one Event', async () => {
    await call('booking-settings:save', leadSettings());
    const type = introCall(platform);
    statusChannel(type);
    const lead = cachedLead();
    const instance = activatedInstance(lead, type);
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
    expect(platform.org.getRecord('Lead', lead.id)?.Description).toBe('cancelled');
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
    const type = introCall(platform);
    const guest = { first_name: 'Mika', last_name: 'Tanaka', company: 'Tanaka Trading' };
    const email = 'mika.tanaka@example.com';
    await postGeneric(platform, 'booking.created', 'bk-new', { email, ...guest });
    await postGeneric(platform, 'booking.created', 'bk-new', { email, ...guest });
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
    const type = introCall(platform);
    statusChannel(type);
    const lead = cachedLead();
    const instance = activatedInstance(lead, type);
    await post('attempt.invite', 'att-1', lead.email!);
    await settled();
    expect(core().instances.require(instance.id).status).toBe('invited');
    expect(platform.org.getRecord('Lead', lead.id)?.Description).toBe('invited');
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
    const receiver = await startInstanceEventReceiver(OUTBOUND_SECRET, () =>
      platform.harness.clock.now(),
    );
    try {
      await call('platform:set-secret', { name: 'outbound_secret', value: OUTBOUND_SECRET });
      await call('platform:update', { outbound: { enabled: true, url: receiver.url } });
      receiver.answers.push(503);
      const type = introCall(platform);
      const lead = cachedLead();
      activatedInstance(lead, type);
      await Promise.resolve();
      await core().outboundSender.idle();
      expect(receiver.requests).toHaveLength(1);
      platform.harness.clock.advance(30_000);
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
      expect(platform.org.requests().filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
