// Contacts as booking posting meets them in a real org: described as the captured Contact
// describe, found by email in one query, created and updated through sObject Collections beside
// Leads and Events in the same call (each record naming its type), and through single-record
// REST; the request log counts each write per object and per record.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';
import { readSalesforceFixture as fixture } from '../../support/salesforce-fixtures';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 5, seed: 'contacts' });
  token = org.issueSession().access_token;
});
afterAll(async () => {
  await org.close();
});
beforeEach(() => org.clearRequests());

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return restCall(org.url, token, method, path, body, headers);
}

function query(soql: string): Promise<Record<string, unknown>[]> {
  return restQuery(org.url, token, soql);
}

type Field = Record<string, unknown> & { name: string };
const TRAITS = ['type', 'length', 'createable', 'updateable', 'nillable', 'defaultedOnCreate'];
const traits = (field: Field | undefined) =>
  Object.fromEntries(TRAITS.map((key) => [key, field?.[key]]));
/** What booking posting must map when creating: createable, not nillable, not defaulted. */
const required = (fields: Field[]) =>
  fields
    .filter((f) => f.createable === true && f.nillable === false && f.defaultedOnCreate === false)
    .filter((f) => f.type !== 'boolean')
    .map((f) => f.name);

describe('Contact as a real org describes it', () => {
  it('describes every field it has as the captured describe does, requiring LastName only', async () => {
    const response = await api('GET', '/sobjects/Contact/describe');
    expect(response.status).toBe(200);
    const ours = ((await response.json()) as { fields: Field[] }).fields;
    const real = (fixture('contact-describe.json') as { fields: Field[] }).fields;
    const realByName = new Map(real.map((f) => [f.name, f]));
    const names = ours.map((f) => f.name);
    for (const name of [
      'AccountId',
      'Email',
      'Phone',
      'MobilePhone',
      'Title',
      'Department',
      'MailingStreet',
      'MailingCity',
      'MailingCountry',
      'MailingAddress',
      'LeadSource',
      'Description',
      'OwnerId',
    ])
      expect(names).toContain(name);
    const differing = ours
      .filter((f) => realByName.has(f.name))
      .filter((f) => JSON.stringify(traits(f)) !== JSON.stringify(traits(realByName.get(f.name))))
      .map((f) => f.name);
    expect(differing).toEqual([]);
    expect(names.filter((name) => !realByName.has(name))).toEqual([]);
    expect(required(ours)).toEqual(required(real));
    expect(required(ours)).toEqual(['LastName']);
  });
});

describe('seeded Contacts and the look-up by email', () => {
  it('finds Contacts and Leads by email in one query each, one person being both', async () => {
    const contacts = await query('SELECT Id, Email, AccountId, Account.Name FROM Contact');
    expect(contacts).toHaveLength(4);
    expect(contacts.every((c) => typeof c.AccountId === 'string')).toBe(true);
    const leads = await query('SELECT Id, Email FROM Lead WHERE IsConverted = false ORDER BY Id');
    const emails = [String(leads[0]?.Email), String(contacts[1]?.Email), 'nobody@example.com'];
    const inList = emails.map((e) => `'${e}'`).join(', ');
    const foundContacts = await query(
      `SELECT Id, Email, FirstName, LastName FROM Contact WHERE Email IN (${inList})`,
    );
    const foundLeads = await query(
      `SELECT Id, Email FROM Lead WHERE Email IN (${inList}) AND IsConverted = false`,
    );
    expect(foundContacts.map((c) => c.Email).sort()).toEqual(emails.slice(0, 2).sort());
    expect(foundLeads.map((l) => l.Id)).toEqual([leads[0]?.Id]);
  });
});

describe('Contacts written through the API', () => {
  it('creates a Lead and a Contact in one collection call, then updates both in one, counted per object and record', async () => {
    const created = await api('POST', '/composite/sobjects', {
      allOrNone: false,
      records: [
        {
          attributes: { type: 'Lead' },
          LastName: 'Ito',
          Company: 'Kumo',
          Email: 'ito@kumo.example',
        },
        {
          attributes: { type: 'Contact' },
          LastName: 'Sato',
          FirstName: 'Rin',
          Email: 'rin.sato@kumo.example',
          MailingCity: 'Osaka',
        },
      ],
    });
    expect(created.status).toBe(200);
    const [lead, contact] = (await created.json()) as { id: string; success: boolean }[];
    expect([lead?.success, contact?.success]).toEqual([true, true]);
    expect(lead?.id.slice(0, 3)).toBe('00Q');
    expect(contact?.id.slice(0, 3)).toBe('003');
    const updated = await api(
      'PATCH',
      '/composite/sobjects',
      {
        allOrNone: false,
        records: [
          { attributes: { type: 'Lead' }, Id: lead?.id, Title: 'CTO' },
          { attributes: { type: 'Contact' }, Id: contact?.id, Title: 'CFO', Phone: '+81 6 0000' },
        ],
      },
      { 'Sforce-Auto-Assign': 'FALSE' },
    );
    expect(((await updated.json()) as { success: boolean }[]).map((r) => r.success)).toEqual([
      true,
      true,
    ]);
    expect(org.getRecord('Contact', String(contact?.id))).toMatchObject({
      Name: 'Rin Sato',
      Title: 'CFO',
      MailingCity: 'Osaka',
    });
    expect(org.writes()).toEqual({
      objects: {
        Lead: { created: 1, updated: 1, deleted: 0 },
        Contact: { created: 1, updated: 1, deleted: 0 },
      },
      records: {
        [String(lead?.id)]: { object: 'Lead', created: 1, updated: 1, deleted: 0 },
        [String(contact?.id)]: { object: 'Contact', created: 1, updated: 1, deleted: 0 },
      },
    });
  });

  it('takes a Contact through single-record REST and an Event on it, counting exactly one of each', async () => {
    const created = await api('POST', '/sobjects/Contact', {
      LastName: 'Kato',
      Email: 'kato@example.com',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(created.headers.get('location')).toBe(`/services/data/v62.0/sobjects/Contact/${id}`);
    const event = await api('POST', '/composite/sobjects', {
      records: [
        {
          attributes: { type: 'Event' },
          WhoId: id,
          Subject: 'Intro call: Kato',
          StartDateTime: '2026-12-02T01:00:00Z',
          EndDateTime: '2026-12-02T01:30:00Z',
          Location: 'https://meet.example/kato',
        },
      ],
    });
    const [eventResult] = (await event.json()) as { id: string; success: boolean }[];
    expect(eventResult?.success).toBe(true);
    const events = await query(`SELECT Id, Subject, Who.Name FROM Event WHERE WhoId = '${id}'`);
    expect(events).toMatchObject([{ Id: eventResult?.id, Subject: 'Intro call: Kato' }]);
    const read = (await (await api('GET', `/sobjects/Contact/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(read).toMatchObject({ Id: id, LastName: 'Kato', Email: 'kato@example.com' });
    const admin = (await (await fetch(`${org.url}/__admin/writes`)).json()) as unknown;
    expect(admin).toEqual(org.writes());
    expect(org.writes().objects).toEqual({
      Contact: { created: 1, updated: 0, deleted: 0 },
      Event: { created: 1, updated: 0, deleted: 0 },
    });
  });
});
