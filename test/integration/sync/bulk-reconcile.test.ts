// Reconciliation in a large org lists every Lead Id by one Bulk API 2.0 query job instead of
// REST pages, and finds the same drift.
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { createConnectedCore } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';
import { readOrgLeads } from '../../support/org-leads';

const LEADS = 1_200;

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>>;
const core = () => harness.core;

afterEach(async () => {
  harness.core.dispose();
  await org.close();
});

/** Runs the sync (or reconcile) the core was asked for, letting its clock pass while it polls. */
async function settle(): Promise<void> {
  let idle = false;
  const done = core()
    .sync.idle()
    .then(() => (idle = true));
  while (!idle) {
    harness.clock.advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await done;
}

async function start(threshold: number): Promise<void> {
  const clock = new FakeClock();
  org = await startDemoOrg({ leads: LEADS, seed: 'bulk-reconcile', now: () => clock.now() });
  harness = await createConnectedCore(org, clock);
  await core().handlers['settings:update']({ bulkImportThreshold: threshold });
  core().sync.requestSync();
  await settle();
}

const listingCalls = () => ({
  bulkJobs: org.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/jobs/query'))
    .length,
  restListing: org
    .requests()
    .filter(
      (r) =>
        r.path.endsWith('/query') &&
        decodeURIComponent(r.query).includes('SELECT Id, SystemModstamp FROM Lead ORDER BY Id'),
    ).length,
});

async function reconcileWithDrift() {
  // A transaction committing later than the overlap: syncs never see it, reconciliation must.
  const [first] = core().leads.search('', 1, 0).leads;
  org.updateRecord('Lead', first!.id, { Lead_Score__c: 12 });
  core().sync.requestSync();
  await settle();
  org.injectFault('late-commit', { ms: 10 * 60_000 });
  for (let run = 0; run < 2; run += 1) {
    core().sync.requestSync();
    await settle();
  }
  org.clearRequests();
  core().sync.requestReconcile();
  await settle();
  return core().sync.status().lastReconcile;
}

describe('reconciliation by Bulk API 2.0', () => {
  it('lists the Ids of an org at the threshold with one Bulk job and finds the drift', async () => {
    await start(1_000);
    const report = await reconcileWithDrift();
    expect(report).toMatchObject({ orgLeads: LEADS + 1, missing: 1, stale: 0, gone: 0 });
    expect(listingCalls()).toEqual({ bulkJobs: 1, restListing: 0 });
    const inOrg = await readOrgLeads(org, ['Id']);
    expect(core().leads.search('', 1, 0).total).toBe(inOrg.size);
  });

  it('lists them by REST below the threshold, with the same report', async () => {
    await start(LEADS + 100);
    const report = await reconcileWithDrift();
    expect(report).toMatchObject({ orgLeads: LEADS + 1, missing: 1, stale: 0, gone: 0 });
    expect(listingCalls()).toEqual({ bulkJobs: 0, restListing: 1 });
  });
});
