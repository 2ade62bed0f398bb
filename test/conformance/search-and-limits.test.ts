// Salesforce's own client library against the demo org: SOSL and parameterized search, recently
// viewed records, record counts and page layouts — written as a user of `@salesforce/core`
// writes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWithSfCore, type SfCoreOrg } from './sf-core-org';

interface Named {
  attributes: { type: string; url: string };
  Id: string;
  Name?: string;
}

let sf: SfCoreOrg;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sf = await connectWithSfCore({ leads: 20, contacts: 0, seed: 'search-conformance' });
  const leads = sf.conn.sobject('Lead');
  for (const [key, FirstName, Company] of [
    ['ottilie', 'Ottilie', 'Brightwater Ltd'],
    ['oswin', 'Oswin', 'Harbour & Sons'],
  ] as const) {
    const created = await leads.create({ FirstName, LastName: 'Fairweather', Company });
    ids[key] = created.id ?? '';
  }
  const contact = await sf.conn.sobject('Contact').create({
    FirstName: 'Ottilie',
    LastName: 'Fairweather',
    Email: 'ottilie@brightwater.example',
  });
  ids.contact = contact.id ?? '';
});
afterAll(async () => {
  await sf.close();
});

describe('@salesforce/core searches the demo org', () => {
  it('runs SOSL with conn.search and reads searchRecords', async () => {
    const result = await sf.conn.search(
      'FIND {Fairweather} IN NAME FIELDS RETURNING Lead(Id, Name ORDER BY FirstName), Contact(Id, Name)',
    );
    expect(result.searchRecords.map((r) => [r.attributes?.type, r.Id, r.Name])).toEqual([
      ['Lead', ids.oswin, 'Oswin Fairweather'],
      ['Lead', ids.ottilie, 'Ottilie Fairweather'],
      ['Contact', ids.contact, 'Ottilie Fairweather'],
    ]);
  });

  it('finds with a wildcard and filters with WHERE', async () => {
    const result = await sf.conn.search(
      "FIND {Fairw*} RETURNING Lead(Id WHERE Company LIKE 'Bright%')",
    );
    expect(result.searchRecords.map((r) => r.Id)).toEqual([ids.ottilie]);
  });

  it('is told INVALID_SEARCH for a one-character term and MALFORMED_SEARCH for bad syntax', async () => {
    await expect(sf.conn.search('FIND {O} RETURNING Lead')).rejects.toMatchObject({
      errorCode: 'INVALID_SEARCH',
    });
    await expect(sf.conn.search('FIND {Harbour & Sons} RETURNING Lead')).rejects.toMatchObject({
      errorCode: 'MALFORMED_SEARCH',
    });
    const escaped = await sf.conn.search('FIND {Harbour \\& Sons} RETURNING Lead(Id)');
    expect(escaped.searchRecords.map((r) => r.Id)).toEqual([ids.oswin]);
  });

  it('runs a parameterized search through conn.request', async () => {
    const result = await sf.conn.request<{ searchRecords: Named[] }>(
      `${sf.conn.baseUrl()}/parameterizedSearch?q=Ottilie&sobject=Lead&Lead.fields=Id,Name`,
    );
    expect(result.searchRecords.map((r) => [r.Id, r.Name])).toEqual([
      [ids.ottilie, 'Ottilie Fairweather'],
    ]);
  });
});

describe('@salesforce/core reads recently viewed records', () => {
  it('lists what a FOR VIEW query marked, newest first, with conn.recent', async () => {
    await sf.conn.query(`SELECT Id FROM Lead WHERE Id = '${ids.ottilie}' FOR VIEW`);
    await sf.conn.query(`SELECT Id FROM Contact WHERE Id = '${ids.contact}' FOR VIEW`);
    await sf.conn.query(`SELECT Id FROM Lead WHERE Id = '${ids.oswin}' FOR VIEW`);
    const recent = (await sf.conn.recent(2)) as Named[];
    expect(recent.map((r) => [r.attributes.type, r.Id, r.Name])).toEqual([
      ['Lead', ids.oswin, 'Oswin Fairweather'],
      ['Contact', ids.contact, 'Ottilie Fairweather'],
    ]);
    const leads = (await sf.conn.recent('Lead')) as Named[];
    expect(leads.map((r) => r.Id)).toEqual([ids.oswin, ids.ottilie]);
  });
});

describe('@salesforce/core reads record counts and layouts', () => {
  it('counts records per object with /limits/recordCount', async () => {
    const counts = await sf.conn.request<{ sObjects: { count: number; name: string }[] }>(
      '/services/data/v62.0/limits/recordCount?sObjects=Lead,Contact',
    );
    expect(counts.sObjects).toEqual([
      { count: 22, name: 'Lead' },
      { count: 1, name: 'Contact' },
    ]);
  });

  it('describes the Lead page layout with sobject().layouts()', async () => {
    const result = await sf.conn.sobject('Lead').layouts();
    expect(result.recordTypeSelectorRequired).toEqual([false]);
    expect(result.recordTypeMappings[0]).toMatchObject({
      recordTypeId: '012000000000000AAA',
      layoutId: result.layouts[0]?.id,
    });
    const fields = (result.layouts[0]?.detailLayoutSections ?? []).flatMap((section) =>
      section.layoutRows.flatMap((row) =>
        row.layoutItems.flatMap((item) =>
          item.layoutComponents.filter((c) => c.type === 'Field').map((c) => c.value),
        ),
      ),
    );
    expect(fields).toEqual(expect.arrayContaining(['LastName', 'Company', 'Email', 'Status']));
  });
});
