import { describe, expect, it } from 'vitest';
import { conditionOperatorSchema } from '../../../src-preload/contract';
import { conditionFieldsFixture } from '../../../test/support/channel-answers-fixture';
import {
  blankValue,
  OPERATOR_LOOKS,
  operatorOptions,
  summarizeConditions,
  valueKindOf,
} from './condition-operators';

describe('condition operators', () => {
  it('has words and a value shape for every operator of the contract', () => {
    for (const operator of conditionOperatorSchema.options) {
      expect(OPERATOR_LOOKS[operator].label).not.toBe('');
    }
  });

  it('starts each operator with a blank value of the shape it takes', () => {
    expect(blankValue('changed', 'picklist')).toBeNull();
    expect(blankValue('is_any_of', 'text')).toEqual([]);
    expect(blankValue('changed_from_to', 'picklist')).toEqual(['', '']);
    expect(blankValue('in_last', 'date')).toEqual({ amount: 7, unit: 'days' });
    expect(blankValue('is', 'boolean')).toBe(true);
  });

  it('treats currency and percent as numbers, datetimes as days, and unknown types as text', () => {
    expect(valueKindOf({ type: 'currency' })).toBe('number');
    expect(valueKindOf({ type: 'percent' })).toBe('number');
    expect(valueKindOf({ type: 'datetime' })).toBe('date');
    expect(valueKindOf({ type: 'email' })).toBe('text');
    expect(valueKindOf(undefined)).toBe('text');
  });

  it('offers a field only the operators the host allows for it, in words', () => {
    const country = conditionFieldsFixture.find((f) => f.name === 'Country');
    expect(operatorOptions(country).map((o) => o.label)).toEqual([
      'is',
      'is not',
      'is any of',
      'is none of',
      'contains',
      'is empty',
    ]);
  });
});

describe('summarizeConditions', () => {
  it('reads a channel’s conditions as one line, nested groups in brackets', () => {
    expect(
      summarizeConditions({
        combinator: 'and',
        rules: [
          { field: 'Status', operator: 'changed_to', value: 'Working - Contacted' },
          { field: 'Country', operator: 'is_any_of', value: ['US', 'CA'] },
          {
            combinator: 'or',
            not: true,
            rules: [
              { field: 'Email', operator: 'is_empty', value: null },
              { field: 'NumberOfEmployees', operator: 'between', value: [10, 50] },
            ],
          },
        ],
      }),
    ).toBe(
      'Status changed to Working - Contacted AND Country is any of US, CA AND NOT (Email is empty OR NumberOfEmployees is between 10 and 50)',
    );
  });

  it('says a negated top group and a relative period plainly', () => {
    expect(
      summarizeConditions({
        combinator: 'and',
        not: true,
        rules: [{ field: 'CreatedDate', operator: 'in_last', value: { amount: 7, unit: 'days' } }],
      }),
    ).toBe('NOT (CreatedDate is in the last 7 days)');
  });
});
