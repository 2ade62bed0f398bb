// The Organization object and compound addresses through Salesforce's own client library: the
// Organization query Salesforce's CLI runs on every command, the library's own look-up of the
// org's information, and a Lead's Address read back whole after its parts were saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Org } from '@salesforce/core';
import { connectWithSfCore, type SfCoreOrg } from './sf-core-org';

let sf: SfCoreOrg;

beforeAll(async () => {
  sf = await connectWithSfCore({ seed: 'conformance-organization' });
});
afterAll(async () => {
  await sf.close();
});

interface OrganizationRow {
  Id: string;
  Name: string;
  OrganizationType: string;
  IsSandbox: boolean;
  TrialExpirationDate: string | null;
  NamespacePrefix: string | null;
}

describe('the Organization through @salesforce/core', () => {
  it("answers the query Salesforce's CLI runs on every command", async () => {
    const row = await sf.conn.singleRecordQuery<OrganizationRow>(
      'SELECT Name, OrganizationType, IsSandbox, TrialExpirationDate, NamespacePrefix FROM Organization',
    );
    expect(row).toMatchObject({
      OrganizationType: 'Developer Edition',
      IsSandbox: false,
      TrialExpirationDate: null,
      NamespacePrefix: null,
    });
    expect(typeof row.Name).toBe('string');
  });

  it("gives the library's Org its information and id", async () => {
    const org = await Org.create({ connection: sf.conn });
    expect(org.getOrgId()).toBe(sf.authInfo.getFields().orgId);
    const information = await org.retrieveOrganizationInformation();
    expect(information).toMatchObject({ IsSandbox: false, OrganizationType: 'Developer Edition' });
    const record = await sf.conn.sobject('Organization').retrieve(org.getOrgId());
    expect(record.Id).toBe(org.getOrgId());
  });

  it('is described as an object the API reads but never writes', async () => {
    const described = await sf.conn.sobject('Organization').describe();
    expect([described.createable, described.updateable, described.deletable]).toEqual([
      false,
      false,
      false,
    ]);
    expect(described.fields.find((f) => f.name === 'Address')?.type).toBe('address');
  });
});

describe('compound addresses through @salesforce/core', () => {
  it("reads a Lead's Address whole after its parts were saved, and null without parts", async () => {
    const lead = sf.conn.sobject('Lead');
    const placed = await lead.create({
      LastName: 'Placed',
      Company: 'Harbour Co',
      Street: '1 Quay Road',
      City: 'Bristol',
      PostalCode: 'BS1 4DJ',
      Country: 'United Kingdom',
    });
    const bare = await lead.create({ LastName: 'Bare', Company: 'Harbour Co' });
    const address = {
      city: 'Bristol',
      country: 'United Kingdom',
      geocodeAccuracy: null,
      latitude: null,
      longitude: null,
      postalCode: 'BS1 4DJ',
      state: null,
      street: '1 Quay Road',
    };
    expect((await lead.retrieve(placed.id ?? '')).Address).toEqual(address);
    const rows = await sf.conn.query<{ LastName: string; Address: unknown }>(
      `SELECT LastName, Address FROM Lead WHERE Id IN ('${placed.id ?? ''}', '${bare.id ?? ''}') ORDER BY LastName`,
    );
    expect(rows.records.map((r) => [r.LastName, r.Address])).toEqual([
      ['Bare', null],
      ['Placed', address],
    ]);
  });
});
