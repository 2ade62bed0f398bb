// The Organization object as a real org serves it: one row whose Id is the org id, queried by
// every Salesforce CLI command, read by id, described as read-only and never written through
// the API; derived from the org, so its data file never holds it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';
import { makeTempDirectory } from '../../support/temp-directory';

const OTHER_ORG = '00D5f000000AbCdEAK';
const started: DemoOrgHandle[] = [];
const temps: { remove(): void }[] = [];
afterEach(async () => {
  for (const org of started.splice(0)) await org.close();
  for (const temp of temps.splice(0)) temp.remove();
});

async function start(options: Parameters<typeof startDemoOrg>[0] = {}) {
  const org = await startDemoOrg(options);
  started.push(org);
  const token = org.issueSession().access_token;
  return {
    org,
    api: (method: string, apiPath: string, body?: unknown) =>
      restCall(org.url, token, method, apiPath, body),
    query: (soql: string) => restQuery(org.url, token, soql),
  };
}

describe('the Organization object', () => {
  it("answers the query Salesforce's CLI runs on every command with the org's one row", async () => {
    const { query } = await start();
    const rows = await query(
      'SELECT Name, OrganizationType, IsSandbox, TrialExpirationDate, NamespacePrefix FROM Organization',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Name: 'Leadbridge Demo',
      OrganizationType: 'Developer Edition',
      IsSandbox: false,
      TrialExpirationDate: null,
      NamespacePrefix: null,
    });
  });

  it('has the org id as its Id, readable by GET with its compound Address', async () => {
    const { org, api, query } = await start({ orgId: OTHER_ORG });
    const [row] = await query('SELECT Id, InstanceName, Address FROM Organization');
    expect(row?.Id).toBe(OTHER_ORG);
    expect(row?.Address).toEqual({
      city: 'San Francisco',
      country: 'US',
      geocodeAccuracy: null,
      latitude: null,
      longitude: null,
      postalCode: '94105',
      state: 'CA',
      street: '100 Demo Street',
    });
    const byId = await api('GET', `/sobjects/Organization/${OTHER_ORG.slice(0, 15)}`);
    expect(byId.status).toBe(200);
    expect(await byId.json()).toMatchObject({
      attributes: {
        type: 'Organization',
        url: `/services/data/v62.0/sobjects/Organization/${OTHER_ORG}`,
      },
      Id: org.orgId,
      PrimaryContact: 'Dana Demo',
      DefaultLocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
    });
  });

  it('is described as read-only, with the fields of the object reference', async () => {
    const { api } = await start();
    const described = (await (await api('GET', '/sobjects/Organization/describe')).json()) as {
      createable: boolean;
      updateable: boolean;
      deletable: boolean;
      queryable: boolean;
      keyPrefix: string;
      fields: { name: string; type: string; createable: boolean; updateable: boolean }[];
    };
    expect(described).toMatchObject({
      createable: false,
      updateable: false,
      deletable: false,
      queryable: true,
      keyPrefix: '00D',
    });
    const names = described.fields.map((f) => f.name);
    for (const name of [
      'Id',
      'Name',
      'Division',
      'Street',
      'City',
      'State',
      'PostalCode',
      'Country',
      'Address',
      'Phone',
      'Fax',
      'PrimaryContact',
      'DefaultLocaleSidKey',
      'LanguageLocaleKey',
      'TimeZoneSidKey',
      'OrganizationType',
      'InstanceName',
      'IsSandbox',
      'TrialExpirationDate',
      'NamespacePrefix',
      'CreatedDate',
      'SystemModstamp',
    ])
      expect(names).toContain(name);
    expect(described.fields.filter((f) => f.createable || f.updateable)).toEqual([]);
    const { sobjects } = (await (await api('GET', '/sobjects')).json()) as {
      sobjects: { name: string }[];
    };
    expect(sobjects.map((s) => s.name)).toContain('Organization');
  });

  it('refuses every write through the API', async () => {
    const { org, api } = await start();
    expect((await api('POST', '/sobjects/Organization', { Name: 'X' })).status).toBe(405);
    const patch = await api('PATCH', `/sobjects/Organization/${org.orgId}`, { Name: 'X' });
    expect(patch.status).toBe(405);
    expect(await patch.json()).toEqual([
      {
        errorCode: 'METHOD_NOT_ALLOWED',
        message: "HTTP Method 'PATCH' not allowed. Allowed are HEAD,GET",
      },
    ]);
    expect((await api('DELETE', `/sobjects/Organization/${org.orgId}`)).status).toBe(405);
    const collection = await api('PATCH', '/composite/sobjects', {
      records: [{ attributes: { type: 'Organization' }, Id: org.orgId, Name: 'X' }],
    });
    expect(await collection.json()).toEqual([
      {
        id: org.orgId,
        success: false,
        errors: [
          {
            statusCode: 'INVALID_TYPE',
            message: 'entity type Organization does not support update',
            fields: [],
          },
        ],
      },
    ]);
    const removed = await api('DELETE', `/composite/sobjects?ids=${org.orgId}`);
    expect(((await removed.json()) as { success: boolean }[])[0]?.success).toBe(false);
    expect(org.getRecord('Organization', org.orgId)?.Name).toBe('Leadbridge Demo');
  });

  it('stays out of the data file, and is the same row when the org starts from it', async () => {
    const temp = makeTempDirectory('lb-demo-org-organization');
    temps.push(temp);
    const dataFile = path.join(temp.path, 'org.json');
    const first = await start({ dataFile });
    const [before] = await first.query('SELECT Id, CreatedDate FROM Organization');
    await first.org.close();
    started.splice(started.indexOf(first.org), 1);
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as {
      tables: Record<string, unknown>;
      schemas: { name: string }[];
    };
    expect(Object.keys(saved.tables)).not.toContain('Organization');
    expect(saved.schemas.map((s) => s.name)).not.toContain('Organization');

    const again = await start({ dataFile });
    expect(await again.query('SELECT Id, CreatedDate FROM Organization')).toEqual([before]);
  });
});
