import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore, syncNow } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';
import { readOrgLeads } from '../../support/org-leads';

const DAY = 24 * 60 * 60_000;

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

/** Log entries as the renderer is told of them. */
let announced: LogEntry[];

/** The org and the app on one fake clock, so Recycle Bin ages and stamps agree. */
async function start(leads: number): Promise<void> {
  const clock = new FakeClock();
  org = await startDemoOrg({ leads, seed: 'reconcile-test', now: () => clock.now() });
  harness = await createConnectedCore(org, clock);
  announced = [];
  harness.core.events.subscribe((message) => {
    if (message.event === 'log:appended') announced.push(message.payload);
  });
  await syncNow(core());
}
afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

async function reconcileNow() {
  core().sync.requestReconcile();
  await core().sync.idle();
  return core().sync.status();
}

const cachedIds = () =>
  new Set(
    core()
      .leads.search('', 500, 0)
      .leads.map((lead) => lead.id),
  );
const logOf = (kind: string) => core().log.list({ limit: 1000, kinds: [kind] }).entries;
const kindsOf = (leadId: string) =>
  core()
    .leads.timeline(leadId)!
    .changes.map((change) => change.kind);

async function expectCacheHoldsOrgLeads(): Promise<void> {
  const inOrg = await readOrgLeads(org, ['Id', 'SystemModstamp']);
  expect(cachedIds()).toEqual(new Set(inOrg.keys()));
}

