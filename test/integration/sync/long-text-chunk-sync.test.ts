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
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  const orgNow = Date.now();
  org = await startDemoOrg({ leads: LEADS, seed: 'long-text', now: () => orgNow });
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
  harness = await createConnectedCore(org, new FakeClock(orgNow));
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

const soqlOf = (query: string | undefined) => new URLSearchParams(query ?? '').get('q') ?? '';

describe('a Lead chunk with two long-text fields', () => {
  it('is read whole across its pages, without reading any Lead again by Id', async () => {
    const leadIds = (
      (await (await fetch(`${org.url}/__admin/leads?limit=${LEADS}`)).json()) as {
        leads: { Id: string }[];
      }
    ).leads.map((lead) => lead.Id);
    for (const id of leadIds) org.updateRecord('Lead', id, { Call_Notes__c: `notes of ${id}` });

    org.clearRequests();
    const imported = await syncNow(core());
    expect(imported.state, imported.message ?? '').toBe('idle');
    expect(imported.cachedLeads).toBe(LEADS);
    const requests = org.requests();
    // The long-text chunk came in two pages, and its second page was followed.
    expect(requests.filter((request) => /\/query\/[^/?]+-\d+$/.test(request.path))).toHaveLength(1);
    expect(requests.filter((request) => soqlOf(request.query).includes(' IN ('))).toEqual([]);
    for (const id of leadIds) {
      expect(core().leads.timeline(id)!.lead.fields.Call_Notes__c).toBe(`notes of ${id}`);
    }
  }, 120_000);
});
