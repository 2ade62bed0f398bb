import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { readOrgLeads } from '../../support/org-leads';

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 4500, seed: 'sync-test' });
  harness = await createConnectedCore(org);
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

const COMPARED = [
  'Id',
  'Name',
  'Email',
  'Company',
  'Status',
  'LeadSource',
  'Lead_Score__c',
  'SystemModstamp',
];

/** The cache holds exactly the org's live leads, field for field. */
async function expectCacheMatchesOrg(): Promise<void> {
  const inOrg = await readOrgLeads(org, COMPARED);
  const cached = core().leads.search('', 500, 0).total;
  expect(cached).toBe(inOrg.size);
  for (const [id, values] of inOrg) {
    const timeline = core().leads.timeline(id);
    expect(timeline, `lead ${id} missing from the cache`).toBeDefined();
    for (const field of COMPARED) expect(timeline!.lead.fields[field]).toEqual(values[field]);
  }
}

/** Creates a Lead as someone in Salesforce would (stamped now, unlike seeded history). */
async function createLeadAsUser(values: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${org.url}/__admin/sobjects/Lead`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(values),
  });
  return ((await response.json()) as { id: string }).id;
}

const apiPaths = () => org.requests().map((request) => `${request.path}`);
const eventsOf = (kind: string) => core().log.list({ limit: 1000, kinds: [kind] }).entries;

describe('lead sync against the demo org', () => {
  it('imports every lead page by page, then an idle sync costs one API call', async () => {
    const first = await syncNow(core());
    expect(first.state).toBe('idle');
    expect(first.lastRun).toMatchObject({ records: 4500, changes: 0 });
    expect(first.cachedLeads).toBe(4500);
    await expectCacheMatchesOrg();
    expect(eventsOf('lead')).toHaveLength(0);

    org.clearRequests();
    const idle = await syncNow(core());
    expect(idle.lastRun).toMatchObject({ apiCalls: 1, changes: 0 });
    expect(apiPaths()).toEqual([expect.stringContaining('/queryAll')]);
  });

  it('turns an edit, a new lead and a deletion into timing events, once each', async () => {
    await syncNow(core());
    const [first, second] = core().leads.search('', 2, 0).leads;
    org.updateRecord('Lead', first!.id, { Status: 'Working - Contacted', Lead_Score__c: 77 });
    org.deleteRecord('Lead', second!.id);
    const created = await createLeadAsUser({
      LastName: 'Arrival',
      Company: 'Late Ltd',
      Email: 'late@example.com',
    });

    const status = await syncNow(core());
    expect(status.lastRun?.changes).toBeGreaterThanOrEqual(4);
    const { changes } = core().leads.timeline(first!.id)!;
    expect(changes.map((c) => [c.kind, c.field, c.newValue])).toEqual(
      expect.arrayContaining([
        ['changed', 'Status', 'Working - Contacted'],
        ['changed', 'Lead_Score__c', 77],
      ]),
    );
    expect(
      core()
        .leads.timeline(second!.id)!
        .changes.map((c) => c.kind),
    ).toEqual(['deleted']);
    expect(
      core()
        .leads.timeline(created)!
        .changes.map((c) => c.kind),
    ).toEqual(['created']);
    expect(eventsOf('lead.changed').some((entry) => entry.details.field === 'Status')).toBe(true);

    // The next sync looks back over the overlap window and must not record any of it again.
    const again = await syncNow(core());
    expect(again.lastRun?.changes).toBe(0);
    expect(core().leads.timeline(first!.id)!.changes).toHaveLength(changes.length);
    await expectCacheMatchesOrg();
  });

  it('resumes an interrupted import where it stopped', async () => {
    // The second page arrives broken (jsforce itself retries 5xx, so a 503 burst would heal).
    org.injectFault('malformed-json', { times: 1, match: '/query/' });
    const failed = await syncNow(core());
    expect(failed.state).toBe('error');
    expect(failed.message).toMatch(/tries again in 1 minute/);
    const imported = failed.cachedLeads;
    expect(imported).toBe(2000);

    org.clearFaults();
    org.clearRequests();
    const resumed = await syncNow(core());
    expect(resumed.state).toBe('idle');
    const firstQuery = decodeURIComponent(
      org.requests().find((r) => r.path.includes('/query'))!.query ?? '',
    );
    expect(firstQuery).toMatch(/WHERE Id > '/);
    await expectCacheMatchesOrg();
  });

  it('catches a late commit (an older SystemModstamp) through the overlap', async () => {
    await syncNow(core());
    org.injectFault('late-commit', { ms: 60_000 });
    await syncNow(core());
    await syncNow(core());
    await expectCacheMatchesOrg();
    expect(eventsOf('lead.created')).toHaveLength(1);
  });

  it('reports a field renamed in Salesforce and keeps syncing', async () => {
    await syncNow(core());
    const response = await fetch(`${org.url}/__admin/schema/Lead/fields/Lead_Score__c`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Lead_Rating__c' }),
    });
    expect(response.ok).toBe(true);
    const status = await syncNow(core());
    expect(status.state).toBe('idle');
    const [renamed] = eventsOf('schema.field-renamed');
    expect(renamed?.details).toMatchObject({ from: 'Lead_Score__c', to: 'Lead_Rating__c' });
  });
});
