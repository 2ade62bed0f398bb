// What the write-back trials (crash, conflict, soak) share: a meeting type whose Import channel
// opens instances on a Status edit and whose Update channels write to the Lead when an instance
// is invited and booked, driven through the contract as the UI or a script drives it, and the
// org's side read back with a session of the test's own.
import type {
  Channel,
  FieldWrite,
  InstanceSummary,
  MeetingType,
  MethodName,
  OutboxItem,
  OutboxStatus,
  SyncStatus,
} from '../../src-preload/contract';
import { channelDraftSchema } from '../../src-preload/contract';
import type { DemoOrgHandle } from '../../src-main/demo-org';
import { dispatch } from '../../src-main/core/contract-dispatcher';
import type { LeadbridgeCore } from '../../src-main/core/leadbridge-core';
import { createRecordingLogger } from './silent-logger';
import { WORKING } from './channel-fixture';
import { until } from './poll-until';

/** A seeded active User of the demo org: the meeting type's host, so OwnerId routes to it. */
export const HOST_EMAIL = 'alex.host@leadbridge.demo';

/** A contract call, through the headless host's HTTP API or an in-process core's dispatcher. */
export type ContractCall = <T>(method: MethodName, input?: unknown) => Promise<T>;

/** Calls an in-process core as its hosts do: input parsed by the contract, errors as results. */
export function coreCaller(core: LeadbridgeCore): ContractCall {
  const logger = createRecordingLogger();
  return async <T>(method: MethodName, input?: unknown) => {
    const result = await dispatch(core.handlers, method, input, logger);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
}

/** The writes of the trials' Update channels, by the status that fires them. */
export const INVITED_WRITES: FieldWrite[] = [
  { field: 'Meeting_Status__c', source: 'fixed', value: 'Invited' },
];
export const BOOKED_WRITES: FieldWrite[] = [
  { field: 'OwnerId', source: 'host_user' },
  { field: 'Meeting_Status__c', source: 'fixed', value: 'Booked' },
  { field: 'Meeting_Link__c', source: 'meeting_url' },
];

/**
 * "Intro call" hosted by HOST_EMAIL with Tasks and Events logged, an Import channel opening an
 * activated instance when a Lead's Status changes to Working - Contacted, and Update channels
 * writing INVITED_WRITES on `invited` and BOOKED_WRITES on `booked`, all enabled.
 */
export async function setUpWriteback(call: ContractCall): Promise<MeetingType> {
  const type = await call<MeetingType>('meeting-types:create', {
    name: 'Intro call',
    hosts: [HOST_EMAIL],
    activityLogging: { tasks: true, events: true },
  });
  const drafts = [
    {
      name: 'Working opens an instance',
      kind: 'import',
      action: 'initialize_and_activate',
      conditions: { field: 'Status', operator: 'changed_to', value: WORKING },
    },
    { name: 'Invited', kind: 'update', statuses: ['invited'], writes: INVITED_WRITES },
    { name: 'Booked', kind: 'update', statuses: ['booked'], writes: BOOKED_WRITES },
  ] as const;
  for (const draft of drafts) {
    const channel = await call<Channel>(
      'channels:create',
      channelDraftSchema.parse({
        meetingTypeId: type.id,
        name: draft.name,
        kind: draft.kind,
        action: draft.kind === 'update' ? 'write_fields' : draft.action,
        rules: {
          conditions: {
            combinator: 'and',
            rules: draft.kind === 'update' ? [] : [draft.conditions],
          },
          timeZone: 'UTC',
        },
        ...(draft.kind === 'update'
          ? { update: { statuses: draft.statuses, writes: draft.writes } }
          : {}),
      }),
    );
    await call('channels:set-enabled', { channelId: channel.id, enabled: true });
  }
  return type;
}

export const syncSettled = (call: ContractCall) =>
  until('the sync to finish', async () => {
    const status = await call<SyncStatus>('sync:status');
    return status.state === 'idle' && status.progress === null && status.lastRun
      ? status
      : undefined;
  });

/** Nothing left to send: no pending item and the worker not sending. */
export const outboxSettled = (call: ContractCall, ms = 30_000) =>
  until(
    'the outbox to drain',
    async () => {
      const status = await call<OutboxStatus>('outbox:status');
      return status.counts.pending === 0 && !status.draining ? status : undefined;
    },
    ms,
  );

/**
 * Moves `leadIds` to Working - Contacted in Salesforce, syncs, and returns the instance the
 * Import channel opened for each.
 */
export async function openInstancesFor(
  org: DemoOrgHandle,
  call: ContractCall,
  leadIds: readonly string[],
): Promise<Map<string, InstanceSummary>> {
  for (const id of leadIds) org.updateRecord('Lead', id, { Status: WORKING });
  await call('sync:now');
  return until('an instance for every edited Lead', async () => {
    const { instances } = await call<{ instances: InstanceSummary[] }>('instances:search', {
      query: '',
      statuses: ['activated'],
      limit: 500,
      offset: 0,
    });
    const byLead = new Map(instances.map((instance) => [instance.recordId, instance]));
    return leadIds.every((id) => byLead.has(id)) ? byLead : undefined;
  });
}

/** A booking of the trials' meeting: an hour on `day` (0 = tomorrow), its own meeting URL. */
export function bookingOf(leadId: string, day = 0) {
  const start = new Date(Date.UTC(2030, 0, 2 + day, 9));
  return {
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    hostEmail: HOST_EMAIL,
    meetingUrl: `https://meet.example.com/${leadId}`,
  };
}

/** Invites (a Task, Meeting_Status__c Invited) and books (an Event, owner, status, link). */
export async function inviteAndBook(call: ContractCall, instance: InstanceSummary) {
  await call('instances:record-attempt', { instanceId: instance.id, kind: 'invite' });
  await call('instances:set-status', {
    instanceId: instance.id,
    status: 'booked',
    reason: 'Booked on the phone',
    booking: bookingOf(instance.recordId),
  });
}

/** Records of `object` whose `field` is one of `ids`, read with a session of the test's own. */
export async function orgRecordsWhere(
  org: DemoOrgHandle,
  object: string,
  fields: readonly string[],
  field: string,
  ids: readonly string[],
): Promise<Record<string, unknown>[]> {
  const { access_token: token } = org.issueSession();
  const records: Record<string, unknown>[] = [];
  for (let start = 0; start < ids.length; start += 100) {
    const list = ids
      .slice(start, start + 100)
      .map((id) => `'${id}'`)
      .join(',');
    let next: string | undefined =
      `/services/data/v62.0/query?q=${encodeURIComponent(`SELECT ${fields.join(', ')} FROM ${object} WHERE ${field} IN (${list})`)}`;
    while (next) {
      const response = await fetch(`${org.url}${next}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`query of ${object}: ${await response.text()}`);
      const page = (await response.json()) as {
        records: Record<string, unknown>[];
        nextRecordsUrl?: string;
      };
      records.push(...page.records);
      next = page.nextRecordsUrl;
    }
  }
  return records;
}

/** The Id of the active User with `email`, as the org holds it. */
export async function userIdOf(org: DemoOrgHandle, email: string): Promise<string> {
  const [user] = await orgRecordsWhere(org, 'User', ['Id', 'IsActive'], 'Email', [email]);
  if (!user) throw new Error(`no User ${email} in the demo org`);
  return String(user.Id);
}

/** Every outbox item (all pages), newest first. */
export async function outboxItems(call: ContractCall): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call<{ items: OutboxItem[]; total: number }>('outbox:list', {
      limit: 500,
      offset,
    });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/**
 * What the trials promise about each booked Lead, checked against the org: the booking's
 * fields written, exactly one Task and one Event on it. Returns one line per broken promise.
 */
export async function exactlyOnceMismatches(
  org: DemoOrgHandle,
  leadIds: readonly string[],
): Promise<string[]> {
  const ownerId = await userIdOf(org, HOST_EMAIL);
  const problems: string[] = [];
  const leads = await orgRecordsWhere(
    org,
    'Lead',
    ['Id', 'OwnerId', 'Meeting_Status__c', 'Meeting_Link__c'],
    'Id',
    leadIds,
  );
  const byId = new Map(leads.map((lead) => [String(lead.Id), lead]));
  for (const id of leadIds) {
    const lead = byId.get(id);
    const expected = {
      OwnerId: ownerId,
      Meeting_Status__c: 'Booked',
      Meeting_Link__c: bookingOf(id).meetingUrl,
    };
    for (const [field, value] of Object.entries(expected)) {
      if (lead?.[field] !== value) problems.push(`${id}: ${field} is ${String(lead?.[field])}`);
    }
  }
  for (const object of ['Task', 'Event']) {
    const created = await orgRecordsWhere(org, object, ['Id', 'WhoId'], 'WhoId', leadIds);
    const perLead = new Map<string, number>();
    for (const record of created)
      perLead.set(String(record.WhoId), (perLead.get(String(record.WhoId)) ?? 0) + 1);
    for (const id of leadIds) {
      const count = perLead.get(id) ?? 0;
      if (count !== 1) problems.push(`${id}: ${count} ${object}s`);
    }
  }
  return problems;
}
