// Reconciliation's list of every Lead Id by one Bulk API 2.0 query job, read set after set
// (50,000 rows a set), in an org just past one set.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/core/ports';
import { SALESFORCE_API_VERSION } from '../../../src-main/core/salesforce/api-version';
import { SalesforceConnection } from '../../../src-main/core/salesforce/salesforce-connection';
import { SessionRefresher } from '../../../src-main/core/salesforce/session-refresher';
import { SessionVault } from '../../../src-main/core/salesforce/session-vault';
import { BulkIdListing, type IdPage } from '../../../src-main/core/sync/bulk-id-listing';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { secretsSignedInTo } from '../../support/connected-core';
import { sleep, until } from '../../support/poll-until';

const LEADS = 50_001;

let org: DemoOrgHandle;
beforeAll(async () => {
  org = await startDemoOrg({ leads: LEADS, seed: 'bulk-id-listing' });
}, 60_000);
afterAll(async () => org.close());
beforeEach(() => {
  org.settings.bulkQueryRunMs = 0;
  org.clearRequests();
});

/** The listing as the core builds it, its threshold at the org's size. */
async function listing(cachedLeads = LEADS): Promise<BulkIdListing> {
  const vault = new SessionVault(
    await secretsSignedInTo(org.url, org.issueSession({ refreshToken: true })),
  );
  const salesforce = new SalesforceConnection(
    vault,
    new SessionRefresher(vault, systemClock),
    systemClock,
  );
  return new BulkIdListing({
    salesforce,
    clock: systemClock,
    threshold: () => LEADS,
    cachedLeads: () => cachedLeads,
  });
}

async function listAll(ids: BulkIdListing): Promise<IdPage[]> {
  const pages: IdPage[] = [];
  for await (const page of ids.pages()) pages.push(page);
  return pages;
}

/** The id of the query job the org is running, once the client polled it. */
const runningJob = () =>
  until('the listing job to be polled', () =>
    org
      .requests()
      .map((request) => /\/jobs\/query\/(\w+)$/.exec(request.path)?.[1])
      .find((id) => id !== undefined),
  );

describe('the Bulk API listing of every Lead Id', () => {
  it('is chosen from the threshold on, not below it', async () => {
    expect((await listing(LEADS)).chosen()).toBe(true);
    expect((await listing(LEADS - 1)).chosen()).toBe(false);
  });

  it('reads every set, each page giving the total the job counted', async () => {
    const pages = await listAll(await listing());
    expect(pages.map((page) => page.records.length)).toEqual([50_000, 1]);
    expect(pages.map((page) => page.totalSize)).toEqual([LEADS, LEADS]);
    const ids = new Set(pages.flatMap((page) => page.records.map((record) => record.Id)));
    expect(ids.size).toBe(LEADS);
  });

  it('fails with the next set that failed while this one was compared, not as an unhandled rejection', async () => {
    // The first set is read as usual, the next one fails while the first is compared.
    org.injectFault('slow', { ms: 1, match: '/results' });
    org.injectFault('request-limit-exceeded', { match: '/results' });
    const pages = (await listing()).pages();
    const first = await pages.next();
    expect(first.value?.records).toHaveLength(50_000);
    await until('the next set to fail', () =>
      org.requests().some((request) => request.status === 403) ? true : undefined,
    );
    await sleep(50);
    await expect(pages.next()).rejects.toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED' });
  });

  it('says the job failed and why, or that it was aborted, and that reconciliation runs again later', async () => {
    org.settings.bulkQueryRunMs = 60_000;
    const failed = listAll(await listing());
    failed.catch(() => undefined);
    await runningJob();
    org.failBulkJobs('Query ran too long');
    await expect(failed).rejects.toMatchObject({
      code: 'BULK_QUERY_FAILED',
      message:
        "The Bulk API query job listing the org's Lead Ids ended as Failed (Query ran too long). Reconciliation will run again later.",
    });

    org.clearRequests();
    const aborted = listAll(await listing());
    aborted.catch(() => undefined);
    const job = await runningJob();
    const { access_token: token } = org.issueSession({ refreshToken: false });
    const abort = await fetch(
      `${org.url}/services/data/v${SALESFORCE_API_VERSION}/jobs/query/${job}`,
      {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ state: 'Aborted' }),
      },
    );
    expect(abort.ok).toBe(true);
    await expect(aborted).rejects.toMatchObject({
      code: 'BULK_QUERY_FAILED',
      message:
        "The Bulk API query job listing the org's Lead Ids ended as Aborted. Reconciliation will run again later.",
    });
  });
});
