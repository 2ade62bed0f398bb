import { describe, expect, it } from 'vitest';
import { wholeNumberIn } from './whole-number';

describe('whole number in range', () => {
  it('accepts the bounds and what lies between', () => {
    expect(wholeNumberIn(1, 1, 60)).toBe(1);
    expect(wholeNumberIn(60, 1, 60)).toBe(60);
  });

  it('refuses an empty field, a fraction and anything out of range', () => {
    expect(wholeNumberIn('', 1, 60)).toBeNull();
    expect(wholeNumberIn(2.5, 1, 60)).toBeNull();
    expect(wholeNumberIn(0, 1, 60)).toBeNull();
    expect(wholeNumberIn(61, 1, 60)).toBeNull();
  });
});
