// Recently viewed records: `/recent` and the `recentItems` of `/sobjects/<Object>`. Through the
// API only a query FOR VIEW or FOR REFERENCE marks a record, as Salesforce documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leads: { Id: string; Name: string }[];

beforeAll(async () => {
  org = await startDemoOrg({ leads: 6, contacts: 2, seed: 'recent' });
  token = org.issueSession().access_token;
  leads = (await restQuery(org.url, token, 'SELECT Id, Name FROM Lead ORDER BY Id')) as {
    Id: string;
    Name: string;
  }[];
});
afterAll(async () => {
  await org.close();
});

async function get(path: string): Promise<unknown> {
  return (await restCall(org.url, token, 'GET', path)).json();
}

const item = (object: string, record: { Id: string; Name: string }) => ({
  attributes: { type: object, url: `/services/data/v62.0/sobjects/${object}/${record.Id}` },
  Id: record.Id,
  Name: record.Name,
});

describe('recently viewed records', () => {
  it('a record read by id or by a plain query is not marked as viewed', async () => {
    await get(`/sobjects/Lead/${leads[0]?.Id}`);
    await restQuery(org.url, token, 'SELECT Id FROM Lead');
    expect(await get('/recent')).toEqual([]);
  });

  it('a query FOR VIEW marks what it reads, newest first, and stamps LastViewedDate', async () => {
    const [a, b, c] = leads;
    await restQuery(org.url, token, `SELECT Id FROM Lead WHERE Id = '${a?.Id}' FOR VIEW`);
    await restQuery(org.url, token, `SELECT Id FROM Lead WHERE Id IN ('${b?.Id}') FOR VIEW`);
    await restQuery(org.url, token, `SELECT Id FROM Lead WHERE Id = '${c?.Id}' FOR REFERENCE`);
    expect(await get('/recent?limit=2')).toEqual([item('Lead', c!), item('Lead', b!)]);
    expect(await get('/recent')).toEqual([item('Lead', c!), item('Lead', b!), item('Lead', a!)]);
    const [viewed] = await restQuery(
      org.url,
      token,
      `SELECT LastViewedDate, LastReferencedDate FROM Lead WHERE Id = '${a?.Id}'`,
    );
    expect(viewed?.LastViewedDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(viewed?.LastReferencedDate).toBeNull();
  });

  it('GET /sobjects/<Object> lists that object’s recent items; a deleted record drops out', async () => {
    const [contact] = (await restQuery(
      org.url,
      token,
      'SELECT Id, Name FROM Contact LIMIT 1 FOR VIEW',
    )) as { Id: string; Name: string }[];
    const contactInfo = (await get('/sobjects/Contact')) as { recentItems: unknown[] };
    expect(contactInfo.recentItems).toEqual([item('Contact', contact!)]);
    await restCall(org.url, token, 'DELETE', `/sobjects/Lead/${leads[2]?.Id}`);
    const leadInfo = (await get('/sobjects/Lead')) as { recentItems: unknown[] };
    expect(leadInfo.recentItems).toEqual([item('Lead', leads[1]!), item('Lead', leads[0]!)]);
  });
});
