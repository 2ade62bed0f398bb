import { describe, expect, it } from 'vitest';
import type { FaultKind } from '../../../src-main/demo-org/faults';
import { channelCause, key, useConnectedOutbox } from '../../support/outbox-fixture';

// The error kinds of issue 11 that outbox-worker.test.ts and owner-routing.test.ts do not
// inject already, each through the demo org, each in a call with a healthy neighbour: the
// right outcome, Salesforce's message with what to do, and the neighbour's write not lost.

// A stalled answer is given up on after a second here (two minutes in the app).
const setup = useConnectedOutbox(
  { leads: 50, seed: 'writeback-error-kinds' },
  {
    salesforceCallLimits: { timeoutMs: 1000, retryDelayMs: 10 },
  },
);
const core = () => setup.harness.core;

function openLeads(count: number): string[] {
  return core()
    .leads.search('', 100, 0)
    .leads.filter((lead) => !lead.isConverted)
    .sort((a, b) => a.id.localeCompare(b.id))
    .slice(0, count)
    .map((lead) => lead.id);
}

/** Queues one Lead update per entry in one transaction, its basis the cached Lead. */
function updates(writes: [leadId: string, values: Record<string, unknown>][]): Promise<number[]> {
  return setup.queue.queue((outbox) =>
    writes.map(([leadId, values]) => {
      const cached = core().leads.timeline(leadId)!.lead.fields;
      return outbox.enqueueLeadUpdate({
        leadId,
        values,
        basis: Object.fromEntries(Object.keys(values).map((f) => [f, cached[f] ?? null])),
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key('error-kinds'),
      });
    }),
  );
}

function creates(
  object: 'Task' | 'Event',
  entries: [leadId: string, values: Record<string, unknown>][],
): Promise<number[]> {
  return setup.queue.queue((outbox) =>
    entries.map(([leadId, values]) =>
      outbox.enqueueCreate({
        object,
        leadId,
        values,
        cause: channelCause,
        instanceId: null,
        idempotencyKey: key('error-kinds'),
      }),
    ),
  );
}

/** How often the org saved each record (updated or created with it as WhoId). */
const updatedTimes = (leadId: string) =>
  setup.org
    .requests()
    .flatMap((request) => request.writes?.updated ?? [])
    .filter((id) => id === leadId).length;

async function retryDue(): Promise<void> {
  setup.harness.clock.advance(60_000);
  await core().outboxWorker.idle();
}

