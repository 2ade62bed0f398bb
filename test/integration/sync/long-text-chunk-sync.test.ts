// A field chunk that Salesforce sends in smaller pages than the leading query: a SELECT naming
// two or more long-text custom fields gets at most 200 rows a page, whatever the batch size.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';

/** Enough for a leading page of 250 rows and a long-text chunk of 200 + 50. */
const LEADS = 250;
/** Long names push the two long-text fields out of the leading query into a chunk of their own. */
const names = Array.from(
  { length: 500 },
  (_, i) => `Regional_Qualification_Notes_${String(i).padStart(4, '0')}_XYZ__c`,
);
const longTexts = ['Call_Notes__c', 'Meeting_Notes__c'];

let org: DemoOrgHandle;
/** The org's and the app's: whether a re-listed Lead has settled compares the two. */
let clock: FakeClock;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  org = await startDemoOrg({ leads: LEADS, seed: 'long-text', now: () => clock.now() });
  const added = await fetch(`${org.url}/__admin/schema/Lead/fields`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      fields: [
        ...names.map((name) => ({ name, type: 'string' })),
        ...longTexts.map((name) => ({ name, type: 'textarea', length: 32_000 })),
      ],
    }),
  });
  expect(added.status).toBe(201);
  harness = await createConnectedCore(org, clock);
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

const soqlOf = (query: string | undefined) => new URLSearchParams(query ?? '').get('q') ?? '';
/** Calls for a query's following page (nextRecordsUrl). */
const nextPageCalls = () =>
  org.requests().filter((request) => /\/query\/[^/?]+-\d+$/.test(request.path));
async function orgLeadIds(): Promise<string[]> {
  const response = await fetch(`${org.url}/__admin/leads?limit=${LEADS}`);
  return ((await response.json()) as { leads: { Id: string }[] }).leads.map((lead) => lead.Id);
}

describe('a Lead chunk with two long-text fields', () => {
  it('is read whole across its pages, without reading any Lead again by Id', async () => {
    const leadIds = await orgLeadIds();
    for (const id of leadIds) org.updateRecord('Lead', id, { Call_Notes__c: `notes of ${id}` });

    org.clearRequests();
    const imported = await syncNow(core());
    expect(imported.state, imported.message ?? '').toBe('idle');
    expect(imported.cachedLeads).toBe(LEADS);
    const requests = org.requests();
    // The long-text chunk came in two pages, and its second page was followed.
    expect(nextPageCalls()).toHaveLength(1);
    expect(requests.filter((request) => soqlOf(request.query).includes(' IN ('))).toEqual([]);
    for (const id of leadIds) {
      expect(core().leads.timeline(id)!.lead.fields.Call_Notes__c).toBe(`notes of ${id}`);
    }
  }, 120_000);

  it('reads a Lead saved again in the second the import read it whole on the first sync after', async () => {
    const [id] = await orgLeadIds();
    org.updateRecord('Lead', id!, { Call_Notes__c: 'as imported' });
    await syncNow(core());
    // Same second, same SystemModstamp: only the Lead's other chunk tells the versions apart.
    org.updateRecord('Lead', id!, { Call_Notes__c: 'saved again' });
    await syncNow(core());
    expect(core().leads.timeline(id!)!.lead.fields.Call_Notes__c).toBe('saved again');
  });

  it('reads a Lead committed late into a mass-updated second alone, not the whole second again', async () => {
    await syncNow(core());
    const massUpdate = clock.time;
    for (const id of await orgLeadIds()) org.updateRecord('Lead', id, { Call_Notes__c: 'mass' });
    // Read whole once the overlap has passed: the mass update has settled.
    clock.time = massUpdate + 3 * 60_000;
    await syncNow(core());

    org.injectFault('late-commit', { ms: 3 * 60_000, match: '/queryAll' });
    org.clearRequests();
    const status = await syncNow(core());
    expect(status.lastRun).toMatchObject({ records: 1, changes: 1 });
    // Its long-text chunk fits one page: the 250 settled Leads of its second are not read.
    expect(nextPageCalls()).toEqual([]);
  });
});
