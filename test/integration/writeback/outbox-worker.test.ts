import { describe, expect, it } from 'vitest';
import { syncNow } from '../../support/connected-core';
import { admin } from '../../support/demo-org-admin';
import { channelCause, key, useConnectedOutbox } from '../../support/outbox-fixture';

const setup = useConnectedOutbox({ leads: 450, seed: 'outbox-worker' });
const core = () => setup.harness.core;

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
  return setup.queue.queue((outbox) =>
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

const collectionCalls = () =>
  setup.org.requests().filter((r) => r.path.endsWith('/composite/sobjects'));
const queries = () => setup.org.requests().filter((r) => r.path.endsWith('/query'));

describe('outbox worker against the demo org', () => {
  it('merges the decisions on one Lead into one record: the last decision per field wins', async () => {
    const [lead] = openLeads(1);
    const { first, second } = await setup.queue.queue((outbox) => {
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
    expect(setup.org.getRecord('Lead', lead!.id)).toMatchObject({
      Status: 'Qualified',
      Title: 'CTO',
    });
    expect(collectionCalls()).toHaveLength(1);
    expect([setup.queue.row(first).state, setup.queue.row(second).state]).toEqual(['sent', 'sent']);
    const sent = core().log.list({ limit: 10, kinds: ['writeback.sent'], search: lead!.id });
    expect(sent.entries).toHaveLength(2);
    // The live log names the Lead it wrote to.
    expect(sent.entries[0]).toMatchObject({
      subject: lead!.id,
      details: { leadId: lead!.id, name: lead!.name },
    });
    expect(lead!.name).toBeTruthy();
  });

  it('sends 450 Leads’ updates in 3 collections calls of at most 200, with one re-read query each', async () => {
    const leads = openLeads(450);
    expect(leads).toHaveLength(450);
    await setup.queue.queue((outbox) => {
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
    expect(
      leads.every((lead) => setup.org.getRecord('Lead', lead.id)!.Title === 'Head of Revenue'),
    ).toBe(true);
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
    setup.org.updateRecord('Lead', lead!.id, { Title: 'Edited by a rep' });
    const id = await setup.queue.queue((outbox) =>
      outbox.enqueueLeadUpdate({
        leadId: lead!.id,
        values: { Title: 'Decided by Leadbridge', Rating: 'Hot' },
        basis: { Title: basis.Title ?? null, Rating: basis.Rating ?? null },
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key(),
      }),
    );
    expect(setup.org.getRecord('Lead', lead!.id)).toMatchObject({
      Title: 'Edited by a rep',
      Rating: 'Hot',
    });
    expect(setup.queue.row(id)).toMatchObject({ state: 'conflict' });
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
    setup.org.convertLead(lead!.id);
    const before = setup.org.getRecord('Lead', lead!.id);
    const id = await update(lead!.id, { Rating: 'Hot' });
    expect(setup.queue.row(id)).toMatchObject({
      state: 'skipped',
      error_code: 'CANNOT_UPDATE_CONVERTED_LEAD',
    });
    expect(setup.org.getRecord('Lead', lead!.id)).toEqual(before);
    expect(collectionCalls()).toEqual([]);
  });

  it.each([
    ['503', 'SERVER_UNAVAILABLE'],
    ['reset', 'SALESFORCE_UNREACHABLE'],
  ] as const)(
    'retries after a %s with backoff, writes once Salesforce is back, and writes the Lead once',
    async (fault, code) => {
      const [lead] = openLeads(1);
      setup.org.injectFault(fault, { match: 'composite' });
      const id = await update(lead!.id, { Rating: 'Warm' });
      expect(setup.queue.row(id)).toMatchObject({
        state: 'pending',
        attempts: 1,
        error_code: code,
      });
      expect(core().outboxWorker.status().message).toBe('1 write waiting: next try in 1 minute.');
      setup.harness.clock.advance(30_000);
      await core().outboxWorker.idle();
      expect(setup.queue.row(id)).toMatchObject({
        state: 'sent',
        attempts: 2,
        in_flight_since: null,
      });
      expect(setup.org.getRecord('Lead', lead!.id)).toMatchObject({ Rating: 'Warm' });
      const writes = setup.org.requests().flatMap((request) => request.writes?.updated ?? []);
      expect(writes.filter((written) => written === lead!.id)).toHaveLength(1);
    },
  );

  it('retries only the record Salesforce could not lock (UNABLE_TO_LOCK_ROW), the others of the call written at once', async () => {
    const [locked, free] = openLeads(2).map((lead) => lead.id);
    setup.org.injectFault('unable-to-lock-row', { recordIds: [locked!] });
    const ids = await setup.queue.queue((outbox) =>
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
    expect(setup.queue.row(ids[0]!)).toMatchObject({
      state: 'pending',
      error_code: 'UNABLE_TO_LOCK_ROW',
      in_flight_since: null,
    });
    expect(setup.queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    const [retrying] = core().log.list({ limit: 5, kinds: ['writeback.retrying'] }).entries;
    expect(retrying).toMatchObject({ subject: locked, details: { code: 'UNABLE_TO_LOCK_ROW' } });
    setup.harness.clock.advance(30_000);
    await core().outboxWorker.idle();
    expect(setup.queue.row(ids[0]!)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(setup.org.getRecord('Lead', locked!)!.Title).toBe('Locked then written');
  });

  it('writes a Lead once when the answer to its write is lost: the re-read finds the value there', async () => {
    const [lead] = openLeads(1);
    setup.org.injectFault('lost-response', { match: 'composite' });
    const id = await update(lead!.id, { Title: 'Written, answer lost' });
    expect(setup.queue.row(id).state).toBe('pending');
    expect(setup.queue.row(id).in_flight_since).not.toBeNull();
    setup.harness.clock.advance(30_000);
    await core().outboxWorker.idle();
    expect(setup.queue.row(id)).toMatchObject({ state: 'sent', in_flight_since: null });
    const writes = setup.org.requests().flatMap((request) => request.writes?.updated ?? []);
    expect(writes).toEqual([lead!.id]);
    const [sent] = core().log.list({ limit: 1, kinds: ['writeback.sent'] }).entries;
    expect(sent).toMatchObject({ details: { alreadyInSalesforce: true } });
  });

  it('holds its writes once the org’s API allowance is spent, and sends them when a sync finds it back', async () => {
    const [lead] = openLeads(1);
    setup.org.injectFault('request-limit-exceeded', { match: 'composite' });
    const id = await update(lead!.id, { Rating: 'Warm' });
    expect(setup.queue.row(id)).toMatchObject({
      state: 'pending',
      error_code: 'REQUEST_LIMIT_EXCEEDED',
    });
    expect(core().outboxWorker.status()).toMatchObject({ heldBy: 'api-budget' });
    setup.harness.clock.advance(30_000);
    await core().outboxWorker.idle();
    expect(setup.queue.row(id)).toMatchObject({ state: 'pending', attempts: 1 });
    // "Sync now" still runs over the budget; its answers report the day's real usage.
    await syncNow(core());
    await core().outboxWorker.idle();
    expect(setup.queue.row(id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('skips a Lead deleted in Salesforce with that reason', async () => {
    const [lead] = openLeads(1);
    setup.org.deleteRecord('Lead', lead!.id);
    const id = await update(lead!.id, { Rating: 'Hot' });
    expect(setup.queue.row(id)).toMatchObject({
      state: 'skipped',
      error_code: 'ENTITY_IS_DELETED',
    });
    expect(collectionCalls()).toEqual([]);
  });

  it('stops a write Salesforce refuses for good with its message and what to do', async () => {
    const [lead] = openLeads(1);
    const id = await update(lead!.id, { Meeting_Status__c: 'Not a value' });
    expect(setup.queue.row(id)).toMatchObject({
      state: 'failed',
      error_code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
    expect(String(setup.queue.row(id).error_message)).toMatch(
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

  it('raises one notification when 5 writes fail within an hour, not one per failure', async () => {
    const notified: string[] = [];
    core().events.subscribe((message) => {
      if (message.event === 'notification:raised') notified.push(message.payload.kind);
    });
    const refused = (leads: { id: string }[]) =>
      Promise.all(leads.map((lead) => update(lead.id, { Meeting_Status__c: 'Not a value' })));

    await refused(openLeads(4));
    expect(notified).toEqual([]);
    await refused(openLeads(9).slice(4));

    expect(core().log.list({ limit: 20, kinds: ['writeback.failed'] }).total).toBe(9);
    expect(notified).toEqual(['writeback-failures']);
  });

  it('fails only the record a validation rule refuses, with the rule’s message, and writes the others of the call', async () => {
    const [refused, accepted] = openLeads(2).map((lead) => lead.id);
    await admin(setup.org.url, 'POST', 'validation-rules', {
      object: 'Lead',
      field: 'Rating',
      operator: 'equals',
      value: 'Cold',
      message: 'A cold Lead needs a disqualification reason.',
    });
    const ids = await setup.queue.queue((outbox) =>
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
    expect(setup.queue.row(ids[0]!)).toMatchObject({
      state: 'failed',
      error_code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      error_message:
        'Salesforce answered: A cold Lead needs a disqualification reason. A validation rule in Salesforce refused the value: change the Update channel’s value or ask an admin about the rule, then Retry.',
    });
    expect(setup.queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    expect(setup.org.getRecord('Lead', accepted!)!.Rating).toBe('Hot');
    expect(setup.org.getRecord('Lead', refused!)!.Rating).not.toBe('Cold');
  });

  it('stops only the items writing a field removed from Salesforce, and sends the rest of the batch', async () => {
    const [a, b] = openLeads(2).map((lead) => lead.id);
    await admin(setup.org.url, 'DELETE', 'schema/Lead/fields/Meeting_Link__c');
    const ids = await setup.queue.queue((outbox) => [
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
    expect(setup.queue.row(ids[0]!)).toMatchObject({
      state: 'failed',
      error_code: 'INVALID_FIELD',
      error_message:
        'The Lead field Meeting_Link__c no longer exists in Salesforce, or Leadbridge’s user cannot see it. Edit the Update channel that writes it, then Retry or Discard.',
    });
    expect(setup.queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    expect(setup.org.getRecord('Lead', b!)!.Title).toBe('Still written');
  });
});
