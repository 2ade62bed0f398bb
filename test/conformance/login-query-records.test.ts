// Salesforce's own client library against the demo org: signing in with an access token, the
// version it settles on, identity, SOQL with paging, describe, record CRUD and limits — written
// as a user of `@salesforce/core` writes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthInfo, Connection } from '@salesforce/core';
import { connectWithSfCore, type SfCoreOrg } from './sf-core-org';

interface LeadRow {
  Id: string;
  LastName: string;
  Company: string;
  Owner: { Name: string };
}

let sf: SfCoreOrg;

beforeAll(async () => {
  sf = await connectWithSfCore({ leads: 2_500, seed: 'conformance' });
});
afterAll(async () => {
  await sf.close();
});

describe('@salesforce/core signs in to the demo org by access token', () => {
  it('finds the user behind the token and the org it belongs to', () => {
    const fields = sf.authInfo.getFields();
    expect(fields.username).toBe('dana.demo@demo.leadbridge-demo.example');
    expect(fields.orgId).toBe(sf.org.orgId);
    expect(fields.instanceUrl).toBe(sf.org.url);
  });

  it("settles on the org's latest API version", () => {
    expect(sf.conn.getApiVersion()).toBe('62.0');
  });

  it('reads the identity of the signed-in user', async () => {
    const identity = await sf.conn.identity();
    expect(identity.user_id).toBe(sf.org.demoUserId);
    expect(identity.organization_id).toBe(sf.org.orgId);
  });

  it('works through an instance URL saved with a trailing slash', async () => {
    const { access_token: accessToken } = sf.org.issueSession();
    const authInfo = await AuthInfo.create({
      accessTokenOptions: { accessToken, instanceUrl: `${sf.org.url}/`, loginUrl: sf.org.url },
    });
    const conn = await Connection.create({ authInfo });
    const result = await conn.query('SELECT Id FROM Lead LIMIT 1');
    expect(result.records).toHaveLength(1);
  });

  it('is refused with 410 GONE at a retired API version', async () => {
    const { access_token: accessToken } = sf.org.issueSession();
    const authInfo = await AuthInfo.create({
      accessTokenOptions: { accessToken, instanceUrl: sf.org.url, loginUrl: sf.org.url },
    });
    const conn = await Connection.create({ authInfo, connectionOptions: { version: '30.0' } });
    await expect(conn.query('SELECT Id FROM Lead LIMIT 1')).rejects.toMatchObject({
      errorCode: 'GONE',
    });
  });
});

describe('@salesforce/core queries the demo org', () => {
  it('pages through every Lead with queryMore', async () => {
    const first = await sf.conn.query<LeadRow>('SELECT Id, LastName FROM Lead');
    expect(first.totalSize).toBe(2_500);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2_000);
    const rest = await sf.conn.queryMore<LeadRow>(first.nextRecordsUrl ?? '');
    expect(rest.done).toBe(true);
    const ids = new Set([...first.records, ...rest.records].map((r) => r.Id));
    expect(ids.size).toBe(2_500);
  });

  it('fetches every page itself with autoFetch', async () => {
    const result = await sf.conn.query<LeadRow>('SELECT Id FROM Lead', {
      autoFetch: true,
      maxFetch: 10_000,
    });
    expect(result.records).toHaveLength(2_500);
  });

  it('reads a field through a lookup', async () => {
    const result = await sf.conn.query<LeadRow>('SELECT Id, Owner.Name FROM Lead LIMIT 3');
    for (const lead of result.records) expect(lead.Owner.Name).toMatch(/\S+ \S+/);
  });

  it("asks for a query's columns as Salesforce's CLI does (columns=true)", async () => {
    const soql = encodeURIComponent('SELECT Id, Company, Owner.Name FROM Lead');
    const columns = await sf.conn.request<{
      entityName: string;
      columnMetadata: { columnName: string; joinColumns: { columnName: string }[] }[];
    }>(`${sf.conn.baseUrl()}/query?q=${soql}&columns=true`);
    expect(columns.entityName).toBe('Lead');
    expect(columns.columnMetadata.map((c) => c.columnName)).toEqual(['Id', 'Company', 'Owner']);
    expect(columns.columnMetadata[2]?.joinColumns.map((c) => c.columnName)).toEqual(['Name']);
  });
});

describe('@salesforce/core describes and writes records', () => {
  it('describes Lead with its required fields', async () => {
    const describe = await sf.conn.describe('Lead');
    const byName = new Map(describe.fields.map((f) => [f.name, f]));
    expect(byName.get('LastName')?.nillable).toBe(false);
    expect(byName.get('Company')?.createable).toBe(true);
    expect(describe.keyPrefix).toBe('00Q');
  });

  it('creates, reads, updates and deletes a Lead', async () => {
    const leads = sf.conn.sobject('Lead');
    const created = await leads.create({ LastName: 'Conformance', Company: 'Core Ltd' });
    expect(created.success).toBe(true);
    const id = created.id ?? '';
    await leads.update({ Id: id, Company: 'Core Holdings' });
    const read = await leads.retrieve(id);
    expect(read.Company).toBe('Core Holdings');
    await leads.destroy(id);
    await expect(leads.retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('reports the org limits', async () => {
    const limits = await sf.conn.limits();
    expect(limits.DailyApiRequests?.Max).toBe(100_000);
    expect(limits.DailyApiRequests?.Remaining).toBeLessThan(100_000);
  });
});
