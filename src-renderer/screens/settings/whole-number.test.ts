import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apiBudgetRange,
  bulkImportThresholdRange,
  formatWholeNumber,
  receiverPortRange,
  syncIntervalRange,
  type WholeNumberRange,
} from '../../../src-preload/contract';
import { readWholeNumber, wholeNumberMessage } from './whole-number';

const ranges = [syncIntervalRange, apiBudgetRange, bulkImportThresholdRange, receiverPortRange];
const anyRange = fc.constantFrom(...ranges);

/** Text made of what people type into a number field, right or wrong. */
const typed = fc.string({
  maxLength: 14,
  unit: fc.constantFrom('0', '1', '2', '5', '9', ',', '.', '-', '+', 'e', ' ', '\u00a0', '٣', 'x'),
});

/** The writings of a whole number Leadbridge reads: plain digits, or its own grouping. */
function canonicalWritings(value: number, range: WholeNumberRange): string[] {
  return [String(value), formatWholeNumber(value, range)];
}

describe('reading a whole number a person typed', () => {
  it('reads every whole number in range back from how it is written', () => {
    fc.assert(
      fc.property(
        anyRange.chain((range) => fc.tuple(fc.constant(range), fc.integer(range))),
        ([range, value]) => {
          for (const text of canonicalWritings(value, range)) {
            expect(readWholeNumber(text, range)).toBe(value);
          }
        },
      ),
    );
  });

  it('refuses any text that is not a whole number in range, written as Leadbridge writes it', () => {
    fc.assert(
      fc.property(anyRange, typed, (range, text) => {
        const value = readWholeNumber(text, range);
        if (value === null) return;
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(range.min);
        expect(value).toBeLessThanOrEqual(range.max);
        expect(canonicalWritings(value, range)).toContain(text.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses whole numbers out of range instead of clamping them', () => {
    fc.assert(
      fc.property(
        anyRange.chain((range) =>
          fc.tuple(
            fc.constant(range),
            fc.oneof(fc.integer({ max: range.min - 1 }), fc.integer({ min: range.max + 1 })),
          ),
        ),
        ([range, value]) => {
          expect(readWholeNumber(String(value), range)).toBeNull();
        },
      ),
    );
  });

  it('refuses fractions, signs, exponents, leading zeros and foreign separators', () => {
    const refused = [
      '',
      ' ',
      '1.5',
      '15.',
      '.5',
      '15.0',
      '+15',
      '-5',
      '1e1',
      '015',
      '1 5',
      '15min',
    ];
    for (const text of refused) expect(readWholeNumber(text, syncIntervalRange)).toBeNull();
    const refusedLeads = ['200.000', '200 000', '2,00,000', '200,00', ',200', '200,000,'];
    for (const text of refusedLeads) {
      expect(readWholeNumber(text, bulkImportThresholdRange)).toBeNull();
    }
    expect(readWholeNumber('65,535', receiverPortRange)).toBeNull();
  });

  it('says the allowed range and its unit', () => {
    expect(wholeNumberMessage(syncIntervalRange)).toBe('Enter whole minutes from 1 to 60.');
    expect(wholeNumberMessage(apiBudgetRange)).toBe('Enter a whole percentage from 10 to 100.');
    expect(wholeNumberMessage(bulkImportThresholdRange)).toBe(
      'Enter a whole number of Leads from 1,000 to 100,000,000.',
    );
    expect(wholeNumberMessage(receiverPortRange)).toBe(
      'Enter a whole port number from 1 to 65535.',
    );
  });
});