describe('write-back error kinds injected through the demo org', () => {
  it.each<[FaultKind, string, RegExp]>([
    ['503-html', 'SALESFORCE_UNAVAILABLE', /temporarily unavailable.+try again\.$/],
    ['stall', 'SALESFORCE_TIMEOUT', /did not finish answering.+try again/],
    ['malformed-json', 'SALESFORCE_ANSWER_UNREADABLE', /could not read.+try again\.$/],
  ])(
    'retries a whole write call hit by %s with backoff (%s), then writes each Lead of it once',
    async (fault, code, message) => {
      const [a, b] = openLeads(2);
      setup.org.injectFault(fault, { match: 'composite' });
      const ids = await updates([
        [a!, { Title: `Head of Ops (${fault})` }],
        [b!, { Title: `Head of Sales (${fault})` }],
      ]);
      for (const id of ids) {
        expect(setup.queue.row(id)).toMatchObject({
          state: 'pending',
          attempts: 1,
          error_code: code,
        });
        expect(String(setup.queue.row(id).error_message)).toMatch(message);
      }
      await retryDue();
      expect(ids.map((id) => setup.queue.row(id).state)).toEqual(['sent', 'sent']);
      expect(setup.org.getRecord('Lead', a!)).toMatchObject({ Title: `Head of Ops (${fault})` });
      expect(setup.org.getRecord('Lead', b!)).toMatchObject({ Title: `Head of Sales (${fault})` });
      expect([updatedTimes(a!), updatedTimes(b!)]).toEqual([1, 1]);
    },
  );

  it('stops a call Salesforce answers with a 500 with its message, and Retry writes each Lead once', async () => {
    const [a, b] = openLeads(2);
    setup.org.injectFault('500', { match: 'composite' });
    const ids = await updates([
      [a!, { Title: 'Head of Ops (500)' }],
      [b!, { Title: 'Head of Sales (500)' }],
    ]);
    for (const id of ids) {
      expect(setup.queue.row(id)).toMatchObject({
        state: 'failed',
        error_code: 'UNKNOWN_EXCEPTION',
      });
      expect(String(setup.queue.row(id).error_message)).toMatch(
        /^Salesforce answered: An unexpected error occurred.+then Retry or Discard it\.$/,
      );
    }
    await core().handlers['outbox:retry']({ itemIds: ids });
    await core().outboxWorker.idle();
    expect(ids.map((id) => setup.queue.row(id).state)).toEqual(['sent', 'sent']);
    expect([updatedTimes(a!), updatedTimes(b!)]).toEqual([1, 1]);
  });

  it('renews an expired session and writes at once, without a failed attempt', async () => {
    const [a] = openLeads(1);
    setup.org.expireSessions();
    const [id] = await updates([[a!, { Rating: 'Cold' }]]);
    expect(setup.queue.row(id!)).toMatchObject({ state: 'sent', attempts: 1, error_code: null });
    expect(setup.org.getRecord('Lead', a!)).toMatchObject({ Rating: 'Cold' });
  });

  it('fails an owner that is not a User with FIELD_INTEGRITY_EXCEPTION and what to do, and writes the other Lead', async () => {
    const [a, b, notAUser] = openLeads(3);
    const ids = await updates([
      [a!, { OwnerId: notAUser }],
      [b!, { Rating: 'Hot' }],
    ]);
    expect(setup.queue.row(ids[0]!)).toMatchObject({
      state: 'failed',
      error_code: 'FIELD_INTEGRITY_EXCEPTION',
    });
    expect(String(setup.queue.row(ids[0]!).error_message)).toMatch(
      /^Salesforce answered: Owner ID: id value of incorrect type: .+ check the Update channel’s value against the field, then Retry\.$/,
    );
    expect(setup.queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    expect(setup.org.getRecord('Lead', b!)).toMatchObject({ Rating: 'Hot' });
  });

  it('fails clearing a required field with REQUIRED_FIELD_MISSING and what to do, and writes the other Lead', async () => {
    const [a, b] = openLeads(2);
    const company = setup.org.getRecord('Lead', a!)!.Company;
    const ids = await updates([
      [a!, { Company: null }],
      [b!, { Rating: 'Cold' }],
    ]);
    expect(setup.queue.row(ids[0]!)).toMatchObject({
      state: 'failed',
      error_code: 'REQUIRED_FIELD_MISSING',
    });
    expect(String(setup.queue.row(ids[0]!).error_message)).toMatch(
      /^Salesforce answered: .*Company.* add it to the Update channel, then Retry\.$/,
    );
    expect(setup.org.getRecord('Lead', a!)!.Company).toBe(company);
    expect(setup.queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
  });

  it('fails an Event ending before it starts with FIELD_INTEGRITY_EXCEPTION, and creates the other Event', async () => {
    const [a, b] = openLeads(2);
    const ids = await creates('Event', [
      [
        a!,
        {
          Subject: 'Intro call with Alex Host',
          StartDateTime: '2030-01-02T10:00:00.000Z',
          EndDateTime: '2030-01-02T09:00:00.000Z',
        },
      ],
      [
        b!,
        {
          Subject: 'Intro call with Alex Host',
          StartDateTime: '2030-01-02T10:00:00.000Z',
          EndDateTime: '2030-01-02T11:00:00.000Z',
        },
      ],
    ]);
    expect(setup.queue.row(ids[0]!)).toMatchObject({
      state: 'failed',
      error_code: 'FIELD_INTEGRITY_EXCEPTION',
    });
    expect(String(setup.queue.row(ids[0]!).error_message)).toMatch(
      /^Salesforce answered: .+Retry\.$/,
    );
    expect(setup.queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    const created = setup.org.requests().flatMap((request) => request.writes?.created ?? []);
    expect(created).toEqual([setup.queue.row(ids[1]!).result_id]);
  });

  it('retries only the Task whose Lead is locked (UNABLE_TO_LOCK_ROW), creating the other at once and each Task once', async () => {
    const [locked, free] = openLeads(2);
    setup.org.injectFault('unable-to-lock-row', { recordIds: [locked!] });
    const task = { Subject: 'Intro call: invite sent', Status: 'Completed', TaskSubtype: 'Email' };
    const ids = await creates('Task', [
      [locked!, task],
      [free!, task],
    ]);
    expect(setup.queue.row(ids[0]!)).toMatchObject({
      state: 'pending',
      error_code: 'UNABLE_TO_LOCK_ROW',
    });
    expect(String(setup.queue.row(ids[0]!).error_message)).toMatch(
      /unable to obtain exclusive access/,
    );
    expect(setup.queue.row(ids[1]!)).toMatchObject({ state: 'sent' });
    await retryDue();
    expect(setup.queue.row(ids[0]!)).toMatchObject({ state: 'sent', attempts: 2 });
    const created = setup.org.requests().flatMap((request) => request.writes?.created ?? []);
    expect(created.sort()).toEqual(ids.map((id) => String(setup.queue.row(id).result_id)).sort());
  });
});
