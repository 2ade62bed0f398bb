// Whatever a client sends, the org answers in Salesforce's shape and keeps running.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg } from '../../../src-main/demo-org/index';
import type { DemoOrgHandle } from '../../../src-main/demo-org/index';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 50, seed: 'fuzz' });
  token = org.issueSession().access_token;
});
afterAll(async () => {
  await org.close();
});

async function call(
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${org.url}/services/data/v62.0${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

function isSalesforceError(json: unknown): boolean {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    json.every(
      (e: unknown) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as Record<string, unknown>).message === 'string' &&
        typeof (e as Record<string, unknown>).errorCode === 'string',
    )
  );
}

function assertShaped(result: { status: number; json: unknown }): void {
  if (result.status >= 400)
    expect(isSalesforceError(result.json), JSON.stringify(result.json)).toBe(true);
  else expect(result.status).toBeLessThan(300);
}

const soqlish = fc.oneof(
  fc.string(),
  fc
    .tuple(
      fc.constantFrom('SELECT', 'select', 'SELEKT'),
      fc.array(
        fc.constantFrom(
          'Id',
          'Name',
          'Email',
          'Bogus__c',
          'Owner.Email',
          'COUNT()',
          'FIELDS(STANDARD)',
          ',',
        ),
        { minLength: 0, maxLength: 4 },
      ),
      fc.constantFrom('FROM Lead', 'FROM User', 'FROM Nope', ''),
      fc.constantFrom(
        '',
        "WHERE Name = 'x'",
        "WHERE Lead_Score__c > 5 AND (Status != null OR NOT Email LIKE '%a')",
        'WHERE CreatedDate = LAST_N_DAYS:3',
        'WHERE Id IN (',
        "WHERE Lead_Score__c = 'x'",
      ),
      fc.constantFrom('', 'ORDER BY Name DESC NULLS LAST', 'LIMIT 5', 'OFFSET 3000', 'LIMIT -1'),
    )
    .map((parts) => parts.flat().join(' ')),
);

describe('fuzzing never breaks the org', () => {
  it('answers arbitrary SOQL with results or a Salesforce error', async () => {
    await fc.assert(
      fc.asyncProperty(soqlish, async (soql) => {
        assertShaped(await call('GET', `/query?q=${encodeURIComponent(soql)}`));
      }),
      { numRuns: 150 },
    );
  });

  it('answers arbitrary JSON bodies to records and collections', async () => {
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc
        .dictionary(
          fc.constantFrom(
            'LastName',
            'Company',
            'Email',
            'Lead_Score__c',
            'Meeting_Status__c',
            'OwnerId',
            'Name',
            'attributes',
            'Id',
            'x__c',
          ),
          fc.jsonValue(),
        )
        .map((o) => JSON.stringify(o)),
      fc
        .array(
          fc.dictionary(
            fc.constantFrom('attributes', 'Id', 'LastName', 'Company'),
            fc.oneof(fc.jsonValue(), fc.constant({ type: 'Lead' })),
          ),
          { maxLength: 3 },
        )
        .map((records) => JSON.stringify({ allOrNone: false, records })),
    );
    const target = fc.constantFrom(
      ['POST', '/sobjects/Lead'],
      ['POST', '/composite/sobjects'],
      ['PATCH', '/composite/sobjects'],
      ['PATCH', '/sobjects/Lead/00QdM0000000001'],
    );
    await fc.assert(
      fc.asyncProperty(target, body, async ([method, path], payload) => {
        assertShaped(await call(method, path, payload));
      }),
      { numRuns: 200 },
    );
    expect((await call('GET', '/limits')).status).toBe(200);
  });
});
