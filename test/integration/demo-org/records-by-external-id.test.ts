// sObject Rows by External ID as a real org serves them: upsert (create 201, update 200 with
// `created`), look-up by an external id or a standard idLookup field, 300 when several records
// hold the key, the Id special cases, and the collections upsert — every save going through the
// org's own rules, duplicate and unique checks and request log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ seed: 'external-id' });
  token = org.issueSession().access_token;
  const added = await fetch(`${org.url}/__admin/schema/Lead/fields`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      fields: [
        { name: 'Legacy_Id__c', type: 'string', length: 20, externalId: true, unique: true },
        { name: 'Crm_Number__c', type: 'double', externalId: true },
      ],
    }),
  });
  expect(added.status).toBe(201);
});
afterAll(async () => {
  await org.close();
});
beforeEach(() => org.clearRequests());

function api(method: string, path: string, body?: unknown) {
  return restCall(org.url, token, method, path, body);
}

async function json(response: Response): Promise<unknown> {
  return response.json();
}

describe('upsert by external id', () => {
  it('describes an admin-added external id as Salesforce does: externalId, idLookup, unique', async () => {
    const { fields } = (await json(await api('GET', '/sobjects/Lead/describe'))) as {
      fields: Record<string, unknown>[];
    };
    const legacy = fields.find((f) => f.name === 'Legacy_Id__c');
    expect(legacy).toMatchObject({ externalId: true, idLookup: true, unique: true, length: 20 });
    const number = fields.find((f) => f.name === 'Crm_Number__c');
    expect(number).toMatchObject({ externalId: true, idLookup: true, unique: false });
    expect(fields.find((f) => f.name === 'Company')).toMatchObject({
      externalId: false,
      idLookup: false,
    });
  });

  it('creates (201, created: true) then updates (200, created: false) the record holding the key', async () => {
    const first = await api('PATCH', '/sobjects/Lead/Legacy_Id__c/L-100', {
      LastName: 'Upserted',
      Company: 'First Co',
    });
    expect(first.status).toBe(201);
    const created = (await json(first)) as { id: string };
    expect(created).toEqual({ id: created.id, success: true, errors: [], created: true });
    expect(first.headers.get('location')).toBe(`/services/data/v62.0/sobjects/Lead/${created.id}`);
    expect(org.getRecord('Lead', created.id)).toMatchObject({
      Legacy_Id__c: 'L-100',
      Company: 'First Co',
    });

    const second = await api('PATCH', '/sobjects/Lead/Legacy_Id__c/l-100', {
      Company: 'Second Co',
    });
    expect(second.status).toBe(200);
    expect(await json(second)).toEqual({
      id: created.id,
      success: true,
      errors: [],
      created: false,
    });
    expect(org.getRecord('Lead', created.id)).toMatchObject({ Company: 'Second Co' });
    expect(org.writes().records[created.id]).toMatchObject({ created: 1, updated: 1 });
  });

  it('keys a number external id by its value, and looks records up with ?fields=', async () => {
    const made = await api('PATCH', '/sobjects/Lead/Crm_Number__c/4711', {
      LastName: 'Numbered',
      Company: 'Acme',
    });
    expect(made.status).toBe(201);
    const { id } = (await json(made)) as { id: string };
    expect(org.getRecord('Lead', id)?.Crm_Number__c).toBe(4711);
    const found = await api('GET', '/sobjects/Lead/Crm_Number__c/4711.0?fields=LastName,Company');
    expect(found.status).toBe(200);
    expect(await json(found)).toEqual({
      attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${id}` },
      LastName: 'Numbered',
      Company: 'Acme',
    });
    expect((await api('GET', '/sobjects/Lead/Crm_Number__c/999')).status).toBe(404);
  });

  it('answers 300 with the matching URLs when several records hold the key, saving nothing', async () => {
    const a = await api('POST', '/sobjects/Lead', {
      LastName: 'Twin A',
      Company: 'Twins',
      Email: 'twin@example.com',
    });
    const b = await api('POST', '/sobjects/Lead', {
      LastName: 'Twin B',
      Company: 'Twins',
      Email: 'TWIN@example.com',
    });
    const ids = [a, b].map(async (r) => ((await json(r)) as { id: string }).id);
    const urls = (await Promise.all(ids)).map((id) => `/services/data/v62.0/sobjects/Lead/${id}`);
    org.clearRequests();
    const upsert = await api('PATCH', '/sobjects/Lead/Email/twin@example.com', { Company: 'X' });
    expect(upsert.status).toBe(300);
    expect(((await json(upsert)) as string[]).sort()).toEqual(urls.sort());
    const lookUp = await api('GET', '/sobjects/Lead/Email/twin@example.com');
    expect(lookUp.status).toBe(300);
    expect(org.writes().objects).toEqual({});
  });

  it('refuses a field that is not an external id, and a body whose key differs from the URL', async () => {
    const company = await api('PATCH', '/sobjects/Lead/Company/Acme', { LastName: 'X' });
    expect(company.status).toBe(404);
    expect(await json(company)).toEqual([
      {
        errorCode: 'NOT_FOUND',
        message: 'Provided external ID field does not exist or is not accessible: Company',
      },
    ]);
    const unknown = await api('GET', '/sobjects/Lead/No_Such__c/1');
    expect(unknown.status).toBe(404);

    const differs = await api('PATCH', '/sobjects/Lead/Legacy_Id__c/L-200', {
      LastName: 'Keyed',
      Company: 'Keyed Co',
      Legacy_Id__c: 'L-201',
    });
    expect(differs.status).toBe(400);
    expect(await json(differs)).toMatchObject([
      { errorCode: 'INVALID_FIELD', fields: ['Legacy_Id__c'] },
    ]);
    const same = await api('PATCH', '/sobjects/Lead/Legacy_Id__c/L-200', {
      LastName: 'Keyed',
      Company: 'Keyed Co',
      Legacy_Id__c: 'L-200',
    });
    expect(same.status).toBe(201);
  });

  it('checks an upserted create as any create: required fields, unique values', async () => {
    const missing = await api('PATCH', '/sobjects/Lead/Legacy_Id__c/L-300', { LastName: 'Only' });
    expect(missing.status).toBe(400);
    expect(await json(missing)).toEqual([
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Company]',
        fields: ['Company'],
      },
    ]);
    const held = await api('PATCH', '/sobjects/Lead/Legacy_Id__c/L-301', {
      LastName: 'Held',
      Company: 'Held Co',
    });
    const { id } = (await json(held)) as { id: string };
    const taken = await api('POST', '/sobjects/Lead', {
      LastName: 'Taker',
      Company: 'Taker Co',
      Legacy_Id__c: 'l-301',
    });
    expect(taken.status).toBe(400);
    expect(await json(taken)).toEqual([
      {
        errorCode: 'DUPLICATE_VALUE',
        message: `duplicate value found: Legacy_Id__c duplicates value on record with id: ${id}`,
        fields: [],
      },
    ]);
  });

  it('answers as API versions before 46.0 do: no created flag, and 204 for an update', async () => {
    const v45 = (method: string, path: string, body: unknown) =>
      fetch(`${org.url}/services/data/v45.0${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await v45('PATCH', '/sobjects/Lead/Legacy_Id__c/V-45', {
      LastName: 'Old',
      Company: 'Old API',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await json(await api('GET', `/sobjects/Lead/${id}?fields=Id`))).toMatchObject({
      Id: id,
    });
    const updated = await v45('PATCH', '/sobjects/Lead/Legacy_Id__c/V-45', { Company: 'Older' });
    expect(updated.status).toBe(204);
    expect(await updated.text()).toBe('');
    const again = await v45('PATCH', '/sobjects/Lead/Legacy_Id__c/V-46', {
      LastName: 'Old',
      Company: 'Old API',
    });
    expect(Object.keys((await again.json()) as object).sort()).toEqual(['errors', 'id', 'success']);
  });

  it('creates nothing with updateOnly=true when no record holds the key', async () => {
    const response = await api('PATCH', '/sobjects/Lead/Legacy_Id__c/L-400?updateOnly=true', {
      LastName: 'Never',
      Company: 'Never Co',
    });
    expect(response.status).toBe(404);
    expect(org.writes().objects).toEqual({});
  });
});

describe('Id as the external id', () => {
  it('updates by PATCH /sobjects/Lead/Id/<id> and creates by POST /sobjects/Lead/Id', async () => {
    const post = await api('POST', '/sobjects/Lead/Id', { LastName: 'ById', Company: 'Id Co' });
    expect(post.status).toBe(201);
    const created = (await json(post)) as { id: string };
    expect(created).toEqual({ id: created.id, success: true, errors: [], created: true });
    const patch = await api('PATCH', `/sobjects/Lead/Id/${created.id}`, { Company: 'Id Co 2' });
    expect(patch.status).toBe(200);
    expect(await json(patch)).toEqual({
      id: created.id,
      success: true,
      errors: [],
      created: false,
    });
    expect(org.getRecord('Lead', created.id)?.Company).toBe('Id Co 2');
    expect((await api('PATCH', '/sobjects/Lead/Id', { Company: 'X' })).status).toBe(405);
    expect(
      (await api('PATCH', '/sobjects/Lead/Id/00QdM0000099999AAA', { Company: 'X' })).status,
    ).toBe(404);
  });
});

describe('collections upsert', () => {
  it('creates and updates by the key, refusing records without one or sharing one', async () => {
    const existing = (await json(
      await api('PATCH', '/sobjects/Lead/Legacy_Id__c/C-1', { LastName: 'Old', Company: 'Old Co' }),
    )) as { id: string };
    org.clearRequests();
    const response = await api('PATCH', '/composite/sobjects/Lead/Legacy_Id__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Lead' }, Legacy_Id__c: 'C-1', Company: 'Renamed Co' },
        { attributes: { type: 'Lead' }, Legacy_Id__c: 'C-2', LastName: 'New', Company: 'New Co' },
        { attributes: { type: 'Lead' }, LastName: 'Keyless', Company: 'Keyless Co' },
        { attributes: { type: 'Lead' }, Legacy_Id__c: 'C-3', LastName: 'A', Company: 'A' },
        { attributes: { type: 'Lead' }, Legacy_Id__c: 'c-3', LastName: 'B', Company: 'B' },
      ],
    });
    expect(response.status).toBe(200);
    const results = (await json(response)) as Record<string, unknown>[];
    expect(results[0]).toEqual({ id: existing.id, success: true, errors: [], created: false });
    expect(results[1]).toMatchObject({ success: true, errors: [], created: true });
    expect(results[2]).toEqual({
      success: false,
      errors: [
        { statusCode: 'MISSING_ARGUMENT', message: 'Legacy_Id__c not specified', fields: [] },
      ],
    });
    for (const result of results.slice(3))
      expect(result).toEqual({
        success: false,
        errors: [
          {
            statusCode: 'DUPLICATE_VALUE',
            message: expect.stringMatching(/^Duplicate external id specified: [Cc]-3$/) as string,
            fields: [],
          },
        ],
      });
    expect(org.getRecord('Lead', existing.id)?.Company).toBe('Renamed Co');
    expect(org.writes().objects.Lead).toEqual({ created: 1, updated: 1, deleted: 0 });
  });

  it('reports a key several records hold as DUPLICATE_EXTERNAL_ID, and rolls back with allOrNone', async () => {
    const response = await api('PATCH', '/composite/sobjects/Lead/Email', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Lead' }, Email: 'twin@example.com', Company: 'Y' },
        { attributes: { type: 'Lead' }, Email: 'solo@example.com', LastName: 'S', Company: 'S' },
      ],
    });
    const [twin, solo] = (await json(response)) as {
      success: boolean;
      errors: { statusCode: string; message: string }[];
    }[];
    expect(twin?.errors[0]?.statusCode).toBe('DUPLICATE_EXTERNAL_ID');
    expect(twin?.errors[0]?.message).toMatch(
      /^Email: more than one record found for external id field: \[00Q\w{15}, 00Q\w{15}\]$/,
    );
    expect(solo?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(org.writes().objects).toEqual({});
  });

  it('refuses a field that is not an external id for the whole call', async () => {
    const response = await api('PATCH', '/composite/sobjects/Lead/Company', {
      records: [{ attributes: { type: 'Lead' }, Company: 'Z' }],
    });
    expect(response.status).toBe(404);
  });
});

describe('jsforce upsert', () => {
  it('upserts one record and a list through jsforce, as its users call it', async () => {
    const conn = new Connection({ instanceUrl: org.url, accessToken: token, version: '62.0' });
    const one = await conn
      .sobject('Lead')
      .upsert({ Legacy_Id__c: 'J-1', LastName: 'Jay', Company: 'J Co' }, 'Legacy_Id__c');
    expect(one).toMatchObject({ success: true, created: true });
    const many = await conn.sobject('Lead').upsert(
      [
        { Legacy_Id__c: 'J-1', Company: 'J Co 2' },
        { Legacy_Id__c: 'J-2', LastName: 'Kay', Company: 'K Co' },
      ],
      'Legacy_Id__c',
    );
    expect(many.map((r) => [r.success, r.created])).toEqual([
      [true, false],
      [true, true],
    ]);
    const found = await conn.sobject('Lead').find({ Legacy_Id__c: 'J-1' }, ['Company']);
    expect(found.map((r) => r.Company)).toEqual(['J Co 2']);
  });
});
