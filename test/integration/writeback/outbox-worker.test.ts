import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { admin } from '../../support/demo-org-admin';
import { channelCause, key, outboxOf } from '../../support/outbox-fixture';

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
let queue: ReturnType<typeof outboxOf>;
const core = () => harness.core;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 450, seed: 'outbox-worker' });
  harness = await createConnectedCore(org);
  await syncNow(core());
  queue = outboxOf(core(), harness.clock);
  org.clearRequests();
});
afterEach(async () => {
  queue.close();
  harness.core.dispose();
  await org.close();
});

/** Cached Leads that are not converted, in a stable order. */
function openLeads(count: number) {
  return core()
    .leads.search('', 1000, 0)
    .leads.filter((lead) => !lead.isConverted)
    .sort((a, b) => a.id.localeCompare(b.id))
    .slice(0, count);
}

function cached(leadId: string): Record<string, unknown> {
  return core().leads.timeline(leadId)!.lead.fields;
}

/** Queues a Lead update whose basis is the cached Lead, as a channel's decision would. */
function update(
  leadId: string,
  values: Record<string, unknown>,
  hostUsers?: Record<string, string>,
) {
  const fields = cached(leadId);
  return queue.queue((outbox) =>
    outbox.enqueueLeadUpdate({
      leadId,
      values,
      ...(hostUsers ? { hostUsers } : {}),
      basis: Object.fromEntries(Object.keys(values).map((f) => [f, fields[f] ?? null])),
      cause: channelCause,
      instanceId: null,
      idempotencyKey: key(),
    }),
  );
}

const collectionCalls = () => org.requests().filter((r) => r.path.endsWith('/composite/sobjects'));
const queries = () => org.requests().filter((r) => r.path.endsWith('/query'));

