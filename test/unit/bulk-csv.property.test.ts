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
  it('turns a result set the demo org writes into exactly the records the REST API answers', () => {
    const convert = csvConverter(describeOf);
    fc.assert(
      fc.property(fc.array(restLead, { maxLength: 20 }), (leads) => {
        const header = `${FIELDS.map(({ name }) => `"${name}"`).join(',')}\n`;
        const lines = leads.map(
          (lead) => `${FIELDS.map(({ name, type }) => csvCell(lead[name], type)).join(',')}\n`,
        );
        const records = convert({ csv: header + lines.join(''), records: leads.length });
        // REST's JSON, as the cache stores it: key order, -0 written as 0, and all.
        expect(JSON.stringify(records)).toBe(JSON.stringify(leads));
      }),
      { numRuns: 200 },
    );
  });

  it('reads a result set that begins with a byte order mark as one without', () => {
    const convert = csvConverter(describeOf);
    const csv = '"Id","SystemModstamp"\n"00Q000000000001AAA","2024-01-01T00:00:00.000Z"\n';
    expect(convert({ csv: `\uFEFF${csv}`, records: 1 })).toEqual(convert({ csv, records: 1 }));
    expect(convert({ csv: `\uFEFF${csv}`, records: 1 })).toEqual([
      { Id: '00Q000000000001AAA', SystemModstamp: '2024-01-01T00:00:00.000+0000' },
    ]);
  });

  it('refuses a result set whose rows lack Id or SystemModstamp, or are not CSV', () => {
    const convert = csvConverter(describeOf);
    expect(() =>
      convert({ csv: '"Id","Company"\n"00Q000000000001AAA","x"\n', records: 1 }),
    ).toThrow(
      expect.objectContaining({
        code: 'SALESFORCE_BAD_RESPONSE',
        message:
          'Salesforce sent a Bulk API result set of Leads Leadbridge could not read. The sync will try again.',
      }),
    );
    expect(() =>
      convert({
        csv: '"Id","SystemModstamp"\n"00Q000000000001AAA","2024-01-01T00:00:00.000Z","extra"\n',
        records: 1,
      }),
    ).toThrow(expect.objectContaining({ code: 'SALESFORCE_BAD_RESPONSE' }));
  });

  it('refuses a result set with fewer or more rows than its Sforce-NumberOfRecords says: none lost in silence', () => {
    const convert = csvConverter(describeOf);
    const header = '"Id","SystemModstamp"\n';
    const row = (n: number) => `"00Q00000000000${n}AAA","2024-01-01T00:00:00.000Z"\n`;
    // A row cut short (a column missing) must not vanish from the set.
    const cut = `${header}${row(1)}"00Q000000000002AAA"\n${row(3)}`;
    expect(() => convert({ csv: cut, records: 3 })).toThrow(
      expect.objectContaining({ code: 'SALESFORCE_BAD_RESPONSE' }),
    );
    expect(() => convert({ csv: `${header}${row(1)}`, records: 2 })).toThrow(
      expect.objectContaining({ code: 'SALESFORCE_BAD_RESPONSE' }),
    );
    expect(convert({ csv: `${header}${row(1)}${row(2)}`, records: 2 })).toHaveLength(2);
  });
});
