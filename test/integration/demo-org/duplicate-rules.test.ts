// Duplicate rules by email on Leads and Contacts, as a real org applies them to API saves: Block
// refuses; Allow with an alert refuses unless the call acknowledges it
// (Sforce-Duplicate-Rule-Header: allowSave=true); Allow alone saves. A single-record call names
// the matched records (DuplicateResult, under Salesforce's misspelt `duplicateResut` key), a
// collection answer only says DUPLICATES_DETECTED — both as the captured fixtures show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startDemoOrg,
  type DemoOrgHandle,
  type DuplicateRules,
} from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';
import { readSalesforceFixture as fixture } from '../../support/salesforce-fixtures';
import { shape } from './json-shape';

let org: DemoOrgHandle;
let token: string;
/** The seeded Contact that is the same person as the first seeded Lead. */
let twin: { contactId: string; leadId: string; email: string };

beforeEach(async () => {
  org = await startDemoOrg({ leads: 3, seed: 'duplicate-rules' });
  token = org.issueSession().access_token;
  const [lead] = await restQuery(org.url, token, 'SELECT Id, Email FROM Lead ORDER BY Id LIMIT 1');
  const email = String(lead?.Email);
  const [contact] = await restQuery(
    org.url,
    token,
    `SELECT Id FROM Contact WHERE Email = '${email}'`,
  );
  twin = { contactId: String(contact?.Id), leadId: String(lead?.Id), email };
});
afterEach(async () => {
  await org.close();
});

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return restCall(org.url, token, method, path, body, headers);
}

async function setRules(rules: Record<string, unknown>): Promise<Response> {
  return fetch(`${org.url}/__admin/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ duplicateRules: rules }),
  });
}

const contact = (email: string) => ({ LastName: 'Twin', FirstName: 'Again', Email: email });
const ALLOW_SAVE = { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' };

describe('a Block duplicate rule on Contact', () => {
  beforeEach(async () => {
    expect((await setRules({ Contact: { action: 'block' } })).status).toBe(200);
  });

  it('refuses a single-record create with the DuplicateResult naming the matched Contact, in the real shape', async () => {
    const response = await api('POST', '/sobjects/Contact', contact(twin.email.toUpperCase()));
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>[];
    expect(shape(body)).toEqual(shape(fixture('error-duplicates-detected.json')));
    expect(body[0]).toMatchObject({
      errorCode: 'DUPLICATES_DETECTED',
      duplicateResut: {
        allowSave: false,
        duplicateRuleEntityType: 'Contact',
        matchResults: [
          {
            entityType: 'Contact',
            size: 1,
            matchRecords: [
              {
                record: {
                  attributes: {
                    type: 'Contact',
                    url: `/services/data/v62.0/sobjects/Contact/${twin.contactId}`,
                  },
                  Id: twin.contactId,
                },
              },
            ],
          },
        ],
      },
    });
    // Even the acknowledging header does not get past Block.
    expect((await api('POST', '/sobjects/Contact', contact(twin.email), ALLOW_SAVE)).status).toBe(
      400,
    );
  });

  it('refuses the duplicate inside a collection with DUPLICATES_DETECTED only, saving the others', async () => {
    const response = await api('POST', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Contact' }, ...contact(twin.email) },
        { attributes: { type: 'Contact' }, ...contact('someone.new@example.com') },
        { attributes: { type: 'Lead' }, LastName: 'Lead', Company: 'Co', Email: twin.email },
      ],
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as Record<string, unknown>[];
    expect(shape(results.slice(0, 2))).toEqual(
      shape(fixture('composite-create-response-duplicates-detected.json')),
    );
    expect(results[0]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'DUPLICATES_DETECTED',
          message:
            "You're creating a duplicate record. We recommend you use an existing record instead.",
          fields: [],
        },
      ],
    });
    // No rule on Lead: the Lead with the Contact's email is saved.
    expect(results.slice(1).map((r) => r.success)).toEqual([true, true]);
    expect(org.writes().objects).toEqual({
      Contact: { created: 1, updated: 0, deleted: 0 },
      Lead: { created: 1, updated: 0, deleted: 0 },
    });
  });

  it('refuses an update that gives a Contact another Contact’s email, and lets its own email be saved again', async () => {
    const [other] = await restQuery(
      org.url,
      token,
      `SELECT Id FROM Contact WHERE Id != '${twin.contactId}' LIMIT 1`,
    );
    const refused = await api('PATCH', `/sobjects/Contact/${String(other?.Id)}`, {
      Email: twin.email,
    });
    expect(refused.status).toBe(400);
    const self = await api('PATCH', `/sobjects/Contact/${twin.contactId}`, {
      Email: twin.email,
      Title: 'Same person',
    });
    expect(self.status).toBe(204);
  });
});

describe('an Allow duplicate rule', () => {
  it('with an alert refuses an API save unless the call acknowledges it with allowSave=true', async () => {
    await setRules({ Contact: { action: 'alert', message: 'Use one of these records?' } });
    const refused = await api('POST', '/sobjects/Contact', contact(twin.email));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Record<string, unknown>[])[0]).toMatchObject({
      message: 'Use one of these records?',
      duplicateResut: { allowSave: true, errorMessage: 'Use one of these records?' },
    });
    const single = await api('POST', '/sobjects/Contact', contact(twin.email), ALLOW_SAVE);
    expect(single.status).toBe(201);
    const collection = (await (
      await api(
        'POST',
        '/composite/sobjects',
        { records: [{ attributes: { type: 'Contact' }, ...contact(twin.email) }] },
        { 'Sforce-Duplicate-Rule-Header': 'allowSave=true; includeRecordDetails=false' },
      )
    ).json()) as { success: boolean }[];
    expect(collection).toMatchObject([{ success: true }]);
  });

  it('with an alert lets a person save anyway, while Block refuses the person too', async () => {
    const [other] = await restQuery(
      org.url,
      token,
      `SELECT Id FROM Contact WHERE Id != '${twin.contactId}' LIMIT 1`,
    );
    const edit = (rules: Record<string, unknown>) =>
      setRules(rules).then(() =>
        fetch(`${org.url}/__admin/sobjects/Contact/${String(other?.Id)}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ Email: twin.email }),
        }),
      );
    expect((await edit({ Contact: { action: 'block' } })).status).toBe(400);
    expect((await edit({ Contact: { action: 'alert' } })).status).toBe(200);
  });

  it('without an alert (report only) saves the duplicate', async () => {
    await setRules({ Contact: { action: 'allow' } });
    expect((await api('POST', '/sobjects/Contact', contact(twin.email))).status).toBe(201);
  });
});

