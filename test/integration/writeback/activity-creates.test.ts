import { describe, expect, it } from 'vitest';
import { admin } from '../../support/demo-org-admin';
import { channelCause, key, useConnectedOutbox } from '../../support/outbox-fixture';

const setup = useConnectedOutbox({ leads: 10, seed: 'activity-creates' });
const core = () => setup.harness.core;

const leadId = () =>
  core()
    .leads.search('', 100, 0)
    .leads.filter((lead) => !lead.isConverted)
    .map((lead) => lead.id)
    .sort()[0]!;

const task = (lead: string, idempotencyKey = key('task')) => ({
  object: 'Task' as const,
  leadId: lead,
  values: {
    Subject: 'Email: Intro call invitation',
    Status: 'Completed',
    ActivityDate: '2026-11-22',
    TaskSubtype: 'Email',
  },
  cause: channelCause,
  instanceId: null,
  idempotencyKey,
});

const creates = () =>
  setup.org.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/composite/sobjects'));

describe('Task and Event creates', () => {
  it('creates a Task and an Event on the Lead, each with its idempotency key, and records their Ids', async () => {
    const lead = leadId();
    const [taskItem, eventItem] = await setup.queue.queue((outbox) => [
      outbox.enqueueCreate(task(lead)),
      outbox.enqueueCreate({
        object: 'Event',
        leadId: lead,
        values: {
          Subject: 'Intro call with Alex Host',
          StartDateTime: '2026-11-25T15:00:00.000Z',
          EndDateTime: '2026-11-25T15:30:00.000Z',
          Location: 'https://meet.example.com/abc',
        },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: 'event:1:9',
      }),
    ]);
    const taskRow = setup.queue.row(taskItem!);
    const eventRow = setup.queue.row(eventItem!);
    expect([taskRow.state, eventRow.state]).toEqual(['sent', 'sent']);
    expect(setup.org.getRecord('Task', String(taskRow.result_id))).toMatchObject({
      WhoId: lead,
      Subject: 'Email: Intro call invitation',
      Status: 'Completed',
      TaskSubtype: 'Email',
    });
    expect(setup.org.getRecord('Event', String(eventRow.result_id))).toMatchObject({
      WhoId: lead,
      Location: 'https://meet.example.com/abc',
      Description: 'Leadbridge ref: event:1:9',
    });
    expect(creates()).toHaveLength(2);
    const [entry] = core().log.list({ limit: 5, kinds: ['writeback.sent'], search: lead }).entries;
    expect(entry).toMatchObject({ subject: lead, details: { kind: 'event_create' } });
  });

  it('after a crash, looks up a create whose outcome is unknown: one already in Salesforce is not sent again, a lost one is sent once', async () => {
    const lead = leadId();
    core().sync.pause();
    const [landed, lost] = await setup.queue.queue((outbox) => [
      outbox.enqueueCreate(task(lead, 'task:crash:1')),
      outbox.enqueueCreate(task(lead, 'task:crash:2')),
    ]);
    expect(creates()).toEqual([]);
    // As a crash leaves them: both marked in flight; only the first request reached Salesforce.
    setup.queue.db
      .prepare('UPDATE outbox SET in_flight_since = ? WHERE id IN (?, ?)')
      .run('2026-11-22T09:00:00.000Z', landed, lost);
    const { id: existing } = (await admin(setup.org.url, 'POST', 'sobjects/Task', {
      ...task(lead).values,
      WhoId: lead,
      Description: 'Leadbridge ref: task:crash:1',
    })) as { id: string };

    core().sync.resume();
    await core().outboxWorker.idle();
    expect(setup.queue.row(landed!)).toMatchObject({ state: 'sent', result_id: existing });
    expect(setup.queue.row(lost!)).toMatchObject({ state: 'sent', in_flight_since: null });
    expect(creates()).toHaveLength(1);
    expect(creates()[0]!.writes?.created).toEqual([setup.queue.row(lost!).result_id]);
  });

  it('keeps a create whose answer was lost in flight, and finds it instead of creating it twice', async () => {
    const lead = leadId();
    setup.org.injectFault('lost-response', { match: 'composite' });
    const id = await setup.queue.queue((outbox) =>
      outbox.enqueueCreate(task(lead, 'task:reset:1')),
    );
    expect(setup.queue.row(id)).toMatchObject({
      state: 'pending',
      error_code: 'SALESFORCE_UNREACHABLE',
    });
    expect(setup.queue.row(id).in_flight_since).not.toBeNull();
    setup.harness.clock.advance(30_000);
    await core().outboxWorker.idle();
    const row = setup.queue.row(id);
    expect(row.state).toBe('sent');
    const made = setup.org
      .requests()
      .flatMap((r) => r.writes?.created ?? [])
      .filter((created) => created.startsWith('00T'));
    expect(made).toEqual([row.result_id]);
    expect(creates()).toHaveLength(1);
  });

  it('skips a Task for a Lead converted meanwhile, with Salesforce’s reason', async () => {
    const lead = leadId();
    setup.org.convertLead(lead);
    const id = await setup.queue.queue((outbox) => outbox.enqueueCreate(task(lead)));
    expect(setup.queue.row(id)).toMatchObject({
      state: 'skipped',
      error_code: 'CANNOT_UPDATE_CONVERTED_LEAD',
      result_id: null,
    });
    const [entry] = core().log.list({ limit: 1, kinds: ['writeback.skipped'] }).entries;
    expect(entry).toMatchObject({
      subject: lead,
      details: { code: 'CANNOT_UPDATE_CONVERTED_LEAD' },
    });
  });
});