describe('outbox worker against the demo org', () => {
  it('merges the decisions on one Lead into one record: the last decision per field wins', async () => {
    const [lead] = openLeads(1);
    const { first, second } = await queue.queue((outbox) => {
      const base = cached(lead!.id);
      const decision = (values: Record<string, unknown>) => ({
        leadId: lead!.id,
        values,
        basis: Object.fromEntries(Object.keys(values).map((f) => [f, base[f] ?? null])),
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      });
      return {
        first: outbox.enqueueLeadUpdate(decision({ Status: 'Working - Contacted', Title: 'CTO' })),
        second: outbox.enqueueLeadUpdate(decision({ Status: 'Qualified' })),
      };
    });
    expect(org.getRecord('Lead', lead!.id)).toMatchObject({ Status: 'Qualified', Title: 'CTO' });
    expect(collectionCalls()).toHaveLength(1);
    expect([queue.row(first).state, queue.row(second).state]).toEqual(['sent', 'sent']);
    const sent = core().log.list({ limit: 10, kinds: ['writeback.sent'], search: lead!.id });
    expect(sent.entries).toHaveLength(2);
    expect(sent.entries[0]).toMatchObject({ subject: lead!.id, details: { leadId: lead!.id } });
  });

  it('sends 450 Leads’ updates in 3 collections calls of at most 200, with one re-read query each', async () => {
    const leads = openLeads(450);
    expect(leads).toHaveLength(450);
    await queue.queue((outbox) => {
      for (const lead of leads) {
        outbox.enqueueLeadUpdate({
          leadId: lead.id,
          values: { Title: 'Head of Revenue' },
          basis: { Title: cached(lead.id).Title ?? null },
          cause: channelCause,
          instanceId: null,
          idempotencyKey: key(),
        });
      }
    });
    expect(collectionCalls().map((call) => call.method)).toEqual(['PATCH', 'PATCH', 'PATCH']);
    expect(queries()).toHaveLength(3);
    expect(leads.every((lead) => org.getRecord('Lead', lead.id)!.Title === 'Head of Revenue')).toBe(
      true,
    );
    expect(core().outboxWorker.status()).toMatchObject({
      counts: { pending: 0, sent: 450 },
      draining: false,
      message: 'All writes are in Salesforce.',
    });
  });

  it('leaves a field a person changed after the decision, logs both values, and writes the others', async () => {
    const [lead] = openLeads(1);
    const basis = cached(lead!.id);
    // The person's edit lands between Leadbridge's decision (the basis) and the send.
    org.updateRecord('Lead', lead!.id, { Title: 'Edited by a rep' });
    const id = await queue.queue((outbox) =>
      outbox.enqueueLeadUpdate({
        leadId: lead!.id,
        values: { Title: 'Decided by Leadbridge', Rating: 'Hot' },
        basis: { Title: basis.Title ?? null, Rating: basis.Rating ?? null },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      }),
    );
    expect(org.getRecord('Lead', lead!.id)).toMatchObject({
      Title: 'Edited by a rep',
      Rating: 'Hot',
    });
    expect(queue.row(id)).toMatchObject({ state: 'conflict' });
    const [entry] = core().log.list({ limit: 5, kinds: ['writeback.conflict'] }).entries;
    expect(entry).toMatchObject({
      subject: lead!.id,
      details: {
        leadId: lead!.id,
        conflicts: [
          {
            field: 'Title',
            ours: 'Decided by Leadbridge',
            basis: basis.Title ?? null,
            theirs: 'Edited by a rep',
          },
        ],
      },
    });
  });

  it('skips a converted Lead with that reason and writes nothing to it', async () => {
    const [lead] = openLeads(1);
    org.convertLead(lead!.id);
    const before = org.getRecord('Lead', lead!.id);
    const id = await update(lead!.id, { Rating: 'Hot' });
    expect(queue.row(id)).toMatchObject({
      state: 'skipped',
      error_code: 'CANNOT_UPDATE_CONVERTED_LEAD',
    });
    expect(org.getRecord('Lead', lead!.id)).toEqual(before);
    expect(collectionCalls()).toEqual([]);
  });

  it.each([
    ['503', 'SERVER_UNAVAILABLE'],
    ['reset', 'SALESFORCE_UNREACHABLE'],
  ] as const)(
    'retries after a %s with backoff, writes once Salesforce is back, and writes the Lead once',
    async (fault, code) => {
      const [lead] = openLeads(1);
      org.injectFault(fault, { match: 'composite' });
      const id = await update(lead!.id, { Rating: 'Warm' });
      expect(queue.row(id)).toMatchObject({ state: 'pending', attempts: 1, error_code: code });
      expect(core().outboxWorker.status().message).toBe('1 write waiting: next try in 1 minute.');
      harness.clock.advance(30_000);
      await core().outboxWorker.idle();
      expect(queue.row(id)).toMatchObject({ state: 'sent', attempts: 2, in_flight_since: null });
      expect(org.getRecord('Lead', lead!.id)).toMatchObject({ Rating: 'Warm' });
      const writes = org.requests().flatMap((request) => request.writes?.updated ?? []);
      expect(writes.filter((written) => written === lead!.id)).toHaveLength(1);
    },
  );

  it('retries only the record Salesforce could not lock (UNABLE_TO_LOCK_ROW), the others of the call written at once', async () => {
    const [locked, free] = openLeads(2).map((lead) => lead.id);
    org.injectFault('unable-to-lock-row', { recordIds: [locked!] });
    const ids = await queue.queue((outbox) =>
      [locked!, free!].map((leadId) =>
        outbox.enqueueLeadUpdate({
          leadId,
          values: { Title: 'Locked then written' },
          basis: { Title: cached(leadId).Title ?? null },
          cause: channelCause,
          instanceId: null,
          idempotencyKey: key(),
        }),
      ),
    );
    expect(queue.row(ids[0]!)).toMatchObject({
      state: 'pending',
      error_code: 'UNABLE_TO_LOCK_ROW',
      in_flight_since: null,
    });
    expect(queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    const [retrying] = core().log.list({ limit: 5, kinds: ['writeback.retrying'] }).entries;
    expect(retrying).toMatchObject({ subject: locked, details: { code: 'UNABLE_TO_LOCK_ROW' } });
    harness.clock.advance(30_000);
    await core().outboxWorker.idle();
    expect(queue.row(ids[0]!)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(org.getRecord('Lead', locked!)!.Title).toBe('Locked then written');
  });

  it('writes a Lead once when the answer to its write is lost: the re-read finds the value there', async () => {
    const [lead] = openLeads(1);
    org.injectFault('lost-response', { match: 'composite' });
    const id = await update(lead!.id, { Title: 'Written, answer lost' });
    expect(queue.row(id).state).toBe('pending');
    expect(queue.row(id).in_flight_since).not.toBeNull();
    harness.clock.advance(30_000);
    await core().outboxWorker.idle();
    expect(queue.row(id)).toMatchObject({ state: 'sent', in_flight_since: null });
    const writes = org.requests().flatMap((request) => request.writes?.updated ?? []);
    expect(writes).toEqual([lead!.id]);
    const [sent] = core().log.list({ limit: 1, kinds: ['writeback.sent'] }).entries;
    expect(sent).toMatchObject({ details: { alreadyInSalesforce: true } });
  });

  it('holds its writes once the org’s API allowance is spent, and sends them when a sync finds it back', async () => {
    const [lead] = openLeads(1);
    org.injectFault('request-limit-exceeded', { match: 'composite' });
    const id = await update(lead!.id, { Rating: 'Warm' });
    expect(queue.row(id)).toMatchObject({ state: 'pending', error_code: 'REQUEST_LIMIT_EXCEEDED' });
    expect(core().outboxWorker.status()).toMatchObject({ heldBy: 'api-budget' });
    harness.clock.advance(30_000);
    await core().outboxWorker.idle();
    expect(queue.row(id)).toMatchObject({ state: 'pending', attempts: 1 });
    // "Sync now" still runs over the budget; its answers report the day's real usage.
    await syncNow(core());
    await core().outboxWorker.idle();
    expect(queue.row(id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('skips a Lead deleted in Salesforce with that reason', async () => {
    const [lead] = openLeads(1);
    org.deleteRecord('Lead', lead!.id);
    const id = await update(lead!.id, { Rating: 'Hot' });
    expect(queue.row(id)).toMatchObject({ state: 'skipped', error_code: 'ENTITY_IS_DELETED' });
    expect(collectionCalls()).toEqual([]);
  });

  it('stops a write Salesforce refuses for good with its message and what to do', async () => {
    const [lead] = openLeads(1);
    const id = await update(lead!.id, { Meeting_Status__c: 'Not a value' });
    expect(queue.row(id)).toMatchObject({
      state: 'failed',
      error_code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
    expect(String(queue.row(id).error_message)).toMatch(
      /^Salesforce answered: .+ pick one of its values/,
    );
    const list = await core().handlers['outbox:list']({
      states: ['failed'],
      limit: 100,
      offset: 0,
    });
    expect(list.reasons).toEqual([
      { code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', state: 'failed', count: 1 },
    ]);
  });

  it('fails only the record a validation rule refuses, with the rule’s message, and writes the others of the call', async () => {
    const [refused, accepted] = openLeads(2).map((lead) => lead.id);
    await admin(org.url, 'POST', 'validation-rules', {
      object: 'Lead',
      field: 'Rating',
      operator: 'equals',
      value: 'Cold',
      message: 'A cold Lead needs a disqualification reason.',
    });
    const ids = await queue.queue((outbox) =>
      [
        [refused!, 'Cold'],
        [accepted!, 'Hot'],
      ].map(([leadId, rating]) =>
        outbox.enqueueLeadUpdate({
          leadId: leadId!,
          values: { Rating: rating },
          basis: { Rating: cached(leadId!).Rating ?? null },
          cause: channelCause,
          instanceId: null,
          idempotencyKey: key(),
        }),
      ),
    );
    expect(collectionCalls()).toHaveLength(1);
    expect(queue.row(ids[0]!)).toMatchObject({
      state: 'failed',
      error_code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      error_message:
        'Salesforce answered: A cold Lead needs a disqualification reason. A validation rule in Salesforce refused the value: change the Update channel’s value or ask an admin about the rule, then Retry.',
    });
    expect(queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    expect(org.getRecord('Lead', accepted!)!.Rating).toBe('Hot');
    expect(org.getRecord('Lead', refused!)!.Rating).not.toBe('Cold');
  });

  it('stops only the items writing a field removed from Salesforce, and sends the rest of the batch', async () => {
    const [a, b] = openLeads(2).map((lead) => lead.id);
    await admin(org.url, 'DELETE', 'schema/Lead/fields/Meeting_Link__c');
    const ids = await queue.queue((outbox) => [
      outbox.enqueueLeadUpdate({
        leadId: a!,
        values: { Meeting_Link__c: 'https://meet.example.com/x' },
        basis: { Meeting_Link__c: null },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      }),
      outbox.enqueueLeadUpdate({
        leadId: b!,
        values: { Title: 'Still written' },
        basis: { Title: cached(b!).Title ?? null },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      }),
    ]);
    expect(queue.row(ids[0]!)).toMatchObject({
      state: 'failed',
      error_code: 'INVALID_FIELD',
      error_message:
        'The Lead field Meeting_Link__c no longer exists in Salesforce, or Leadbridge’s user cannot see it. Edit the Update channel that writes it, then Retry or Discard.',
    });
    expect(queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    expect(org.getRecord('Lead', b!)!.Title).toBe('Still written');
  });
});
