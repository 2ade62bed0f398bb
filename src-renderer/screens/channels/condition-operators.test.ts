import { describe, expect, it } from 'vitest';
import { conditionOperatorSchema } from '../../../src-preload/contract';
import { conditionFieldsFixture } from '../../../test/support/channel-answers-fixture';
import { blankValue, OPERATOR_LOOKS, operatorOptions, valueKindOf } from './condition-operators';

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
