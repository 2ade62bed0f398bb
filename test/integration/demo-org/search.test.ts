// SOSL search (`/search`) and parameterized search (`/parameterizedSearch`), as a real org answers them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
const ids: Record<string, string> = {};

interface Found {
  attributes: { type: string; url: string };
  Id?: string;
  [field: string]: unknown;
}

async function create(
  object: string,
  name: string,
  values: Record<string, unknown>,
): Promise<void> {
  const res = await restCall(org.url, token, 'POST', `/sobjects/${object}`, values);
  ids[name] = ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  org = await startDemoOrg({ leads: 10, seed: 'search' });
  token = org.issueSession().access_token;
  await create('Lead', 'zebulon', {
    FirstName: 'Zebulon',
    LastName: 'Quartermaine',
    Company: 'Quuxly Labs',
    Email: 'zeb.q@quuxly.example',
    Phone: '(415) 555-0199',
  });
  await create('Lead', 'zara', {
    FirstName: 'Zara',
    LastName: 'Quartermaine',
    Company: 'Other Co',
    Email: 'zara@elsewhere.example',
  });
  await create('Contact', 'zebContact', {
    FirstName: 'Zebulon',
    LastName: 'Quartermaine',
    Email: 'zebulon@quuxly.example',
  });
  await create('Lead', 'deleted', {
    LastName: 'Quartermaine',
    Company: 'Gone Ltd',
  });
  await restCall(org.url, token, 'DELETE', `/sobjects/Lead/${ids.deleted}`);
});
afterAll(async () => {
  await org.close();
});

async function search(sosl: string): Promise<{ status: number; body: unknown }> {
  const res = await restCall(org.url, token, 'GET', `/search?q=${encodeURIComponent(sosl)}`);
  return { status: res.status, body: await res.json() };
}

async function found(sosl: string): Promise<Found[]> {
  const { status, body } = await search(sosl);
  expect(status, JSON.stringify(body)).toBe(200);
  return (body as { searchRecords: Found[] }).searchRecords;
}

