// Upsert and look-up by external id through Salesforce's own client library, as its users write
// them: a Lead keyed by its Email (a standard idLookup field, usable as an upsert key in every
// org), one record at a time and as a list (sObject Collections upsert).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWithSfCore, type SfCoreOrg } from './sf-core-org';

let sf: SfCoreOrg;

beforeAll(async () => {
  sf = await connectWithSfCore({ seed: 'conformance-upsert' });
});
afterAll(async () => {
  await sf.close();
});

interface UpsertResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: unknown[];
}

/** `GET /sobjects/Lead/Email/<email>`: the look-up by external id. */
function leadByEmail(email: string, fields?: string): Promise<Record<string, unknown>> {
  const query = fields === undefined ? '' : `?fields=${fields}`;
  return sf.conn.request<Record<string, unknown>>(
    `${sf.conn.baseUrl()}/sobjects/Lead/Email/${encodeURIComponent(email)}${query}`,
  );
}

describe('@salesforce/core upserts by external id', () => {
  it('creates a Lead the first time, then updates the same Lead by its key', async () => {
    const lead = sf.conn.sobject('Lead');
    const first = (await lead.upsert(
      { Email: 'ada@upsert.example', LastName: 'Lovelace', Company: 'Analytical Engines' },
      'Email',
    )) as UpsertResult;
    expect(first).toMatchObject({ success: true, created: true });
    const second = (await lead.upsert(
      { Email: 'ada@upsert.example', Company: 'Difference Engines' },
      'Email',
    )) as UpsertResult;
    expect(second).toMatchObject({ id: first.id, success: true, created: false });
    const found = await leadByEmail('ada@upsert.example', 'Id,LastName,Company');
    expect(found).toMatchObject({
      Id: first.id,
      LastName: 'Lovelace',
      Company: 'Difference Engines',
    });
  });

  it('upserts a list in one collections call, telling created from updated', async () => {
    const lead = sf.conn.sobject('Lead');
    await lead.upsert(
      { Email: 'grace@upsert.example', LastName: 'Hopper', Company: 'Navy' },
      'Email',
    );
    const results = (await lead.upsert(
      [
        { Email: 'grace@upsert.example', Company: 'UNIVAC' },
        { Email: 'alan@upsert.example', LastName: 'Turing', Company: 'Bletchley' },
      ],
      'Email',
    )) as UpsertResult[];
    expect(results.map((r) => [r.success, r.created])).toEqual([
      [true, false],
      [true, true],
    ]);
    const rows = await sf.conn.query<{ Email: string; Company: string }>(
      "SELECT Email, Company FROM Lead WHERE Email LIKE '%@upsert.example' AND Email != 'ada@upsert.example' ORDER BY Email",
    );
    expect(rows.records.map((r) => [r.Email, r.Company])).toEqual([
      ['alan@upsert.example', 'Bletchley'],
      ['grace@upsert.example', 'UNIVAC'],
    ]);
  });

  it('is refused for a field that is not an external id', async () => {
    await expect(
      sf.conn.sobject('Lead').upsert({ Company: 'Acme', LastName: 'Nobody' }, 'Company'),
    ).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
