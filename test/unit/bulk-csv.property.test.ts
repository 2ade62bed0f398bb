import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src-main/demo-org/bulk-query';
import { formatDateTime } from '../../src-main/demo-org/sf-datetime';
import type { LeadDescribe } from '../../src-main/core/salesforce/lead-describe';
import { csvConverter } from '../../src-main/core/sync/bulk-lead-import';

const FIELDS = [
  { name: 'Id', type: 'id' },
  { name: 'SystemModstamp', type: 'datetime' },
  { name: 'Company', type: 'string' },
  { name: 'Description', type: 'textarea' },
  { name: 'IsUnreadByOwner', type: 'boolean' },
  { name: 'NumberOfEmployees', type: 'int' },
  { name: 'AnnualRevenue', type: 'currency' },
  { name: 'Lead_Score__c', type: 'double' },
  { name: 'Conversion_Rate__c', type: 'percent' },
  { name: 'LastActivityDate', type: 'date' },
  { name: 'ConvertedDate', type: 'datetime' },
] as const;

const describeOf: LeadDescribe = {
  name: 'Lead',
  fields: FIELDS.map(({ name, type }) => ({ name, type, label: name })),
};

/** Text as Salesforce stores it (never empty), with what CSV must quote. */
const text = fc.string({
  minLength: 1,
  unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', ';', 'é', '漢', '🚀', '\t'),
});
const datetime = fc
  .integer({ min: 0, max: Date.parse('2100-01-01T00:00:00Z') })
  .map((ms) => formatDateTime(ms));

/** A Lead as the REST API answers it (after JSON), in SELECT order. */
const restLead = fc.record({
  Id: fc.stringMatching(/^00Q[0-9A-Za-z]{15}$/),
  SystemModstamp: datetime,
  Company: fc.option(text),
  Description: fc.option(text),
  IsUnreadByOwner: fc.boolean(),
  NumberOfEmployees: fc.option(fc.integer()),
  AnnualRevenue: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
  Lead_Score__c: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
  Conversion_Rate__c: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
  LastActivityDate: fc.option(datetime.map((value) => value.slice(0, 10))),
  ConvertedDate: fc.option(datetime),
});

describe('Bulk API CSV as REST records', () => {
  it('turns a result set the demo org writes into exactly the records the REST API answers', async () => {
    const convert = csvConverter(describeOf);
    await fc.assert(
      fc.asyncProperty(fc.array(restLead, { maxLength: 20 }), async (leads) => {
        const header = `${FIELDS.map(({ name }) => `"${name}"`).join(',')}\n`;
        const lines = leads.map(
          (lead) => `${FIELDS.map(({ name, type }) => csvCell(lead[name], type)).join(',')}\n`,
        );
        const records = await convert(header + lines.join(''));
        // REST's JSON, as the cache stores it: key order, -0 written as 0, and all.
        expect(JSON.stringify(records)).toBe(JSON.stringify(leads));
      }),
      { numRuns: 200 },
    );
  });

  it('reads a result set that begins with a byte order mark as one without', async () => {
    const convert = csvConverter(describeOf);
    const csv = '"Id","SystemModstamp"\n"00Q000000000001AAA","2024-01-01T00:00:00.000Z"\n';
    expect(await convert(`\uFEFF${csv}`)).toEqual(await convert(csv));
    expect(await convert(`\uFEFF${csv}`)).toEqual([
      { Id: '00Q000000000001AAA', SystemModstamp: '2024-01-01T00:00:00.000+0000' },
    ]);
  });

  it('refuses a result set whose rows lack Id or SystemModstamp, or are not CSV', async () => {
    const convert = csvConverter(describeOf);
    await expect(convert('"Id","Company"\n"00Q000000000001AAA","x"\n')).rejects.toMatchObject({
      code: 'SALESFORCE_BAD_RESPONSE',
      message:
        'Salesforce sent a Bulk API result set of Leads Leadbridge could not read. The sync will try again.',
    });
    await expect(
      convert('"Id","SystemModstamp"\n"00Q000000000001AAA","2024-01-01T00:00:00.000Z","extra"\n'),
    ).rejects.toMatchObject({ code: 'SALESFORCE_BAD_RESPONSE' });
  });
});
