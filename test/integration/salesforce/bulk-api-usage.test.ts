// The org's API usage Leadbridge records comes from the Sforce-Limit-Info header of every answer
// (the Connection screen shows it, the scheduler paces by it), Bulk API 2.0 result sets included:
// they are read raw (CSV kept as text), outside jsforce's `connection.request`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BulkQueryClient } from '../../../src-main/core/salesforce/bulk-query-client';
import { SalesforceConnection } from '../../../src-main/core/salesforce/salesforce-connection';
import { SessionRefresher } from '../../../src-main/core/salesforce/session-refresher';
import { SessionVault } from '../../../src-main/core/salesforce/session-vault';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { secretsSignedInTo } from '../../support/connected-core';
import { FakeClock } from '../../support/fake-clock';
import { until } from '../../support/poll-until';

let org: DemoOrgHandle;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 30, seed: 'bulk-api-usage' });
});
afterAll(async () => org.close());

async function setOrgUsage(used: number): Promise<void> {
  await fetch(`${org.url}/__admin/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiUsage: used }),
  });
}

it('records the API usage a Bulk API result set reports, as it does for every other call', async () => {
  const vault = new SessionVault(
    await secretsSignedInTo(org.url, org.issueSession({ refreshToken: true })),
  );
  const clock = new FakeClock();
  const salesforce = new SalesforceConnection(vault, new SessionRefresher(vault, clock), clock);
  const bulk = new BulkQueryClient(salesforce, clock);
  const { id } = await bulk.create('SELECT Id FROM Lead', 'query');
  await until(
    'the job to complete',
    async () => (await bulk.job(id)).state === 'JobComplete' || undefined,
    10_000,
  );

  await setOrgUsage(5_000);
  const set = await bulk.results(id, null, 10);
  expect(set.records).toBe(10);
  // The read itself is the 5,001st call of the day.
  expect(salesforce.record().apiUsage).toMatchObject({ used: 5_001 });
  expect(org.requests().at(-1)?.path).toMatch(/\/results$/);
});
