import { describe, expect, it } from 'vitest';
import { leadMarks } from './lead-marks';

describe('lead marks', () => {
  it('marks a converted Lead as Converted, and a plain one with nothing', () => {
    expect(leadMarks({ isConverted: true, isDeleted: false }).map((mark) => mark.label)).toEqual([
      'Converted',
    ]);
    expect(leadMarks({ isConverted: false, isDeleted: false })).toEqual([]);
  });
});
