// Salesforce's own client library against the demo org's composite family: Composite with
// references and allOrNone, sObject Tree, Composite Batch and the collections retrieve behind
// `sobject(...).retrieve([...])` — written as a user of `@salesforce/core` writes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWithSfCore, type SfCoreOrg } from './sf-core-org';

let sf: SfCoreOrg;
let base: string;

beforeAll(async () => {
  sf = await connectWithSfCore({ leads: 3, seed: 'conformance-composite' });
  base = `/services/data/v${sf.conn.getApiVersion()}`;
});
afterAll(async () => {
  await sf.close();
});

interface SubAnswer {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

async function leadCount(): Promise<number> {
  return (await sf.conn.query('SELECT COUNT() FROM Lead')).totalSize;
}

describe('Composite through @salesforce/core', () => {
  it('creates a Lead and a Task referring to it in one call', async () => {
    const { compositeResponse } = await sf.conn.requestPost<{ compositeResponse: SubAnswer[] }>(
      `${base}/composite`,
      {
        allOrNone: true,
        compositeRequest: [
          {
            method: 'POST',
            url: `${base}/sobjects/Lead`,
            referenceId: 'newLead',
            body: { LastName: 'Ferreira', Company: 'Ferreira Imports' },
          },
          {
            method: 'POST',
            url: `${base}/sobjects/Task`,
            referenceId: 'call',
            body: { Subject: 'Intro call', WhoId: '@{newLead.id}' },
          },
        ],
      },
    );
    expect(compositeResponse.map((a) => [a.referenceId, a.httpStatusCode])).toEqual([
      ['newLead', 201],
      ['call', 201],
    ]);
    const leadId = (compositeResponse[0]?.body as { id: string }).id;
    const tasks = await sf.conn.query<{ Subject: string }>(
      `SELECT Subject FROM Task WHERE WhoId = '${leadId}'`,
    );
    expect(tasks.records.map((t) => t.Subject)).toEqual(['Intro call']);
  });

  it('rolls every write back with allOrNone when one subrequest fails', async () => {
    const before = await leadCount();
    const { compositeResponse } = await sf.conn.requestPost<{ compositeResponse: SubAnswer[] }>(
      `${base}/composite`,
      {
        allOrNone: true,
        compositeRequest: [
          {
            method: 'POST',
            url: `${base}/sobjects/Lead`,
            referenceId: 'good',
            body: { LastName: 'Good', Company: 'Good Co' },
          },
          {
            method: 'POST',
            url: `${base}/sobjects/Lead`,
            referenceId: 'bad',
            body: { LastName: 'Bad' },
          },
        ],
      },
    );
    expect(compositeResponse.map((a) => a.httpStatusCode)).toEqual([400, 400]);
    expect(compositeResponse[0]?.body).toMatchObject([{ errorCode: 'PROCESSING_HALTED' }]);
    expect(compositeResponse[1]?.body).toMatchObject([{ errorCode: 'REQUIRED_FIELD_MISSING' }]);
    expect(await leadCount()).toBe(before);
  });
});

describe('sObject Tree through @salesforce/core', () => {
  it('creates an Account with its Contacts', async () => {
    const result = await sf.conn.requestPost<{
      hasErrors: boolean;
      results: { referenceId: string; id: string }[];
    }>(`${base}/composite/tree/Account`, {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'acct' },
          Name: 'Tree Co',
          Contacts: {
            records: [{ attributes: { type: 'Contact', referenceId: 'ceo' }, LastName: 'Boss' }],
          },
        },
      ],
    });
    expect(result.hasErrors).toBe(false);
    const acct = result.results.find((r) => r.referenceId === 'acct')?.id;
    const contacts = await sf.conn.query<{ LastName: string }>(
      `SELECT LastName FROM Contact WHERE AccountId = '${acct}'`,
    );
    expect(contacts.records.map((c) => c.LastName)).toEqual(['Boss']);
  });
});

describe('Composite Batch through @salesforce/core', () => {
  it('runs independent subrequests, a failure keeping the others', async () => {
    const version = sf.conn.getApiVersion();
    const result = await sf.conn.requestPost<{
      hasErrors: boolean;
      results: { statusCode: number; result: unknown }[];
    }>(`${base}/composite/batch`, {
      batchRequests: [
        {
          method: 'POST',
          url: `v${version}/sobjects/Lead`,
          richInput: { LastName: 'Batch', Company: 'Batch Co' },
        },
        { method: 'POST', url: `v${version}/sobjects/Lead`, richInput: { LastName: 'NoCo' } },
        { method: 'GET', url: `v${version}/query?q=SELECT+Id+FROM+Lead+WHERE+LastName='Batch'` },
      ],
    });
    expect(result.hasErrors).toBe(true);
    expect(result.results.map((r) => r.statusCode)).toEqual([201, 400, 200]);
    expect(result.results[2]?.result).toMatchObject({ totalSize: 1 });
  });
});

describe('collections retrieve through sobject().retrieve()', () => {
  it('answers the records in the order asked, null for an id naming no record', async () => {
    const { records } = await sf.conn.query<{ Id: string; LastName: string }>(
      'SELECT Id, LastName FROM Lead ORDER BY Id LIMIT 2',
    );
    const [first, second] = records;
    const missing = '00QdM000009999ZUAQ';
    const retrieved = await sf.conn
      .sobject('Lead')
      .retrieve([second?.Id ?? '', missing, first?.Id ?? '']);
    expect(retrieved.map((r) => (r === null ? null : [r.Id, r.LastName]))).toEqual([
      [second?.Id, second?.LastName],
      null,
      [first?.Id, first?.LastName],
    ]);
  });

  it('reads only the fields asked for', async () => {
    const { records } = await sf.conn.query<{ Id: string }>('SELECT Id FROM Lead LIMIT 1');
    const id = records[0]?.Id ?? '';
    const [lead] = await sf.conn.sobject('Lead').retrieve([id], { fields: ['Company'] });
    expect(Object.keys(lead ?? {}).sort()).toEqual(['Company', 'attributes']);
  });
});
