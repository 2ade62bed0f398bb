// `/limits/recordCount`, as a real org answers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 12, contacts: 0, seed: 'record-count' });
  token = org.issueSession().access_token;
});
afterAll(async () => {
  await org.close();
});

async function counts(query: string): Promise<{ status: number; body: unknown }> {
  const res = await restCall(org.url, token, 'GET', `/limits/recordCount${query}`);
  return { status: res.status, body: await res.json() };
}

describe('GET /limits/recordCount', () => {
  it('answers the named objects, empty ones too, ignoring names the org does not know', async () => {
    expect(await counts('?sObjects=Lead,Contact,Widget__c')).toEqual({
      status: 200,
      body: {
        sObjects: [
          { count: 12, name: 'Lead' },
          { count: 0, name: 'Contact' },
        ],
      },
    });
  });

  it('does not count records in the Recycle Bin', async () => {
    const [first] = await restQuery(org.url, token, 'SELECT Id FROM Lead LIMIT 1');
    await restCall(org.url, token, 'DELETE', `/sobjects/Lead/${String(first?.Id)}`);
    expect((await counts('?sObjects=lead')).body).toEqual({
      sObjects: [{ count: 11, name: 'Lead' }],
    });
  });

  it('without sObjects lists every object that holds records', async () => {
    const { body } = await counts('');
    const names = (body as { sObjects: { name: string }[] }).sObjects.map((o) => o.name);
    expect(names.sort()).toEqual(['Lead', 'User']);
  });

  it('does not exist before v40.0, where Salesforce added it', async () => {
    const res = await fetch(`${org.url}/services/data/v39.0/limits/recordCount`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(404);
  });

  it('is refused to a user without "View Setup and Configuration", as /limits is', async () => {
    org.settings.demoUserViewsSetup = false;
    try {
      const { status, body } = await counts('?sObjects=Lead');
      expect(status).toBe(403);
      expect((body as { errorCode: string }[])[0]?.errorCode).toBe('INSUFFICIENT_ACCESS');
    } finally {
      org.settings.demoUserViewsSetup = true;
    }
  });
});
