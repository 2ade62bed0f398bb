// Salesforce ("Change the Batch Size in Queries"): a query selecting two or more long-text
// custom fields returns at most 200 records a page, whatever batch size was asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 450, seed: 'long-text-pages' });
  token = org.issueSession().access_token;
  const added = await fetch(`${org.url}/__admin/schema/Lead/fields`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      fields: [
        { name: 'Call_Notes__c', type: 'textarea', length: 32_000 },
        { name: 'Meeting_Notes__c', type: 'textarea', length: 32_000 },
        { name: 'Short_Note__c', type: 'textarea', length: 255 },
      ],
    }),
  });
  expect(added.status).toBe(201);
});
afterAll(async () => {
  await org.close();
});

async function firstPageSize(select: string, batchSize?: number): Promise<number> {
  const res = await fetch(
    `${org.url}/services/data/v62.0/query?q=${encodeURIComponent(`SELECT ${select} FROM Lead`)}`,
    {
      headers: {
        authorization: `Bearer ${token}`,
        ...(batchSize ? { 'sforce-query-options': `batchSize=${batchSize}` } : {}),
      },
    },
  );
  const body = (await res.json()) as { records: unknown[]; done: boolean; totalSize: number };
  expect(body.totalSize).toBe(450);
  return body.records.length;
}

describe('query pages of long-text custom fields', () => {
  it('holds at most 200 rows when two or more long-text custom fields are selected', async () => {
    expect(await firstPageSize('Id, Call_Notes__c, Meeting_Notes__c')).toBe(200);
    expect(await firstPageSize('Id, Call_Notes__c, Meeting_Notes__c', 2000)).toBe(200);
  });

  it('keeps the asked-for size with one long-text custom field, or short and standard ones', async () => {
    expect(await firstPageSize('Id, Call_Notes__c')).toBe(450);
    expect(await firstPageSize('Id, Call_Notes__c, Short_Note__c, Description')).toBe(450);
    expect(await firstPageSize('Id, Call_Notes__c', 300)).toBe(300);
  });
});

describe('query pages with fewer rows than asked', () => {
  it('holds at most the maxQueryBatch setting of rows, whatever batch size was asked', async () => {
    const changed = await fetch(`${org.url}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ maxQueryBatch: 100 }),
    });
    expect(changed.ok).toBe(true);
    try {
      expect(await firstPageSize('Id, Name', 2000)).toBe(100);
      expect(await firstPageSize('Id, Call_Notes__c, Meeting_Notes__c')).toBe(100);
    } finally {
      org.settings.maxQueryBatch = 2_000;
    }
    expect(await firstPageSize('Id, Name')).toBe(450);
  });
});