describe('reconciliation against the demo org', () => {
  it('finds a transaction that committed later than the overlap, which syncs never see', async () => {
    await start(300);
    // Moves the watermark to now: the late commit below is then older than watermark − 2 min.
    const [first] = core().leads.search('', 1, 0).leads;
    org.updateRecord('Lead', first!.id, { Lead_Score__c: 12 });
    await syncNow(core());
    org.injectFault('late-commit', { ms: 10 * 60_000 });
    await syncNow(core());
    await syncNow(core());
    expect(logOf('lead.created')).toHaveLength(0);

    const status = await reconcileNow();
    expect(status.lastReconcile).toMatchObject({ orgLeads: 301, missing: 1, stale: 0, gone: 0 });
    expect(logOf('lead.created')).toHaveLength(1);
    expect(logOf('sync.reconciled')[0]?.details).toMatchObject({ missing: 1 });
    await expectCacheHoldsOrgLeads();
  });

  it('records a deletion that committed later than the overlap as deleted, from the Recycle Bin, not as removed', async () => {
    await start(300);
    const [first, lead] = core().leads.search('', 2, 0).leads;
    org.updateRecord('Lead', first!.id, { Lead_Score__c: 12 });
    await syncNow(core());
    // A deleting transaction that began ten minutes ago commits now: stamped before watermark − 2 min.
    const now = harness.clock.time;
    harness.clock.time = now - 10 * 60_000;
    org.deleteRecord('Lead', lead!.id);
    harness.clock.time = now;
    await syncNow(core());
    expect(core().leads.timeline(lead!.id)!.lead.isDeleted).toBe(false);

    announced.length = 0;
    const status = await reconcileNow();
    expect(status.lastReconcile).toMatchObject({ gone: 1, removed: 0 });
    expect(status.cachedLeads).toBe(299);
    expect(kindsOf(lead!.id)).toEqual(['deleted']);
    expect(core().leads.timeline(lead!.id)!.lead.isDeleted).toBe(true);
    expect(logOf('lead.removed')).toEqual([]);
    // As written (a page read later also names the cached Lead: leadName).
    expect(announced.filter((entry) => entry.kind.startsWith('lead.'))).toEqual(
      logOf('lead.deleted').map(({ leadName: _name, ...written }) => written),
    );
  });

  it('removes a Lead no longer shared with the user, and fetches it once shared again', async () => {
    await start(300);
    // The least recently modified Lead: far behind the watermark and its overlap.
    const lead = core().leads.search('', 300, 0).leads.at(-1);
    org.setVisible(lead!.id, false);
    await syncNow(core());
    expect(cachedIds().has(lead!.id)).toBe(true);

    const hidden = await reconcileNow();
    expect(hidden.lastReconcile).toMatchObject({ gone: 1, removed: 1, missing: 0 });
    expect(cachedIds().has(lead!.id)).toBe(false);
    expect(hidden.cachedLeads).toBe(299);
    expect(logOf('lead.removed').map((entry) => entry.subject)).toEqual([lead!.id]);

    org.setVisible(lead!.id, true);
    await syncNow(core());
    expect(cachedIds().has(lead!.id)).toBe(false);
    const shown = await reconcileNow();
    expect(shown.lastReconcile).toMatchObject({ missing: 1, removed: 0 });
    expect(cachedIds().has(lead!.id)).toBe(true);
    await expectCacheHoldsOrgLeads();
  });

  it('fetches every Lead it found missing when the org answers an Id list in several pages', async () => {
    await start(300);
    const hidden = core().leads.search('', 300, 0).leads.slice(-5);
    for (const lead of hidden) org.setVisible(lead.id, false);
    expect((await reconcileNow()).lastReconcile).toMatchObject({ removed: 5 });
    for (const lead of hidden) org.setVisible(lead.id, true);
    // Salesforce may page a query in fewer rows than asked: here fewer than the Id list holds.
    org.settings.maxQueryBatch = 2;
    const shown = await reconcileNow();
    org.settings.maxQueryBatch = 2_000;
    expect(shown.state).toBe('idle');
    expect(shown.lastReconcile).toMatchObject({ missing: 5, removed: 0 });
    await expectCacheHoldsOrgLeads();
  });

  it('removes a Lead deleted and purged before any sync saw it, and forgets deletions older than the Recycle Bin', async () => {
    await start(300);
    const [purged, deleted] = core().leads.search('', 2, 0).leads;
    org.deleteRecord('Lead', deleted!.id);
    await syncNow(core());
    expect(core().leads.timeline(deleted!.id)?.lead.isDeleted).toBe(true);
    org.deleteRecord('Lead', purged!.id);
    org.emptyRecycleBin([purged!.id]);

    const first = await reconcileNow();
    expect(first.lastReconcile).toMatchObject({ gone: 1, removed: 1, expired: 0 });
    expect(core().leads.timeline(purged!.id)).toBeUndefined();

    // Sixteen days on, the scheduled syncs have run the daily reconciliation by themselves.
    harness.clock.advance(16 * DAY);
    await core().sync.idle();
    expect(logOf('sync.reconciled').map((entry) => entry.details.expired)).toContain(1);
    expect(core().leads.timeline(deleted!.id)).toBeUndefined();
  });

  it('records a merge as lead.merged with the surviving Lead, not as a plain deletion', async () => {
    await start(300);
    const [master, loser] = core().leads.search('', 2, 0).leads;
    org.mergeLeads(master!.id, [loser!.id], { Lead_Score__c: 99 });
    await syncNow(core());
    expect(kindsOf(loser!.id)).toEqual(['merged']);
    expect(core().leads.timeline(loser!.id)!.changes[0]).toMatchObject({
      field: 'MasterRecordId',
      newValue: master!.id,
    });
    const [entry] = logOf('lead.merged');
    expect(entry).toMatchObject({ subject: loser!.id, details: { masterRecordId: master!.id } });
    expect(logOf('lead.deleted')).toHaveLength(0);
    expect(core().leads.timeline(master!.id)!.lead.fields.Lead_Score__c).toBe(99);
  });

  it('records a conversion as one lead.converted with its ids and marks the Lead converted', async () => {
    await start(300);
    const [lead] = core().leads.search('', 1, 0).leads;
    const converted = org.convertLead(lead!.id);
    await syncNow(core());
    const { changes, lead: cached } = core().leads.timeline(lead!.id)!;
    expect(changes.map((change) => change.kind)).toEqual(['converted']);
    expect(changes[0]!.newValue).toEqual({
      contactId: converted.contactId,
      accountId: converted.accountId,
      opportunityId: converted.opportunityId,
    });
    expect(cached).toMatchObject({ isConverted: true, status: 'Closed - Converted' });
    expect(core().leads.search(lead!.id, 1, 0).leads[0]?.isConverted).toBe(true);
    expect(logOf('lead.changed')).toHaveLength(0);
    expect(logOf('lead.converted')[0]?.details).toMatchObject({
      contactId: converted.contactId,
    });
  });

  it('compares 10,000 Leads in 5 API calls, and 250 gone in 2 more', async () => {
    await start(10_000);
    org.clearRequests();
    const status = await reconcileNow();
    expect(status.lastReconcile).toMatchObject({
      orgLeads: 10_000,
      missing: 0,
      stale: 0,
      gone: 0,
      apiCalls: 5,
    });
    // The sync before it: one queryAll.
    expect(org.requests()).toHaveLength(6);

    // 250 Leads no longer shared: two queryAll calls (200 Ids each) confirm they are gone.
    for (const lead of core().leads.search('', 250, 0).leads) org.setVisible(lead.id, false);
    const drifted = await reconcileNow();
    expect(drifted.lastReconcile).toMatchObject({ gone: 250, removed: 250, apiCalls: 7 });
    expect(drifted.cachedLeads).toBe(9_750);
  });
});
