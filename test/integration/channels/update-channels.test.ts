import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/core/contract-dispatcher';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import {
  channelDraftSchema,
  type ConditionGroup,
  type EventMessage,
  type FieldWrite,
  type InstanceStatus,
  type MeetingType,
} from '../../../src-preload/contract';
import { all, enabledChannel, WORKING } from '../../support/channel-fixture';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { outboxRows } from '../../support/outbox-rows';
import { createRecordingLogger } from '../../support/silent-logger';

const ALEX = 'alex.host@leadbridge.demo';
const SAM = 'sam.host@leadbridge.demo';
const BOOKING = {
  start: '2026-12-03T15:00:00.000Z',
  end: '2026-12-03T15:30:00.000Z',
  hostEmail: SAM,
  meetingUrl: 'https://meet.example.com/intro-42',
};

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 60, seed: 'update-channels' });
  harness = await createConnectedCore(org);
  await syncNow(core());
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

const call = (method: string, input?: unknown) =>
  dispatch(core().handlers, method, input, createRecordingLogger());

function introCall(): MeetingType {
  return core().meetingTypes.create({ name: 'Intro call', hosts: [ALEX, SAM], calendar: null });
}

/** Saves and enables an Update channel through the service (validated against the describe). */
function updateChannel(
  type: MeetingType,
  writes: FieldWrite[],
  options: { name?: string; statuses?: InstanceStatus[]; conditions?: ConditionGroup } = {},
) {
  const channel = core().channels.create(
    channelDraftSchema.parse({
      meetingTypeId: type.id,
      name: options.name ?? 'When booked',
      kind: 'update',
      action: 'write_fields',
      rules: {
        conditions: options.conditions ?? { combinator: 'and', rules: [] },
        trigger: 'every_time',
        timeZone: 'UTC',
      },
      update: { statuses: options.statuses ?? ['booked'], writes },
    }),
  );
  return core().channels.setEnabled(channel.id, true);
}

/** A cached Lead not converted and not yet Working - Contacted, with its cached fields. */
function cachedLead(index = 0) {
  const lead = core()
    .leads.search('', 60, 0)
    .leads.filter((l) => l.status !== WORKING && !l.isConverted)[index]!;
  return { ...lead, fields: core().leads.cachedFields(lead.id)! };
}

function activate(type: MeetingType, leadId: string) {
  return core().instances.openInstance({
    recordId: leadId,
    email: null,
    meetingTypeId: type.id,
    status: 'activated',
    reason: 'Spoke at the fair',
    cause: { kind: 'admin' },
  }).instance;
}

