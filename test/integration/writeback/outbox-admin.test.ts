import { describe, expect, it } from 'vitest';
import { methods, type EventMessage, type OutboxStatus } from '../../../src-preload/contract';
import { dispatch } from '../../../src-main/core/contract-dispatcher';
import { createRecordingLogger } from '../../support/silent-logger';
import { all, decisionsOf, enabledChannel, WORKING } from '../../support/channel-fixture';
import { syncNow } from '../../support/connected-core';
import { channelCause, key, useConnectedOutbox } from '../../support/outbox-fixture';

const setup = useConnectedOutbox({ leads: 20, seed: 'outbox-admin' });
const core = () => setup.harness.core;

const openLeads = () =>
  core()
    .leads.search('', 100, 0)
    .leads.filter((lead) => !lead.isConverted && lead.status !== WORKING)
    .map((lead) => lead.id)
    .sort();

function decide(leadId: string, values: Record<string, unknown>) {
  const cached = core().leads.timeline(leadId)!.lead.fields;
  return (outbox: Parameters<Parameters<typeof setup.queue.queue>[0]>[0]) =>
    outbox.enqueueLeadUpdate({
      leadId,
      values,
      basis: Object.fromEntries(Object.keys(values).map((f) => [f, cached[f] ?? null])),
      cause: channelCause,
      instanceId: null,
      idempotencyKey: key(),
    });
}

