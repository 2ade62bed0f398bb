// The compound address fields as a real org serves them: built from their parts on GET and in
// query rows, null when every part is, described as the captured describes show, and refused
// in a WHERE clause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';
import { readSalesforceFixture as fixture } from '../../support/salesforce-fixtures';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ seed: 'compound-address' });
  token = org.issueSession().access_token;
});
afterAll(async () => {
  await org.close();
});

function api(method: string, path: string, body?: unknown) {
  return restCall(org.url, token, method, path, body);
}

async function created(object: string, body: Record<string, unknown>): Promise<string> {
  const response = await api('POST', `/sobjects/${object}`, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const EMPTY_ADDRESS = {
  city: null,
  country: null,
  geocodeAccuracy: null,
  latitude: null,
  longitude: null,
  postalCode: null,
  state: null,
  street: null,
};

describe('compound address fields', () => {
  it('reads a Lead Address built from its parts on GET and in a query, null when no part is set', async () => {
    const placed = await created('Lead', {
      LastName: 'Placed',
      Company: 'Acme',
      Street: '1 Market St',
      City: 'San Francisco',
      State: 'CA',
      PostalCode: '94105',
      Country: 'USA',
      Latitude: 37.79,
      Longitude: -122.39,
      GeocodeAccuracy: 'Address',
    });
    const nowhere = await created('Lead', { LastName: 'Nowhere', Company: 'Acme' });
    const expected = {
      city: 'San Francisco',
      country: 'USA',
      geocodeAccuracy: 'Address',
      latitude: 37.79,
      longitude: -122.39,
      postalCode: '94105',
      state: 'CA',
      street: '1 Market St',
    };
    const got = (await (await api('GET', `/sobjects/Lead/${placed}`)).json()) as {
      Address: unknown;
    };
    // Salesforce's key order, as its JSON writes it.
    expect(JSON.stringify(got.Address)).toBe(JSON.stringify(expected));
    const rows = await restQuery(
      org.url,
      token,
      `SELECT Id, Address FROM Lead WHERE Id IN ('${placed}', '${nowhere}') ORDER BY LastName`,
    );
    expect(rows.map((row) => row.Address)).toEqual([null, expected]);
    const some = (await (
      await api('GET', `/sobjects/Lead/${nowhere}?fields=Address`)
    ).json()) as Record<string, unknown>;
    expect(some.Address).toBeNull();
  });

  it('reads one set part as an address whose other keys are null', async () => {
    const id = await created('Contact', { LastName: 'Partial', OtherCity: 'Lyon' });
    const [row] = await restQuery(
      org.url,
      token,
      `SELECT MailingAddress, OtherAddress FROM Contact WHERE Id = '${id}'`,
    );
    expect(row?.MailingAddress).toBeNull();
    expect(row?.OtherAddress).toEqual({ ...EMPTY_ADDRESS, city: 'Lyon' });
  });

  it('gives Accounts their Billing and Shipping addresses, read through a relationship too', async () => {
    const account = await created('Account', {
      Name: 'Globex',
      BillingCity: 'Springfield',
      ShippingCountry: 'USA',
    });
    const contact = await created('Contact', { LastName: 'Worker', AccountId: account });
    const [row] = await restQuery(
      org.url,
      token,
      `SELECT Account.BillingAddress, Account.ShippingAddress FROM Contact WHERE Id = '${contact}'`,
    );
    const related = row?.Account as Record<string, unknown>;
    expect(related.BillingAddress).toEqual({ ...EMPTY_ADDRESS, city: 'Springfield' });
    expect(related.ShippingAddress).toEqual({ ...EMPTY_ADDRESS, country: 'USA' });
  });

  it('describes the compound field and its parts as the captured Account describe does', async () => {
    const ours = (
      (await (await api('GET', '/sobjects/Account/describe')).json()) as {
        fields: Record<string, unknown>[];
      }
    ).fields;
    const real = (fixture('account-describe.json') as { fields: Record<string, unknown>[] }).fields;
    const KEYS = [
      'type',
      'compoundFieldName',
      'filterable',
      'sortable',
      'groupable',
      'aggregatable',
      'queryByDistance',
      'createable',
      'updateable',
      'nillable',
      'length',
      'restrictedPicklist',
    ];
    const traits = (fields: Record<string, unknown>[], name: string) => {
      const found = fields.find((f) => f.name === name);
      return Object.fromEntries(KEYS.map((key) => [key, found?.[key]]));
    };
    for (const name of [
      'BillingAddress',
      'BillingStreet',
      'BillingCity',
      'BillingLatitude',
      'BillingGeocodeAccuracy',
      'ShippingAddress',
      'ShippingPostalCode',
    ])
      expect({ name, ...traits(ours, name) }).toEqual({ name, ...traits(real, name) });
  });

  it('refuses a compound address in WHERE, as only DISTANCE() may filter one', async () => {
    const response = await api(
      'GET',
      `/query?q=${encodeURIComponent('SELECT Id FROM Lead WHERE Address != null')}`,
    );
    expect(response.status).toBe(400);
    const [error] = (await response.json()) as { errorCode: string; message: string }[];
    expect(error?.errorCode).toBe('INVALID_FIELD');
    expect(error?.message).toContain("field 'Address' can not be filtered in a query call");
  });
});