async function book(instanceId: number, booking: Partial<typeof BOOKING> = {}) {
  const result = await call('instances:set-status', {
    instanceId,
    status: 'booked',
    reason: 'Booked by phone',
    booking: { ...BOOKING, ...booking },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { instance: { id: number } };
}

const leadUpdates = () => outboxRows(core()).filter((row) => row.kind === 'lead_update');

describe('Update channels', () => {
  it('queue the Lead’s write when an instance enters their status: typed values, the booking host for OwnerId, the cached values as basis', async () => {
    const type = introCall();
    const channel = updateChannel(type, [
      { field: 'Status', source: 'fixed', value: WORKING },
      { field: 'OwnerId', source: 'host_user' },
      { field: 'Last_Meeting_Date__c', source: 'meeting_start' },
      { field: 'Description', source: 'instance_status' },
      { field: 'Website', source: 'meeting_url' },
    ]);
    const changed: number[][] = [];
    core().events.subscribe((message: EventMessage) => {
      if (message.event === 'channels:changed') changed.push(message.payload.channelIds);
    });
    const lead = cachedLead();
    const instance = activate(type, lead.id);
    expect(leadUpdates()).toEqual([]);

    await book(instance.id);
    const [historyEntry] = core().instances.history(instance.id);
    expect(leadUpdates()).toEqual([
      expect.objectContaining({
        leadId: lead.id,
        object: 'Lead',
        values: {
          Status: WORKING,
          OwnerId: null,
          Last_Meeting_Date__c: BOOKING.start,
          Description: 'booked',
          Website: BOOKING.meetingUrl,
        },
        hostUsers: { OwnerId: SAM },
        basis: {
          Status: lead.fields.Status,
          OwnerId: lead.fields.OwnerId,
          Last_Meeting_Date__c: lead.fields.Last_Meeting_Date__c ?? null,
          Description: lead.fields.Description ?? null,
          Website: lead.fields.Website ?? null,
        },
        cause: { kind: 'channel', id: String(channel.id), name: 'When booked' },
        instanceId: instance.id,
        idempotencyKey: `update:${channel.id}:${historyEntry!.id}`,
      }),
    ]);
    const [fired] = core().log.list({ limit: 5, kinds: ['channel.fired'] }).entries;
    expect(fired).toMatchObject({
      subject: lead.id,
      details: {
        channelId: channel.id,
        effect: 'write_queued',
        status: 'booked',
        fields: ['Status', 'OwnerId', 'Last_Meeting_Date__c', 'Description', 'Website'],
      },
    });
    expect(core().channels.get(channel.id)).toMatchObject({
      fireCount: 1,
      lastFiredAt: expect.any(String),
    });
    expect(changed).toContainEqual([channel.id]);
  });

  it('route the owner to the meeting type’s first host when the instance has none', async () => {
    const type = introCall();
    updateChannel(type, [{ field: 'OwnerId', source: 'host_user' }], { statuses: ['activated'] });
    const lead = cachedLead();
    activate(type, lead.id);
    expect(leadUpdates()).toEqual([expect.objectContaining({ hostUsers: { OwnerId: ALEX } })]);
  });

  it('write nothing for a Lead their conditions refuse, nor on another status, nor for another meeting type', async () => {
    const type = introCall();
    const other = core().meetingTypes.create({ name: 'Demo', hosts: [ALEX], calendar: null });
    const [refused, accepted] = [cachedLead(0), cachedLead(1)];
    updateChannel(type, [{ field: 'OwnerId', source: 'host_user' }], {
      conditions: all({
        field: 'LastName',
        operator: 'is',
        value: accepted.fields.LastName as string,
      }),
    });
    await book(activate(type, refused.id).id);
    const otherInstance = activate(other, accepted.id);
    await book(otherInstance.id, { hostEmail: ALEX });
    expect(leadUpdates()).toEqual([]);
    await book(activate(type, accepted.id).id);
    expect(leadUpdates()).toEqual([expect.objectContaining({ leadId: accepted.id })]);
  });

  it('never fire on a Lead’s change in Salesforce: only a status entered fires them', async () => {
    const type = introCall();
    const channel = updateChannel(type, [{ field: 'OwnerId', source: 'host_user' }], {
      statuses: ['initialized', 'activated', 'booked'],
    });
    const lead = cachedLead();
    org.updateRecord('Lead', lead.id, { Status: WORKING, Title: 'CTO' });
    await syncNow(core());
    expect(core().instances.openOf(lead.id)).toEqual([]);
    expect(await call('channels:decisions', { leadId: lead.id })).toMatchObject({
      ok: true,
      value: { decisions: [] },
    });
    expect(outboxRows(core())).toEqual([]);
    expect(core().channels.get(channel.id)).toMatchObject({ fireCount: 0 });
  });

  it('leave no write and no firing when the status change rolls back', async () => {
    const type = introCall();
    const channel = updateChannel(type, [{ field: 'OwnerId', source: 'host_user' }]);
    const instance = activate(type, cachedLead().id);
    const stop = core().instances.onStatusEntered(() => {
      throw new Error('the disk is full');
    });
    await expect(book(instance.id)).rejects.toThrow();
    stop();
    expect(core().instances.require(instance.id).status).toBe('activated');
    expect(outboxRows(core())).toEqual([]);
    expect(core().channels.get(channel.id)).toMatchObject({ fireCount: 0, lastFiredAt: null });
  });

  it('fire inside an Import channel’s decision: a Lead activated by the runner gets its write in the same commit', async () => {
    const { type } = enabledChannel(core(), {
      name: 'Working leads',
      conditions: all({ field: 'Status', operator: 'changed_to', value: WORKING }),
    });
    updateChannel(type, [{ field: 'Description', source: 'instance_status' }], {
      statuses: ['activated'],
    });
    const lead = cachedLead();
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core());
    expect(leadUpdates()).toEqual([
      expect.objectContaining({
        leadId: lead.id,
        values: { Description: 'activated' },
        instanceId: core().instances.openOf(lead.id)[0]!.id,
      }),
    ]);
  });

  it('are disabled, said in the log, when Salesforce removes a field they write', async () => {
    const type = introCall();
    const channel = updateChannel(type, [
      { field: 'Last_Meeting_Date__c', source: 'meeting_start' },
    ]);
    const response = await fetch(`${org.url}/__admin/schema/Lead/fields/Last_Meeting_Date__c`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.ok).toBe(true);
    await syncNow(core());
    expect(core().channels.get(channel.id)).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining('Last_Meeting_Date__c'),
      errors: [expect.objectContaining({ write: 0, code: 'FIELD_UNKNOWN' })],
    });
    expect(core().log.list({ limit: 5, kinds: ['channel.disabled'] }).entries).toHaveLength(1);
    await book(activate(type, cachedLead().id).id);
    expect(leadUpdates()).toEqual([]);
  });

  it('are saved with their writes in each immutable version, and listed with them', async () => {
    const type = introCall();
    const channel = updateChannel(type, [{ field: 'OwnerId', source: 'host_user' }]);
    const saved = await call('channels:update', {
      channelId: channel.id,
      draft: {
        meetingTypeId: type.id,
        name: 'When booked',
        kind: 'update',
        action: 'write_fields',
        rules: {
          conditions: { combinator: 'and', rules: [] },
          trigger: 'every_time',
          timeZone: 'UTC',
        },
        update: {
          statuses: ['booked', 'rescheduled'],
          writes: [{ field: 'Status', source: 'fixed', value: WORKING }],
        },
      },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { version: 2, update: { statuses: ['booked', 'rescheduled'] } },
    });
    const listed = await call('channels:list');
    expect(listed).toMatchObject({
      ok: true,
      value: {
        channels: [
          {
            kind: 'update',
            action: 'write_fields',
            update: { writes: [{ field: 'Status', source: 'fixed', value: WORKING }] },
            errors: [],
          },
        ],
      },
    });
    const refused = await call('channels:create', {
      meetingTypeId: type.id,
      name: 'Bad',
      kind: 'update',
      action: 'write_fields',
      rules: {
        conditions: { combinator: 'and', rules: [] },
        trigger: 'every_time',
        timeZone: 'UTC',
      },
      update: { statuses: ['booked'], writes: [{ field: 'Name', source: 'fixed', value: 'x' }] },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CHANNEL_INVALID' } });
  });

  it('preview the Leads their filter lets through now, and no change-based firings', async () => {
    const type = introCall();
    const lead = cachedLead();
    // A recorded change the filter holds on: an Update channel still never fires on it.
    org.updateRecord('Lead', lead.id, { Status: WORKING });
    await syncNow(core());
    const preview = await call('channels:preview', {
      meetingTypeId: type.id,
      name: 'When booked',
      kind: 'update',
      action: 'write_fields',
      rules: {
        conditions: all({
          field: 'LastName',
          operator: 'is',
          value: lead.fields.LastName as string,
        }),
        trigger: 'every_time',
        timeZone: 'UTC',
      },
      update: { statuses: ['booked'], writes: [{ field: 'OwnerId', source: 'host_user' }] },
    });
    const sameName = core()
      .leads.search('', 60, 0)
      .leads.filter((l) => core().leads.cachedFields(l.id)!.LastName === lead.fields.LastName);
    expect(preview).toMatchObject({
      ok: true,
      value: { cachedLeads: 60, matchingNow: sameName.length, wouldHaveFired: 0, errors: [] },
    });
  });

  it('offer through channels:fields only the sources each field takes', async () => {
    const result = await call('channels:fields');
    const fields = result.ok ? (result.value as { fields: { name: string }[] }).fields : [];
    const byName = new Map(fields.map((field) => [field.name, field]));
    expect(byName.get('OwnerId')).toMatchObject({
      updateable: true,
      nillable: false,
      referenceTo: expect.arrayContaining(['User']),
      writeSources: ['fixed', 'host_user'],
    });
    expect(byName.get('Name')).toMatchObject({ updateable: false, writeSources: [] });
  });
});
