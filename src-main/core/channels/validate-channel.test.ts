import { describe, expect, it } from 'vitest';
import type { ConditionGroup, ConditionRule } from '../../../src-preload/contract';
import { channelTestDescribe } from '../../../test/support/channel-describe';
import { validateConditions } from './validate-channel';

const describeResult = channelTestDescribe();
const one = (rule: ConditionRule): ConditionGroup => ({ combinator: 'and', rules: [rule] });

describe('validateChannel', () => {
  it.each<[string, ConditionRule]>([
    ['FIELD_UNKNOWN', { field: 'Budget__c', operator: 'is', value: '1' }],
    ['FIELD_NOT_USABLE', { field: 'Address', operator: 'is_empty' }],
    ['OPERATOR_NOT_FOR_TYPE', { field: 'Rating', operator: 'contains', value: 'Ho' }],
    ['OPERATOR_NOT_FOR_TYPE', { field: 'IsConverted', operator: 'is_empty' }],
    ['OPERATOR_NOT_FOR_TYPE', { field: 'Company', operator: 'lt', value: 'M' }],
    [
      'OPERATOR_NOT_FOR_TYPE',
      { field: 'AnnualRevenue', operator: 'in_last', value: { amount: 1, unit: 'days' } },
    ],
    ['VALUE_MISSING', { field: 'Company', operator: 'is' }],
    ['VALUE_MISSING', { field: 'Country', operator: 'is_any_of', value: [] }],
    ['VALUE_MISSING', { field: 'AnnualRevenue', operator: 'between', value: [1] }],
    ['VALUE_NOT_OF_TYPE', { field: 'AnnualRevenue', operator: 'gt', value: 'a lot' }],
    ['VALUE_NOT_OF_TYPE', { field: 'IsConverted', operator: 'is', value: 'yes' }],
    ['VALUE_NOT_OF_TYPE', { field: 'ConvertedDate', operator: 'lt', value: '2026-02-30' }],
    ['VALUE_NOT_OF_TYPE', { field: 'CreatedDate', operator: 'gt', value: '2026-03-01T10:00' }],
    ['VALUE_NOT_OF_TYPE', { field: 'CreatedDate', operator: 'in_last', value: 7 }],
    ['VALUE_NOT_OF_TYPE', { field: 'AnnualRevenue', operator: 'between', value: [10, 1] }],
    [
      'PICKLIST_VALUE_UNKNOWN',
      { field: 'Status', operator: 'changed_to', value: 'working - contacted' },
    ],
    ['PICKLIST_VALUE_UNKNOWN', { field: 'Rating', operator: 'is_any_of', value: ['Hot', 'Tepid'] }],
    ['PICKLIST_VALUE_UNKNOWN', { field: 'Interests__c', operator: 'is', value: 'CRM;Sales' }],
    [
      'PICKLIST_VALUE_UNKNOWN',
      { field: 'Status', operator: 'changed_from_to', value: ['Open - Not Contacted', 'Won'] },
    ],
    ['FORMULA_FIELD_CANNOT_CHANGE', { field: 'Lead_Age__c', operator: 'changed' }],
    ['FORMULA_FIELD_CANNOT_CHANGE', { field: 'Lead_Age__c', operator: 'changed_to', value: 3 }],
  ])('%s: %j', (code, rule) => {
    const errors = validateConditions(one(rule), describeResult);
    expect(errors).toEqual([{ path: [0], code, message: expect.stringMatching(/; .+\.$/) }]);
  });

  it('accepts a formula field compared by its current value', () => {
    expect(
      validateConditions(one({ field: 'Lead_Age__c', operator: 'gt', value: 30 }), describeResult),
    ).toEqual([]);
  });

  it("accepts the issue's example: Status changed to Working - Contacted AND Country is any of (US, CA)", () => {
    const conditions: ConditionGroup = {
      combinator: 'and',
      rules: [
        { field: 'Status', operator: 'changed_to', value: 'Working - Contacted' },
        { field: 'Country', operator: 'is_any_of', value: ['US', 'CA'] },
      ],
    };
    expect(validateConditions(conditions, describeResult)).toEqual([]);
  });

  it('reports every problem at its react-querybuilder path, empty groups included', () => {
    const conditions: ConditionGroup = {
      combinator: 'and',
      rules: [
        { field: 'Rating', operator: 'is', value: 'Hot' },
        {
          combinator: 'or',
          rules: [
            { field: 'Nope', operator: 'is_empty' },
            { combinator: 'and', rules: [] },
          ],
        },
      ],
    };
    expect(
      validateConditions(conditions, describeResult).map(({ path, code }) => ({ path, code })),
    ).toEqual([
      { path: [1, 0], code: 'FIELD_UNKNOWN' },
      { path: [1, 1], code: 'GROUP_EMPTY' },
    ]);
    expect(validateConditions({ combinator: 'and', rules: [] }, describeResult)[0]).toMatchObject({
      path: [],
      code: 'GROUP_EMPTY',
    });
  });

  it('refuses conditions too large or too deep for the schema, should any reach it', () => {
    const huge: ConditionGroup = {
      combinator: 'and',
      rules: Array.from(
        { length: 10_000 },
        () => ({ field: 'Rating', operator: 'is_empty' }) as const,
      ),
    };
    let deep: ConditionGroup = {
      combinator: 'and',
      rules: [{ field: 'Rating', operator: 'is_empty' }],
    };
    for (let i = 0; i < 100; i += 1) deep = { combinator: 'or', rules: [deep] };
    expect(validateConditions(huge, describeResult)).toEqual([
      expect.objectContaining({ path: [], code: 'CONDITIONS_TOO_LARGE' }),
    ]);
    expect(validateConditions(deep, describeResult)).toEqual([
      expect.objectContaining({ path: [], code: 'CONDITIONS_TOO_DEEP' }),
    ]);
  });

  it('flags a channel whose field was removed by a later describe', () => {
    const conditions = one({ field: 'ProductInterest__c', operator: 'is', value: 'GC1000 series' });
    expect(validateConditions(conditions, describeResult)).toEqual([]);
    const after = {
      ...describeResult,
      fields: describeResult.fields.filter((f) => f.name !== 'ProductInterest__c'),
    };
    expect(validateConditions(conditions, after)[0]?.code).toBe('FIELD_UNKNOWN');
  });
});
