// Orgs with hundreds of long-named custom Lead fields: every field syncs although one query
// cannot name them all (Salesforce answers 414 past 16,384 bytes of URI), at a measured cost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';

const CUSTOM_FIELDS = 800;
/** Just over one page of 2,000, so the import joins a full page and a following one. */
const LEADS = 2050;
/** 40 characters, the longest API name Salesforce allows a custom field. */
const fieldName = (i: number) =>
  `Regional_Qualification_Notes_${String(i).padStart(4, '0')}_XYZ__c`;
const names = Array.from({ length: CUSTOM_FIELDS }, (_, i) => fieldName(i));

let org: DemoOrgHandle;
let orgNow: number;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

/** A wide org of `leads` Leads, and a core signed in to it. */
async function setUp(leads: number): Promise<void> {
  orgNow = Date.now();
  org = await startDemoOrg({ leads, seed: 'wide-leads', now: () => orgNow });
  const added = await fetch(`${org.url}/__admin/schema/Lead/fields`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      fields: names.map((name, i) => ({ name, type: i % 2 === 0 ? 'string' : 'double' })),
    }),
  });
  expect(added.status).toBe(201);
  // On the org's clock: whether a re-listed Lead has settled compares the two.
  harness = await createConnectedCore(org, new FakeClock(orgNow));
}

beforeEach(() => setUp(LEADS));
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

const valueFor = (i: number, round: number) => (i % 2 === 0 ? `note ${i} r${round}` : i + round);
const allValues = (round: number) =>
  Object.fromEntries(names.map((name, i) => [name, valueFor(i, round)]));

/** Distinct SELECT lists among the query calls made so far: how many chunks a Lead needs. */
function selectLists(): Set<string> {
  const lists = new Set<string>();
  for (const request of org.requests()) {
    const soql = new URLSearchParams(request.query ?? '').get('q') ?? '';
    const select = /^SELECT (.*) FROM Lead/.exec(soql)?.[1];
    if (select && select.includes('__c')) lists.add(select);
  }
  return lists;
}

