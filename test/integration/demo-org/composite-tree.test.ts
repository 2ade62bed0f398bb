// sObject Tree (POST /composite/tree/<Object>) as a real org serves it: record trees created all
// or nothing, each record through the same create as POST /sobjects, results level by level.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;

beforeEach(async () => {
  org = await startDemoOrg({ seed: 'composite-tree' });
  token = org.issueSession().access_token;
});
afterEach(async () => {
  await org.close();
});

async function tree(object: string, records: unknown[]) {
  const response = await restCall(org.url, token, 'POST', `/composite/tree/${object}`, { records });
  return { status: response.status, body: (await response.json()) as unknown };
}

const account = (referenceId: string, name: string, children: Record<string, unknown> = {}) => ({
  attributes: { type: 'Account', referenceId },
  Name: name,
  ...children,
});
const contact = (referenceId: string, lastName: string, extra: Record<string, unknown> = {}) => ({
  attributes: { type: 'Contact', referenceId },
  LastName: lastName,
  ...extra,
});

describe('an sObject tree request', () => {
  it('creates roots and their children, answering every referenceId with its id, roots first', async () => {
    const { status, body } = await tree('Account', [
      account('acme', 'Acme', {
        Contacts: { records: [contact('ada', 'Lovelace'), contact('alan', 'Turing')] },
      }),
      account('globex', 'Globex', {
        Opportunities: {
          records: [
            {
              attributes: { type: 'Opportunity', referenceId: 'deal' },
              Name: 'Big deal',
              StageName: 'Prospecting',
              CloseDate: '2027-01-31',
            },
          ],
        },
      }),
    ]);
    expect(status).toBe(201);
    const { hasErrors, results } = body as {
      hasErrors: boolean;
      results: { referenceId: string; id: string }[];
    };
    expect(hasErrors).toBe(false);
    expect(results.map((r) => r.referenceId)).toEqual(['acme', 'globex', 'ada', 'alan', 'deal']);
    const idOf = (ref: string) => results.find((r) => r.referenceId === ref)?.id ?? '';
    expect(org.getRecord('Contact', idOf('ada'))?.AccountId).toBe(idOf('acme'));
    expect(org.getRecord('Contact', idOf('alan'))?.AccountId).toBe(idOf('acme'));
    expect(org.getRecord('Opportunity', idOf('deal'))?.AccountId).toBe(idOf('globex'));
    expect(org.writes().objects).toEqual({
      Account: { created: 2, updated: 0, deleted: 0 },
      Contact: { created: 2, updated: 0, deleted: 0 },
      Opportunity: { created: 1, updated: 0, deleted: 0 },
    });
  });

  it('creates nothing when one record fails, answering only that record and its errors', async () => {
    const { status, body } = await tree('Account', [
      account('ok', 'Fine Inc', {
        Contacts: {
          records: [contact('good', 'Good'), contact('bad', 'Bad', { Email: 'not-an-email' })],
        },
      }),
    ]);
    expect(status).toBe(400);
    expect(body).toEqual({
      hasErrors: true,
      results: [
        {
          referenceId: 'bad',
          errors: [
            {
              statusCode: 'INVALID_EMAIL_ADDRESS',
              message: 'Email: invalid email address: not-an-email',
              fields: ['Email'],
            },
          ],
        },
      ],
    });
    expect(await restQuery(org.url, token, 'SELECT Id FROM Account')).toEqual([]);
    expect(await restQuery(org.url, token, 'SELECT Id FROM Contact')).toEqual([]);
    expect(org.writes().objects).toEqual({});
  });

  it('answers each instance of a duplicate referenceId, creating nothing', async () => {
    const { status, body } = await tree('Account', [
      account('same', 'One'),
      account('same', 'Two'),
    ]);
    expect(status).toBe(400);
    const duplicate = {
      referenceId: 'same',
      errors: [
        {
          statusCode: 'INVALID_INPUT',
          message: 'Duplicate ReferenceId provided in the request',
          fields: [],
        },
      ],
    };
    expect(body).toEqual({ hasErrors: true, results: [duplicate, duplicate] });
    expect(await restQuery(org.url, token, 'SELECT Id FROM Account')).toEqual([]);
  });

  it('refuses more than 200 records before creating any', async () => {
    const records = Array.from({ length: 201 }, (_, i) => account(`a${i}`, `Account ${i}`));
    const { status, body } = await tree('Account', records);
    expect(status).toBe(400);
    expect(body).toMatchObject([{ errorCode: 'INVALID_INPUT' }]);
    expect(await restQuery(org.url, token, 'SELECT Id FROM Account')).toEqual([]);
  });

  it('counts as one API call', async () => {
    const used = (header: string | null) => Number(/api-usage=(\d+)/.exec(header ?? '')?.[1]);
    const before = await restCall(org.url, token, 'GET', '/limits');
    const response = await restCall(org.url, token, 'POST', '/composite/tree/Account', {
      records: [account('x', 'X', { Contacts: { records: [contact('y', 'Y')] } })],
    });
    expect(response.status).toBe(201);
    expect(used(response.headers.get('sforce-limit-info'))).toBe(
      used(before.headers.get('sforce-limit-info')) + 1,
    );
  });
});
