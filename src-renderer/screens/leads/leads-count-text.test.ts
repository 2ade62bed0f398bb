import { describe, expect, it } from 'vitest';
import { leadsCountText } from './leads-count-text';

describe('leads count', () => {
  it('says how many are cached or match, and how many are shown while more are left', () => {
    expect(leadsCountText(1000, 100, '')).toBe(
      `${(1000).toLocaleString()} leads cached · 100 shown`,
    );
    expect(leadsCountText(1, 1, 'ada')).toBe('1 lead matches');
    expect(leadsCountText(12, 12, 'acme')).toBe('12 leads match');
  });
});
