// Formula fields change without an edit and without a SystemModstamp change: what they show
// is refreshed in the cache with the next version of a Lead, but never reported as an edit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, syncNow } from '../../support/connected-core';

let org: DemoOrgHandle;
let orgNow: number;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

beforeEach(async () => {
  // Two minutes before midnight (UTC): the day count of every lead moves once it passes.
  orgNow = Date.parse('2026-11-22T23:58:00.000Z');
  org = await startDemoOrg({ leads: 40, seed: 'formulas', now: () => orgNow });
  harness = await createConnectedCore(org);
});
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

describe('formula fields', () => {
  it('never turn into timing events, and the cache takes their fresh value with the next edit', async () => {
    expect((await syncNow(core())).state).toBe('idle');
    const [lead, untouched] = core().leads.search('', 2, 0).leads;
    const before = core().leads.timeline(lead!.id)!.lead.fields;
    expect(before.Days_Since_Created__c).toEqual(expect.any(Number));
    expect(before.Owner_Full_Name__c).toEqual(expect.any(String));

    // Midnight passes and the owner is renamed: both formulas move, no Lead is saved.
    orgNow += 5 * 60_000;
    org.updateRecord('User', String(before.OwnerId), { LastName: 'Renamed' });
    // Then an unrelated edit saves the lead (new SystemModstamp), so the sync reads it again.
    org.updateRecord('Lead', lead!.id, { Rating: before.Rating === 'Hot' ? 'Cold' : 'Hot' });

    const status = await syncNow(core());
    expect(status.state, status.message ?? '').toBe('idle');
    const { lead: after, changes } = core().leads.timeline(lead!.id)!;
    expect(changes.map((change) => change.field)).toEqual(['Rating']);
    expect(after.fields.Days_Since_Created__c).toBe(Number(before.Days_Since_Created__c) + 1);
    expect(after.fields.Owner_Full_Name__c).toMatch(/ Renamed$/);
    expect(core().leads.timeline(untouched!.id)!.changes).toEqual([]);
    expect(
      core()
        .log.list({ limit: 100, kinds: ['lead.changed'] })
        .entries.map((entry) => entry.details.field),
    ).toEqual(['Rating']);
  });
});