describe('a Lead rule whose matching rules cover Contacts', () => {
  it('names the matched Contact when a new Lead has a Contact’s email, and matched Leads beside it', async () => {
    await setRules({ Lead: { action: 'block', matchAgainst: ['Lead', 'Contact'] } });
    const response = await api('POST', '/sobjects/Lead', {
      LastName: 'Again',
      Company: 'Co',
      Email: twin.email,
    });
    expect(response.status).toBe(400);
    const [error] = (await response.json()) as {
      duplicateResut: {
        duplicateRuleEntityType: string;
        matchResults: { entityType: string; matchRecords: { record: { Id: string } }[] }[];
      };
    }[];
    expect(error?.duplicateResut.duplicateRuleEntityType).toBe('Lead');
    expect(
      error?.duplicateResut.matchResults.map((m) => [
        m.entityType,
        m.matchRecords.map((r) => r.record.Id),
      ]),
    ).toEqual([
      ['Lead', [twin.leadId]],
      ['Contact', [twin.contactId]],
    ]);
  });
});

describe('the duplicate rules are admin settings', () => {
  it('reads them back, keeps the duplicateRuleOnEmail shorthand, removes one with null, and refuses nonsense', async () => {
    const settings = async () =>
      (await (await fetch(`${org.url}/__admin/settings`)).json()) as {
        duplicateRules: DuplicateRules;
        duplicateRuleOnEmail: boolean;
      };
    await fetch(`${org.url}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ duplicateRuleOnEmail: true }),
    });
    expect(await settings()).toMatchObject({
      duplicateRuleOnEmail: true,
      duplicateRules: { Lead: { action: 'block', matchAgainst: ['Lead'] } },
    });
    await setRules({ Contact: { action: 'alert' } });
    expect(Object.keys((await settings()).duplicateRules).sort()).toEqual(['Contact', 'Lead']);
    await fetch(`${org.url}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ duplicateRuleOnEmail: false }),
    });
    expect(await settings()).toEqual(
      expect.objectContaining({
        duplicateRuleOnEmail: false,
        duplicateRules: {
          Contact: { action: 'alert', matchAgainst: ['Contact'], message: expect.any(String) },
        },
      }),
    );
    await setRules({ Contact: null });
    expect((await settings()).duplicateRules).toEqual({});
    expect((await setRules({ Account: { action: 'block' } })).status).toBe(400);
    expect((await setRules({ Lead: { action: 'warn' } })).status).toBe(400);
    expect((await setRules({ Lead: { action: 'block', matchAgainst: ['User'] } })).status).toBe(
      400,
    );
  });
});
