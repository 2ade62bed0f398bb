// REQUIRED_FIELD_MISSING as a real org answers it: per record inside a collection answer (the
// others saved) and as the single-record error of the captured fixture, naming every missing
// field — Lead's LastName and Company, Contact's LastName, and a custom field an admin made
// required in Setup (createable, not nillable, not defaulted).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';
import { readSalesforceFixture as fixture } from '../../support/salesforce-fixtures';
import { shape } from './json-shape';

let org: DemoOrgHandle;
let token: string;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 2, seed: 'required-fields' });
  token = org.issueSession().access_token;
});
afterEach(async () => {
  await org.close();
});

function api(method: string, path: string, body?: unknown) {
  return restCall(org.url, token, method, path, body);
}

function addFields(object: string, body: unknown): Promise<Response> {
  return fetch(`${org.url}/__admin/schema/${object}/fields`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const missing = (fields: string[]) => ({
  success: false,
  errors: [
    {
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: `Required fields are missing: [${fields.join(', ')}]`,
      fields,
    },
  ],
});

describe('REQUIRED_FIELD_MISSING', () => {
  it('refuses each record missing its object’s required fields inside a collection, saving the others', async () => {
    const response = await api('POST', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Lead' }, FirstName: 'No', Email: 'no.name@example.com' },
        { attributes: { type: 'Contact' }, FirstName: 'Nameless' },
        { attributes: { type: 'Lead' }, LastName: 'Named', Email: 'named@example.com' },
        { attributes: { type: 'Contact' }, LastName: 'Whole' },
      ],
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as Record<string, unknown>[];
    expect(results.slice(0, 3)).toEqual([
      missing(['LastName', 'Company']),
      missing(['LastName']),
      missing(['Company']),
    ]);
    expect(results[3]).toMatchObject({ success: true });
    expect(org.writes().objects).toEqual({ Contact: { created: 1, updated: 0, deleted: 0 } });
  });

  it('answers a single-record create in the captured error’s shape, naming the fields', async () => {
    const response = await api('POST', '/sobjects/Contact', { FirstName: 'Nameless' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as unknown[];
    expect(shape(body)).toEqual(shape(fixture('error-required-field-missing.json')));
    expect(body).toEqual([
      {
        message: 'Required fields are missing: [LastName]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['LastName'],
      },
    ]);
  });
});

describe('a custom field an admin made required', () => {
  it('is described createable, not nillable and not defaulted, and refuses a create without it', async () => {
    const added = await addFields('Lead', {
      name: 'Region__c',
      label: 'Region',
      type: 'string',
      length: 40,
      required: true,
    });
    expect(added.status).toBe(201);
    const describe = (await (await api('GET', '/sobjects/Lead/describe')).json()) as {
      fields: Record<string, unknown>[];
    };
    expect(describe.fields.find((f) => f.name === 'Region__c')).toMatchObject({
      createable: true,
      updateable: true,
      nillable: false,
      defaultedOnCreate: false,
      custom: true,
    });
    const lead = { LastName: 'Mori', Company: 'Kumo' };
    const refused = await api('POST', '/sobjects/Lead', lead);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual([
      {
        message: 'Required fields are missing: [Region__c]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Region__c'],
      },
    ]);
    const inCollection = (await (
      await api('POST', '/composite/sobjects', {
        records: [{ attributes: { type: 'Lead' }, FirstName: 'Aki' }],
      })
    ).json()) as unknown[];
    expect(inCollection).toEqual([missing(['LastName', 'Company', 'Region__c'])]);
    const created = await api('POST', '/sobjects/Lead', { ...lead, Region__c: 'Kansai' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const cleared = await api('PATCH', `/sobjects/Lead/${id}`, { Region__c: null });
    expect(cleared.status).toBe(400);
    expect(await cleared.json()).toMatchObject([
      { errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Region__c'] },
    ]);
  });

  it('cannot be a checkbox or a formula, and required must be a boolean', async () => {
    expect(
      (await addFields('Contact', { name: 'Ok__c', type: 'boolean', required: true })).status,
    ).toBe(400);
    expect(
      (
        await addFields('Contact', {
          name: 'Age__c',
          formula: 'TODAY() - DATEVALUE(CreatedDate)',
          required: true,
        })
      ).status,
    ).toBe(400);
    expect(
      (await addFields('Contact', { name: 'Tier__c', type: 'string', required: 'yes' })).status,
    ).toBe(400);
    expect(
      (await addFields('Contact', { name: 'Tier__c', type: 'string', required: false })).status,
    ).toBe(201);
  });
});