describe('GET /search (SOSL)', () => {
  it('answers {searchRecords} with each RETURNING object’s fields, deleted records left out', async () => {
    const records = await found(
      'FIND {Quartermaine} RETURNING Lead(Id, Name, Company), Contact(Id, Name)',
    );
    expect(records).toEqual([
      {
        attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${ids.zebulon}` },
        Id: ids.zebulon,
        Name: 'Zebulon Quartermaine',
        Company: 'Quuxly Labs',
      },
      {
        attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${ids.zara}` },
        Id: ids.zara,
        Name: 'Zara Quartermaine',
        Company: 'Other Co',
      },
      {
        attributes: {
          type: 'Contact',
          url: `/services/data/v62.0/sobjects/Contact/${ids.zebContact}`,
        },
        Id: ids.zebContact,
        Name: 'Zebulon Quartermaine',
      },
    ]);
  });

  it('without RETURNING answers the Ids of matches in every searchable object', async () => {
    const records = await found('FIND {Zebulon}');
    expect(records.map((r) => [r.attributes.type, r.Id])).toEqual([
      ['Lead', ids.zebulon],
      ['Contact', ids.zebContact],
    ]);
    expect(Object.keys(records[0] ?? {})).toEqual(['attributes', 'Id']);
  });

  it('RETURNING runs WHERE, ORDER BY and LIMIT as SOQL does, and LIMIT caps the whole search', async () => {
    const ordered = await found(
      "FIND {Quartermaine} RETURNING Lead(Name WHERE Company != 'Other Co' ORDER BY Name DESC LIMIT 5)",
    );
    expect(ordered.map((r) => r.Name)).toEqual(['Zebulon Quartermaine']);
    const byName = await found('FIND {Quartermaine} RETURNING Lead(Name ORDER BY FirstName DESC)');
    expect(byName.map((r) => r.Name)).toEqual(['Zebulon Quartermaine', 'Zara Quartermaine']);
    const capped = await found('FIND {Quartermaine} RETURNING Lead(Id), Contact(Id) LIMIT 2');
    expect(capped.map((r) => r.attributes.type)).toEqual(['Lead', 'Lead']);
  });

  it('IN EMAIL / PHONE / NAME FIELDS searches only those fields', async () => {
    const email = await found('FIND {quuxly} IN EMAIL FIELDS RETURNING Lead(Id), Contact(Id)');
    expect(email.map((r) => r.Id)).toEqual([ids.zebulon, ids.zebContact]);
    const phone = await found('FIND {415\\-555\\-0199} IN PHONE FIELDS RETURNING Lead(Id)');
    expect(phone.map((r) => r.Id)).toEqual([ids.zebulon]);
    // "Quuxly" is the Lead's Company and the domain of both emails, never a name.
    expect(await found('FIND {Quuxly} IN NAME FIELDS RETURNING Lead(Id), Contact(Id)')).toEqual([]);
    const all = await found('FIND {Quuxly} RETURNING Lead(Id), Contact(Id)');
    expect(all.map((r) => r.Id)).toEqual([ids.zebulon, ids.zebContact]);
  });

  it('finds with wildcards, quoted phrases and AND / OR / AND NOT', async () => {
    const leads = async (term: string): Promise<(string | undefined)[]> =>
      (await found(`FIND {${term}} RETURNING Lead(Id)`)).map((r) => r.Id);
    expect(await leads('Zebu*')).toEqual([ids.zebulon]);
    expect(await leads('Z?ra')).toEqual([ids.zara]);
    // Words match whole: a prefix needs the wildcard.
    expect(await leads('Zebul')).toEqual([]);
    expect(await leads('"Zara Quartermaine"')).toEqual([ids.zara]);
    expect(await leads('"Quartermaine Zara"')).toEqual([]);
    expect(await leads('Zara OR Zebulon')).toEqual([ids.zebulon, ids.zara]);
    expect(await leads('Quartermaine AND NOT Zara')).toEqual([ids.zebulon]);
    expect(await leads('Quartermaine Labs')).toEqual([ids.zebulon]);
  });

  it('refuses a one-character term with INVALID_SEARCH', async () => {
    expect(await search('FIND {Z} RETURNING Lead')).toEqual({
      status: 400,
      body: [
        {
          errorCode: 'INVALID_SEARCH',
          message: 'search term must be longer than one character: Z',
        },
      ],
    });
  });

  it('refuses an unescaped reserved character with MALFORMED_SEARCH, and finds it escaped', async () => {
    const refused = await search('FIND {Quartermaine-Zara} RETURNING Lead');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual([
      {
        errorCode: 'MALFORMED_SEARCH',
        message:
          "\nFIND {Quartermaine-Zara} RETURNING Lead\n                  ^\nERROR at Row:1:Column:19\nmismatched character '-' expecting '}'",
      },
    ]);
    expect((await search('FIND {Quartermaine\\-Zara} RETURNING Lead')).status).toBe(200);
  });

  it('reports an unknown field or object as SOQL does, pointing into the search', async () => {
    const field = await search('FIND {Zara} RETURNING Lead(Nope__c)');
    expect(field.status).toBe(400);
    expect((field.body as { errorCode: string; message: string }[])[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining(
        "\nFIND {Zara} RETURNING Lead(Nope__c)\n                           ^\nERROR at Row:1:Column:28\nNo such column 'Nope__c' on entity 'Lead'.",
      ) as string,
    });
    const object = await search('FIND {Zara} RETURNING Widget__c(Id)');
    expect((object.body as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_TYPE');
    const syntax = await search('FIND {Zara} IN EVERY FIELDS');
    expect((syntax.body as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_SEARCH');
  });

  it('leaves out records shared away from the API user', async () => {
    org.setVisible(ids.zara ?? '', false);
    try {
      expect((await found('FIND {Zara} RETURNING Lead(Id)')).length).toBe(0);
    } finally {
      org.setVisible(ids.zara ?? '', true);
    }
  });

  it('answers any input with results or a Salesforce-shaped 400, never a 500', async () => {
    const piece = fc.constantFrom(
      'FIND',
      '{',
      '}',
      'Zara',
      'Quartermaine*',
      '"',
      '\\',
      'IN',
      'ALL',
      'NAME',
      'FIELDS',
      'RETURNING',
      'Lead',
      'Contact',
      '(',
      ')',
      'Id',
      'Name',
      ',',
      'WHERE',
      "Name = 'x'",
      'ORDER BY',
      'LIMIT',
      '5',
      'AND',
      'OR',
      'NOT',
      '-',
      '?',
      '|',
    );
    const sosl = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(' ')),
      fc.array(piece, { maxLength: 10 }).map((parts) => `FIND {${parts.join(' ')}} RETURNING Lead`),
    );
    await fc.assert(
      fc.asyncProperty(sosl, async (q) => {
        const { status, body } = await search(q);
        if (status === 200) {
          expect(Array.isArray((body as { searchRecords: unknown }).searchRecords)).toBe(true);
          return;
        }
        expect(status).toBe(400);
        expect(body).toEqual([
          { errorCode: expect.any(String) as string, message: expect.any(String) as string },
        ]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('GET /parameterizedSearch', () => {
  it('searches q in the named objects with their fields and limits', async () => {
    const res = await restCall(
      org.url,
      token,
      'GET',
      '/parameterizedSearch?q=Quartermaine&sobject=Lead&Lead.fields=Id,Name&Lead.limit=1&sobject=Contact',
    );
    expect(await res.json()).toEqual({
      searchRecords: [
        {
          attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${ids.zebulon}` },
          Id: ids.zebulon,
          Name: 'Zebulon Quartermaine',
        },
        {
          attributes: {
            type: 'Contact',
            url: `/services/data/v62.0/sobjects/Contact/${ids.zebContact}`,
          },
          Id: ids.zebContact,
        },
      ],
    });
  });

  it('refuses a search without q', async () => {
    const res = await restCall(org.url, token, 'GET', '/parameterizedSearch?sobject=Lead');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_SEARCH');
  });
});

it('answers a bare array of records before API v37.0, as Salesforce did until Summer ’16', async () => {
  const sosl = encodeURIComponent('FIND {Zara} RETURNING Lead(Id)');
  const at = async (version: string): Promise<unknown> =>
    (
      await fetch(`${org.url}/services/data/v${version}/search?q=${sosl}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
  const record = {
    attributes: { type: 'Lead', url: `/services/data/v36.0/sobjects/Lead/${ids.zara}` },
    Id: ids.zara,
  };
  expect(await at('36.0')).toEqual([record]);
  expect(await at('37.0')).toEqual({
    searchRecords: [
      {
        ...record,
        attributes: { ...record.attributes, url: record.attributes.url.replace('v36.0', 'v37.0') },
      },
    ],
  });
});

it('parameterizedSearch does not exist before v36.0, where Salesforce added it', async () => {
  const res = await fetch(`${org.url}/services/data/v35.0/parameterizedSearch?q=Zara`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(404);
});

it('the version root advertises search, parameterizedSearch and recent', async () => {
  const root = (await (await restCall(org.url, token, 'GET', '')).json()) as Record<string, string>;
  expect(root).toMatchObject({
    search: '/services/data/v62.0/search',
    parameterizedSearch: '/services/data/v62.0/parameterizedSearch',
    recent: '/services/data/v62.0/recent',
  });
});