describe('outbox: echo guard, hold, Retry and Discard', () => {
  it('never fires a channel on the echo of its own write, and still does on a person’s same edit', async () => {
    enabledChannel(core(), {
      name: 'Status changed to Working',
      conditions: all({ field: 'Status', operator: 'changed_to', value: WORKING }),
    });
    const [ours, persons] = openLeads();
    await setup.queue.queue(decide(ours!, { Status: WORKING }));
    setup.org.updateRecord('Lead', persons!, { Status: WORKING });
    await syncNow(core());
    expect(core().leads.timeline(ours!)!.lead.status).toBe(WORKING);
    expect((await decisionsOf(core(), ours!)).filter((d) => d.fired)).toEqual([]);
    expect((await decisionsOf(core(), persons!)).filter((d) => d.fired)).toHaveLength(1);
  });

  it('recognises the echo of a date-time in Salesforce’s notation and of an owner it resolved', async () => {
    enabledChannel(core(), {
      name: 'Meeting date changed',
      conditions: all({ field: 'Last_Meeting_Date__c', operator: 'changed' }),
      trigger: 'every_time',
    });
    enabledChannel(core(), {
      name: 'Owner changed',
      meetingType: 'Follow-up',
      conditions: all({ field: 'OwnerId', operator: 'changed' }),
      trigger: 'every_time',
    });
    const [lead] = openLeads();
    const cached = core().leads.timeline(lead!)!.lead.fields;
    await setup.queue.queue((outbox) =>
      outbox.enqueueLeadUpdate({
        leadId: lead!,
        values: { Last_Meeting_Date__c: '2026-11-25T15:00:00.000Z', OwnerId: null },
        hostUsers: { OwnerId: 'sam.host@leadbridge.demo' },
        basis: {
          Last_Meeting_Date__c: cached.Last_Meeting_Date__c ?? null,
          OwnerId: cached.OwnerId ?? null,
        },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      }),
    );
    await syncNow(core());
    expect(core().leads.timeline(lead!)!.lead.fields).toMatchObject({
      Last_Meeting_Date__c: '2026-11-25T15:00:00.000+0000',
      OwnerId: setup.org.getRecord('Lead', lead!)!.OwnerId,
    });
    expect(setup.org.getRecord('Lead', lead!)!.OwnerId).not.toBe(cached.OwnerId);
    expect((await decisionsOf(core(), lead!)).filter((d) => d.fired)).toEqual([]);
  });

  it('sends nothing while sync is paused, says so, and sends on resume', async () => {
    const [lead] = openLeads();
    const statuses: OutboxStatus[] = [];
    core().events.subscribe((message: EventMessage) => {
      if (message.event === 'outbox:changed') statuses.push(message.payload);
    });
    core().sync.pause();
    const id = await setup.queue.queue(decide(lead!, { Rating: 'Hot' }));
    expect(setup.org.requests()).toEqual([]);
    expect(setup.queue.row(id).state).toBe('pending');
    expect(await core().handlers['outbox:status']({})).toMatchObject({
      heldBy: 'paused',
      counts: { pending: 1 },
      message: '1 write waiting: sync is paused.',
    });
    core().sync.resume();
    await core().outboxWorker.idle();
    expect(setup.queue.row(id).state).toBe('sent');
    expect(statuses.at(-1)).toMatchObject({
      heldBy: null,
      counts: { pending: 0, sent: 1 },
      draining: false,
    });
  });

  it('Retry decides a conflict again against the Lead as it is now; Discard drops an item for good', async () => {
    const [a, b] = openLeads();
    const announced: string[] = [];
    core().events.subscribe((message: EventMessage) => {
      if (message.event === 'log:appended') announced.push(message.payload.kind);
    });
    setup.org.updateRecord('Lead', a!, { Title: 'Rep’s title' });
    core().sync.pause();
    const conflicted = await setup.queue.queue(decide(a!, { Title: 'Leadbridge title' }));
    const dropped = await setup.queue.queue(decide(b!, { Title: 'Never sent' }));
    expect(await core().handlers['outbox:discard']({ itemIds: [dropped] })).toEqual({
      discarded: 1,
    });
    core().sync.resume();
    await core().outboxWorker.idle();
    expect(setup.queue.row(conflicted).state).toBe('conflict');
    expect(setup.queue.row(dropped).state).toBe('discarded');
    expect(setup.org.getRecord('Lead', b!)!.Title).not.toBe('Never sent');

    expect(await core().handlers['outbox:retry']({ itemIds: [conflicted, dropped] })).toEqual({
      retried: 1,
    });
    await core().outboxWorker.idle();
    expect(setup.queue.row(conflicted)).toMatchObject({ state: 'sent', conflicts: '[]' });
    expect(setup.org.getRecord('Lead', a!)!.Title).toBe('Leadbridge title');
    const kinds = core()
      .log.list({ limit: 20, kinds: ['writeback'] })
      .entries.map((entry) => entry.kind)
      .reverse();
    expect(kinds).toEqual([
      'writeback.discarded',
      'writeback.conflict',
      'writeback.retried',
      'writeback.sent',
    ]);
    expect(announced.filter((kind) => kind.startsWith('writeback.'))).toEqual(kinds);
  });

  it('answers outbox:list and outbox:status in the contract’s shapes: items with the Lead’s name, counts by state, reasons by code', async () => {
    const [a, b, c] = openLeads();
    setup.org.updateRecord('Lead', a!, { Title: 'Rep’s title' });
    setup.org.convertLead(c!);
    await setup.queue.queue((outbox) => {
      decide(a!, { Title: 'Ours' })(outbox);
      decide(b!, { Rating: 'Hot' })(outbox);
      decide(c!, { Rating: 'Hot' })(outbox);
    });
    const logger = createRecordingLogger();
    const listed = await dispatch(core().handlers, 'outbox:list', {}, logger);
    expect(listed.ok).toBe(true);
    const list = methods['outbox:list'].output.parse(listed.ok ? listed.value : null);
    expect(list.total).toBe(3);
    expect(list.counts).toMatchObject({ sent: 1, conflict: 1, skipped: 1, pending: 0 });
    expect(list.reasons).toEqual(
      expect.arrayContaining([
        { code: 'CONFLICT', state: 'conflict', count: 1 },
        { code: 'CANNOT_UPDATE_CONVERTED_LEAD', state: 'skipped', count: 1 },
      ]),
    );
    const cachedName = core().leads.timeline(b!)!.lead.name;
    expect(list.items.find((item) => item.leadId === b)).toMatchObject({
      state: 'sent',
      leadName: cachedName,
      values: { Rating: 'Hot' },
      error: null,
    });
    const filtered = await dispatch(core().handlers, 'outbox:list', { leadId: a }, logger);
    expect(filtered.ok && methods['outbox:list'].output.parse(filtered.value).items).toEqual([
      expect.objectContaining({ leadId: a, state: 'conflict' }),
    ]);
    const status = await dispatch(core().handlers, 'outbox:status', {}, logger);
    expect(methods['outbox:status'].output.parse(status.ok ? status.value : null)).toMatchObject({
      message: 'All writes are in Salesforce. 1 conflict: see the Outbox.',
    });
  });
});