describe('a Lead with 800 long-named custom fields', () => {
  it('syncs every field on import and incremental sync, and counts the API calls', async () => {
    const leadIds = (
      (await (await fetch(`${org.url}/__admin/leads?limit=200`)).json()) as {
        leads: { Id: string }[];
      }
    ).leads.map((lead) => lead.Id);
    const filled = leadIds.slice(0, 20);
    for (const id of filled) org.updateRecord('Lead', id, allValues(1));

    org.clearRequests();
    const imported = await syncNow(core());
    expect(imported.state, imported.message ?? '').toBe('idle');
    expect(imported.cachedLeads).toBe(LEADS);
    const chunks = selectLists().size;
    expect(org.requests().every((r) => r.status === 200)).toBe(true);
    expect(
      Math.max(...org.requests().map((r) => r.path.length + (r.query ?? '').length)),
    ).toBeLessThan(16_384);
    // describe + newest stamp + COUNT(), then per page (2,000 leads) one query per chunk.
    const importPages = Math.ceil(LEADS / 2000);
    expect(imported.lastRun?.apiCalls).toBe(3 + importPages * chunks);

    for (const { id } of core().leads.search('', 5000, 0).leads) {
      const fields = core().leads.timeline(id)!.lead.fields;
      // One assertion per Lead: 1.6 million of them took most of this test's time.
      expect(
        names.filter((name) => !(name in fields)),
        `fields ${id} lacks`,
      ).toEqual([]);
    }
    const customValues = (fields: Record<string, unknown>) => names.map((name) => fields[name]);
    for (const id of filled) {
      const cached = core().leads.timeline(id)!.lead.fields;
      expect(customValues(cached)).toEqual(customValues(org.getRecord('Lead', id)!));
    }

    // Edits touching the first, a middle and the last custom field, seconds apart: each a
    // timing event.
    const [a, b, c] = filled;
    orgNow += 1000;
    org.updateRecord('Lead', a!, { [names[0]!]: 'first changed' });
    orgNow += 1000;
    org.updateRecord('Lead', b!, { [names[401]!]: 9999 });
    orgNow += 1000;
    org.updateRecord('Lead', c!, { [names[799]!]: null, Status: 'Working - Contacted' });
    org.clearRequests();
    const incremental = await syncNow(core());
    expect(incremental.state, incremental.message ?? '').toBe('idle');
    // One leading query, then one query per other chunk for the page it returned.
    expect(incremental.lastRun?.apiCalls).toBe(chunks);
    const events = (id: string) =>
      core()
        .leads.timeline(id)!
        .changes.map((change) => [change.field, change.newValue]);
    expect(events(a!)).toEqual([[names[0], 'first changed']]);
    expect(events(b!)).toEqual([[names[401], 9999]]);
    expect(events(c!)).toEqual(
      expect.arrayContaining([
        [names[799], null],
        ['Status', 'Working - Contacted'],
      ]),
    );

    // The overlap lists those leads again on every poll; once a whole read has confirmed them
    // after the overlap, only the leading query is asked again.
    harness.clock.time = orgNow + 3 * 60_000;
    const settling = await syncNow(core());
    expect(settling.lastRun).toMatchObject({ apiCalls: chunks, changes: 0 });
    const idle = await syncNow(core());
    expect(idle.lastRun).toMatchObject({ apiCalls: 1, changes: 0 });

    console.log(
      `[figures] ${CUSTOM_FIELDS} custom Lead fields (40-character names) → ${chunks} SELECT lists; ` +
        `import of ${LEADS} leads: ${imported.lastRun?.apiCalls} API calls; ` +
        `incremental sync with 3 edited leads: ${incremental.lastRun?.apiCalls} API calls; ` +
        `the next sync within the overlap: ${settling.lastRun?.apiCalls}; ` +
        `idle incremental sync: ${idle.lastRun?.apiCalls} API call`,
    );
  }, 180_000);

  it('imports an org with no Leads yet, whose Leads take several queries', async () => {
    harness.core.dispose();
    await org.close();
    await setUp(0);
    const imported = await syncNow(core());
    expect(imported.state).toBe('idle');
    expect(imported.cachedLeads).toBe(0);
  });

  it('resumes an interrupted import after the last committed lead, with every field', async () => {
    org.injectFault('malformed-json', { times: 1, match: '/query/' }); // the second page
    const failed = await syncNow(core());
    expect(failed.state).toBe('error');
    expect(failed.cachedLeads).toBe(2000);

    org.clearFaults();
    org.clearRequests();
    const resumed = await syncNow(core());
    expect(resumed.state, resumed.message ?? '').toBe('idle');
    expect(resumed.cachedLeads).toBe(LEADS);
    const queries = org
      .requests()
      .map((request) => new URLSearchParams(request.query ?? '').get('q') ?? '')
      .filter((soql) => soql.includes('__c'));
    expect(queries.every((soql) => /WHERE Id > '\w+'/.test(soql))).toBe(true);
    for (const { id } of core().leads.search('', 5000, 0).leads) {
      const fields = core().leads.timeline(id)!.lead.fields;
      expect(names.filter((name) => !(name in fields))).toEqual([]);
    }
  }, 120_000);

  it('says clearly that a query was refused as too long when the org answers 414, and logs it as SALESFORCE_QUERY_TOO_LONG', async () => {
    // A proxy in front of an org can lower Salesforce's 16,384-byte limit.
    await fetch(`${org.url}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ maxRequestHeadBytes: 8_000 }),
    });
    const status = await syncNow(core());
    expect(status.state).toBe('error');
    expect(org.requests().some((request) => request.status === 414)).toBe(true);
    expect(status.message).toMatch(/refused a Lead query as too long \(414 URI Too Long\)/);
    const [failed] = core().log.list({ limit: 1, kinds: ['sync.failed'] }).entries;
    expect(failed?.details).toMatchObject({ code: 'SALESFORCE_QUERY_TOO_LONG' });
  });
});
