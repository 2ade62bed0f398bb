import { describe, expect, it } from 'vitest';
import { conversionOf, diffLead, mergedInto } from './lead-diff';

const converted = {
  IsConverted: true,
  ConvertedDate: '2026-03-10',
  ConvertedContactId: '003000000000001AAA',
  ConvertedAccountId: '001000000000001AAA',
  ConvertedOpportunityId: null,
  Status: 'Closed - Converted',
};

describe('Lead diff', () => {
  it('names null for a record a conversion did not create, also when its field is not readable', () => {
    const expected = {
      contactId: '003000000000001AAA',
      accountId: '001000000000001AAA',
      opportunityId: null,
    };
    expect(conversionOf(converted)).toStrictEqual(expected);
    const { ConvertedOpportunityId: _hidden, ...withoutOpportunityField } = converted;
    expect(conversionOf(withoutOpportunityField)).toStrictEqual(expected);
  });

  it('names the surviving Lead only for a Lead a merge deleted', () => {
    const master = '00Q000000000001AAA';
    expect(mergedInto({ IsDeleted: true, MasterRecordId: master })).toBe(master);
    expect(mergedInto({ IsDeleted: false, MasterRecordId: master })).toBeNull();
  });

  it('reports a status change of a Lead converted before, which is no new conversion', () => {
    const edited = { ...converted, Status: 'Qualified' };
    expect(diffLead(converted, edited)).toEqual([
      { field: 'Status', oldValue: 'Closed - Converted', newValue: 'Qualified' },
    ]);
    // The conversion itself: one `converted` event elsewhere, no field changes here.
    const open = { IsConverted: false, ConvertedDate: null, Status: 'Working' };
    expect(diffLead(open, converted)).toEqual([]);
  });
});
