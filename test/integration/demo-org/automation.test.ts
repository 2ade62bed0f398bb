// The org's declarative automation as a real org runs it: the active Lead assignment rule on
// API creates and updates (unless Sforce-Auto-Assign: FALSE), and admin-defined validation
// rules on every save, per record inside a collection answer.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { makeTempDirectory } from '../../support/temp-directory';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leadIds: string[];
let users: Record<string, string>;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 4, seed: 'automation' });
  token = org.issueSession().access_token;
  leadIds = (await query('SELECT Id FROM Lead ORDER BY Id')).map((r) => String(r.Id));
  const found = await query(
    "SELECT Id, Email FROM User WHERE Email IN ('alex.host@leadbridge.demo', 'sam.host@leadbridge.demo')",
  );
  users = Object.fromEntries(
    found.map((user) => [String(user.Email).split('.')[0], String(user.Id)]),
  );
});
afterEach(async () => {
  await org.close();
});

function query(soql: string): Promise<Record<string, unknown>[]> {
  return restQuery(org.url, token, soql);
}

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return restCall(org.url, token, method, path, body, headers);
}

function admin(method: string, path: string, body?: unknown) {
  return fetch(`${org.url}/__admin/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function collection(
  method: 'POST' | 'PATCH',
  records: Record<string, unknown>[],
  headers: Record<string, string> = {},
) {
  const response = await api(
    'PATCH' === method ? 'PATCH' : 'POST',
    '/composite/sobjects',
    {
      allOrNone: false,
      records: records.map((record) => ({ attributes: { type: 'Lead' }, ...record })),
    },
    headers,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as {
    id?: string;
    success: boolean;
    errors: { statusCode: string; message: string; fields: string[] }[];
  }[];
}

const ownerOf = (id: string | undefined) => org.getRecord('Lead', id ?? '')?.OwnerId;

describe('the active Lead assignment rule', () => {
  beforeEach(async () => {
    const response = await admin('PUT', 'assignment-rule', { ownerId: users.sam });
    expect(response.status).toBe(200);
  });

  it('overwrites an OwnerId set through the API without the header, and keeps it with Sforce-Auto-Assign: FALSE', async () => {
    const [first, second] = leadIds;
    await api('PATCH', `/sobjects/Lead/${first}`, { OwnerId: users.alex });
    expect(ownerOf(first)).toBe(users.sam);
    await api(
      'PATCH',
      `/sobjects/Lead/${first}`,
      { OwnerId: users.alex },
      { 'Sforce-Auto-Assign': 'FALSE' },
    );
    expect(ownerOf(first)).toBe(users.alex);
    // Any API update runs the rule again, not only one that sets the owner.
    await api('PATCH', `/sobjects/Lead/${first}`, { Title: 'VP Sales' });
    expect(ownerOf(first)).toBe(users.sam);
    await api(
      'PATCH',
      `/sobjects/Lead/${second}`,
      { OwnerId: users.alex },
      { 'Sforce-Auto-Assign': 'false' },
    );
    expect(ownerOf(second)).toBe(users.alex);
  });

  it('runs on collection updates and creates unless the call says FALSE', async () => {
    const [first, second] = leadIds;
    const kept = await collection(
      'PATCH',
      [
        { Id: first, OwnerId: users.alex },
        { Id: second, OwnerId: users.alex },
      ],
      { 'Sforce-Auto-Assign': 'FALSE' },
    );
    expect(kept.every((result) => result.success)).toBe(true);
    expect([ownerOf(first), ownerOf(second)]).toEqual([users.alex, users.alex]);
    await collection('PATCH', [{ Id: first, OwnerId: users.alex }]);
    expect(ownerOf(first)).toBe(users.sam);
    const created = await collection('POST', [
      { LastName: 'New', Company: 'Acme', OwnerId: users.alex },
    ]);
    expect(ownerOf(created[0]?.id)).toBe(users.sam);
  });

  it('reads the header jsforce sends on a collection update', async () => {
    const conn = new Connection({ instanceUrl: org.url, accessToken: token, version: '62.0' });
    const [first, second] = leadIds;
    const records = leadIds.slice(0, 2).map((Id) => ({ Id, OwnerId: String(users.alex) }));
    await conn.sobject('Lead').update(records, {
      allOrNone: false,
      headers: { 'Sforce-Auto-Assign': 'FALSE' },
    });
    expect([ownerOf(first), ownerOf(second)]).toEqual([users.alex, users.alex]);
    expect(org.requests().at(-1)).toMatchObject({
      path: '/services/data/v62.0/composite/sobjects',
      autoAssign: 'FALSE',
      writes: { updated: [first, second] },
    });
    await conn.sobject('Lead').update(records, { allOrNone: false });
    expect([ownerOf(first), ownerOf(second)]).toEqual([users.sam, users.sam]);
  });

  it('assigns only the Leads its entry matches, never a person’s edit, and stops when removed', async () => {
    await admin('PUT', 'assignment-rule', {
      ownerId: users.sam,
      when: { field: 'LeadSource', equals: 'Partner Referral' },
    });
    const [first, second, third] = leadIds;
    await api('PATCH', `/sobjects/Lead/${first}`, { LeadSource: 'Partner Referral' });
    await api('PATCH', `/sobjects/Lead/${second}`, { LeadSource: 'Web', OwnerId: users.alex });
    expect([ownerOf(first), ownerOf(second)]).toEqual([users.sam, users.alex]);
    await admin('PATCH', `sobjects/Lead/${third}`, {
      LeadSource: 'Partner Referral',
      OwnerId: users.alex,
    });
    expect(ownerOf(third)).toBe(users.alex);
    expect((await admin('DELETE', 'assignment-rule')).status).toBe(204);
    await api('PATCH', `/sobjects/Lead/${first}`, { OwnerId: users.alex });
    expect(ownerOf(first)).toBe(users.alex);
  });

  it('refuses a rule that would hand Leads to a deactivated user, and skips one deactivated since', async () => {
    const [inactive] = await query('SELECT Id FROM User WHERE IsActive = false');
    const response = await admin('PUT', 'assignment-rule', { ownerId: inactive?.Id });
    expect(response.status).toBe(400);
    await admin('PATCH', `sobjects/User/${users.sam}`, { IsActive: false });
    await api('PATCH', `/sobjects/Lead/${leadIds[0]}`, { OwnerId: users.alex });
    expect(ownerOf(leadIds[0])).toBe(users.alex);
  });
});

describe('admin-defined validation rules', () => {
  const LOST = 'Closed - Not Converted';
  const MESSAGE = 'Give a Lost Reason before closing a Lead as not converted.';

  it('refuse a record inside a collection answer with the rule’s message and field, the others saved', async () => {
    await api('PATCH', `/sobjects/Lead/${leadIds[0]}`, { Status: 'Working - Contacted' });
    const added = await admin('POST', 'validation-rules', {
      object: 'Lead',
      field: 'Status',
      operator: 'equals',
      value: LOST,
      message: MESSAGE,
      errorDisplayField: 'Status',
    });
    expect(added.status).toBe(201);
    const [first, second] = leadIds;
    const results = await collection('PATCH', [
      { Id: first, Status: LOST },
      { Id: second, Title: 'CFO' },
    ]);
    expect(results).toEqual([
      {
        id: first,
        success: false,
        errors: [
          { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: MESSAGE, fields: ['Status'] },
        ],
      },
      { id: second, success: true, errors: [] },
    ]);
    expect(org.getRecord('Lead', first ?? '')?.Status).toBe('Working - Contacted');
    expect(org.getRecord('Lead', second ?? '')?.Title).toBe('CFO');
  });

  it('refuse single-record creates and updates, and a person’s edit, until removed', async () => {
    await admin('POST', 'validation-rules', {
      name: 'No_Test_Companies',
      object: 'Lead',
      field: 'Company',
      operator: 'contains',
      value: 'TEST',
      message: 'Test companies are not Leads.',
    });
    const created = await api('POST', '/sobjects/Lead', { LastName: 'X', Company: 'ACME TEST' });
    expect(created.status).toBe(400);
    expect(await created.json()).toEqual([
      {
        message: 'Test companies are not Leads.',
        errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        fields: [],
      },
    ]);
    const updated = await api('PATCH', `/sobjects/Lead/${leadIds[0]}`, { Company: 'TEST Inc' });
    expect(updated.status).toBe(400);
    const edited = await admin('PATCH', `sobjects/Lead/${leadIds[0]}`, { Company: 'TEST Inc' });
    expect(edited.status).toBe(400);
    const rules = (await (await admin('GET', 'validation-rules')).json()) as {
      rules: { name: string }[];
    };
    expect(rules.rules.map((rule) => rule.name)).toEqual(['No_Test_Companies']);
    expect((await admin('DELETE', 'validation-rules/No_Test_Companies')).status).toBe(204);
    expect(
      (await api('PATCH', `/sobjects/Lead/${leadIds[0]}`, { Company: 'TEST Inc' })).status,
    ).toBe(204);
  });

  it('judge the whole record as saved, so an unrelated edit of a record breaking the rule is refused', async () => {
    await api('PATCH', `/sobjects/Lead/${leadIds[0]}`, { Phone: null });
    await admin('POST', 'validation-rules', {
      object: 'Lead',
      field: 'Phone',
      operator: 'is_blank',
      message: 'A Lead needs a phone number.',
      errorDisplayField: 'Phone',
    });
    const [result] = await collection('PATCH', [{ Id: leadIds[0], Title: 'CTO' }]);
    expect(result?.errors[0]).toMatchObject({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      fields: ['Phone'],
    });
  });
});

describe('the org’s automation is metadata', () => {
  it('survives a restart from the data file', async () => {
    const folder = makeTempDirectory('automation');
    try {
      const dataFile = path.join(folder.path, 'org.json');
      const first = await startDemoOrg({ leads: 1, seed: 'automation', dataFile });
      await fetch(`${first.url}/__admin/validation-rules`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          object: 'Lead',
          field: 'Title',
          operator: 'equals',
          value: 'X',
          message: 'No X',
        }),
      });
      await first.close();
      const again = await startDemoOrg({ dataFile });
      const rules = (await (await fetch(`${again.url}/__admin/validation-rules`)).json()) as {
        rules: { message: string }[];
      };
      await again.close();
      expect(rules.rules.map((rule) => rule.message)).toEqual(['No X']);
    } finally {
      folder.remove();
    }
  });
});
