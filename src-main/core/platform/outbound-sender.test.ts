import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboundSettings } from '../../../src-preload/contract';
import { startInstanceEventReceiver } from '../../../test/support/instance-event-receiver';
import { createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import { outboxRows } from '../../../test/support/outbox-rows';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { LeadRepository } from '../store/lead-repository';
import { OutboxStore } from '../writeback/outbox-store';
import { InstanceEvents } from './instance-events';
import { OutboundSender } from './outbound-sender';

const SECRET = 'whsec_outbound_test_secret';
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function setup(outbound: Partial<OutboundSettings> = {}) {
  const store = createMeetingsStore();
  const receiver = await startInstanceEventReceiver(SECRET, () => store.clock.now());
  closing.push(receiver.close);
  const settings: OutboundSettings = { enabled: true, url: receiver.url, ...outbound };
  const leads = new LeadRepository(store.db, store.clock);
  store.db
    .prepare(
      `INSERT INTO leads (id, system_modstamp, name, email, company, fields)
       VALUES (?, '2026-11-01T00:00:00.000+0000', 'Ada Lovelace', 'ada@example.com', 'Engines', ?)`,
    )
    .run(
      leadId(1),
      JSON.stringify({
        Email: 'ada@example.com',
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Name: 'Ada Lovelace',
        Company: 'Engines',
      }),
    );
  const events = new InstanceEvents({
    outbound: () => settings,
    meetingTypes: store.meetingTypes,
    leadFields: (id) => leads.cachedFields(id),
    enqueueInstanceEvent: (input) => store.outbox.enqueueInstanceEvent(input),
  });
  store.instances.onStatusEntered((entered) => events.onStatusEntered(entered));
  const hold = { paused: false };
  let changed = 0;
  const outboxStore = new OutboxStore(store.db);
  const sender = new OutboundSender({
    db: store.db,
    store: outboxStore,
    outbound: () => settings,
    secret: () => SECRET,
    log: store.log,
    clock: store.clock,
    logger: createRecordingLogger(),
    paused: () => hold.paused,
    changed: () => (changed += 1),
  });
  closing.push(async () => sender.stop());
  const intro = store.meetingTypes.create({
    name: 'Intro call',
    hosts: ['alex.host@leadbridge.demo'],
    calendar: { id: 'cal-intro', name: 'Intro call (30 min)' },
  });
  const activate = () =>
    store.instances.openInstance({
      recordId: leadId(1),
      email: 'ada@example.com',
      meetingTypeId: intro.id,
      status: 'activated',
      reason: 'Imported',
      cause: { kind: 'channel', id: '7', name: 'Working leads' },
    }).instance;
  /** Kicks the sender (as the outbox does after the enqueue) and waits for its drain. */
  const send = async () => {
    sender.kick();
    await sender.idle();
  };
  const item = () =>
    store.db.prepare("SELECT * FROM outbox WHERE kind = 'instance_event'").get() as Record<
      string,
      unknown
    >;
  return {
    ...store,
    outboxStore,
    receiver,
    settings,
    sender,
    hold,
    intro,
    activate,
    send,
    item,
    changed: () => changed,
  };
}

describe('instance events queued on status changes', () => {
  it('entering activated queues one instance event in the change’s transaction, with the Lead, the type and its calendar', async () => {
    const t = await setup();
    const instance = t.activate();
    const [history] = t.instances.history(instance.id);
    expect(outboxRows(t.db)).toEqual([
      expect.objectContaining({
        kind: 'instance_event',
        object: 'Webhook',
        leadId: leadId(1),
        instanceId: instance.id,
        idempotencyKey: `instance-event:${history!.id}`,
        values: {
          type: 'instance.activated',
          occurred_at: history!.at,
          instance: {
            id: instance.id,
            status: 'activated',
            meeting_type: {
              id: t.intro.id,
              name: 'Intro call',
              calendar: { id: 'cal-intro', name: 'Intro call (30 min)' },
            },
            record: { kind: 'lead', id: leadId(1) },
            lead: {
              email: 'ada@example.com',
              first_name: 'Ada',
              last_name: 'Lovelace',
              name: 'Ada Lovelace',
              company: 'Engines',
            },
          },
        },
      }),
    ]);
  });

  it('queues instance.deactivated too, and nothing for other statuses', async () => {
    const t = await setup();
    const instance = t.activate();
    t.admin.setStatus(instance.id, 'deactivated', 'Stopped');
    t.instances.openInstance({
      recordId: leadId(2),
      email: 'grace@example.com',
      meetingTypeId: t.intro.id,
      status: 'initialized',
      reason: 'Imported',
      cause: { kind: 'admin' },
    });
    expect(outboxRows(t.db).map((row) => row.values.type)).toEqual([
      'instance.activated',
      'instance.deactivated',
    ]);
  });

  it.each([
    ['off', { enabled: false }],
    ['on without a URL', { url: null }],
  ])('queues nothing while outbound events are %s', async (_, outbound) => {
    const t = await setup(outbound);
    t.activate();
    expect(outboxRows(t.db)).toEqual([]);
  });

  it('a rolled-back status change leaves no instance event behind', async () => {
    const t = await setup();
    t.instances.onStatusEntered(() => {
      throw new Error('a later handler fails');
    });
    expect(() => t.activate()).toThrow('a later handler fails');
    expect(outboxRows(t.db)).toEqual([]);
  });
});

describe('outbound sender', () => {
  it('delivers the event signed with the outbound secret after the platform’s 503s, waiting 30 s then 1 min, each outcome logged and announced', async () => {
    const t = await setup();
    t.receiver.answers.push(503, 503);
    t.activate();
    await t.send();
    expect(t.item()).toMatchObject({
      state: 'pending',
      attempts: 1,
      next_attempt_at: '2026-11-22T09:00:30.000Z',
      error_code: 'PLATFORM_UNAVAILABLE',
    });
    t.clock.advance(30_000);
    await t.sender.idle();
    expect(t.item()).toMatchObject({
      state: 'pending',
      attempts: 2,
      next_attempt_at: '2026-11-22T09:01:30.000Z',
    });
    t.clock.advance(59_999);
    await t.sender.idle();
    expect(t.receiver.requests).toHaveLength(2);
    t.clock.advance(1);
    await t.sender.idle();
    expect(t.item()).toMatchObject({ state: 'sent', attempts: 3 });
    expect(t.receiver.requests.map((r) => r.signed)).toEqual([true, true, true]);
    const key = t.item().idempotency_key as string;
    expect(t.receiver.requests.map((r) => r.body.id)).toEqual([key, key, key]);
    expect(t.receiver.requests[2]!.body).toMatchObject({
      type: 'instance.activated',
      instance: { status: 'activated' },
    });
    expect(
      t.announced.filter((e) => e.kind.startsWith('outbound.')).map((e) => [e.kind, e.subject]),
    ).toEqual([
      ['outbound.retrying', leadId(1)],
      ['outbound.retrying', leadId(1)],
      ['outbound.sent', leadId(1)],
    ]);
    // The log names the Lead, not only its Id.
    expect(t.announced.at(-1)?.details).toMatchObject({ name: 'Ada Lovelace' });
    expect(t.changed()).toBe(3);
  });

  it('fails an event the platform refuses (a 4xx but 408 and 429), with the status in the admin’s words; Retry sends it again', async () => {
    const t = await setup();
    t.receiver.answers.push(404);
    t.activate();
    await t.send();
    expect(t.item()).toMatchObject({
      state: 'failed',
      error_code: 'PLATFORM_REFUSED',
      error_message:
        'The meeting platform refused the event (HTTP 404 Not Found). Check the outbound URL in Settings → Meeting platform, then Retry.',
    });
    new OutboxStore(t.db).retry([t.item().id as number], new Date(t.clock.now()).toISOString());
    await t.send();
    expect(t.item()).toMatchObject({ state: 'sent' });
  });

  it.each([408, 429, 500])('tries again after HTTP %s', async (status) => {
    const t = await setup();
    t.receiver.answers.push(status);
    t.activate();
    await t.send();
    expect(t.item()).toMatchObject({ state: 'pending', error_code: 'PLATFORM_UNAVAILABLE' });
  });

  it('tries again when nothing answers at the URL', async () => {
    const t = await setup();
    t.activate();
    await t.receiver.close();
    await t.send();
    expect(t.item()).toMatchObject({
      state: 'pending',
      attempts: 1,
      error_code: 'PLATFORM_UNREACHABLE',
    });
    expect(t.item().error_message).toMatch(
      /^The meeting platform could not be reached at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
  });

  it('sends nothing while the sync is paused, and sends on the kick after it resumes', async () => {
    const t = await setup();
    t.hold.paused = true;
    t.activate();
    await t.send();
    expect(t.receiver.requests).toEqual([]);
    t.hold.paused = false;
    await t.send();
    expect(t.item()).toMatchObject({ state: 'sent' });
  });

  it('looks at the queue once for a burst of kicks: every outbox enqueue kicks it, most queue no event', async () => {
    const t = await setup();
    const looks = vi.spyOn(t.outboxStore, 'dueOfKind');
    for (let n = 0; n < 50; n += 1) t.sender.kick();
    await t.sender.idle();
    expect(looks).toHaveBeenCalledTimes(1);
    t.activate();
    await t.send();
    expect(t.item()).toMatchObject({ state: 'sent' });
  });

  it('fails, saying what to do, an event queued before outbound events were turned off', async () => {
    const t = await setup();
    t.activate();
    t.settings.enabled = false;
    await t.send();
    expect(t.item()).toMatchObject({ state: 'failed', error_code: 'OUTBOUND_OFF' });
    expect(t.receiver.requests).toEqual([]);
  });
});
