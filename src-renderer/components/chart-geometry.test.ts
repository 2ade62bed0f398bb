import { describe, expect, it } from 'vitest';
import { lastDayByHour } from '../stores/hour-buckets';
import { barTitle, hourTickIndexes, niceMax } from './chart-geometry';

describe('chart geometry', () => {
  it('rounds the axis top up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 12, 48, 51, 999].map(niceMax)).toEqual([
      1, 1, 2, 5, 10, 20, 50, 100, 1000,
    ]);
  });

  it('labels four bars, six hours apart', () => {
    const hours = lastDayByHour([], Date.parse('2025-01-02T14:30:00Z'));
    const ticks = hourTickIndexes(hours);
    expect(ticks).toHaveLength(4);
    expect(ticks.slice(1).map((tick, i) => tick - ticks[i]!)).toEqual([6, 6, 6]);
  });

  it('gives each bar a tooltip with its hour and count', () => {
    expect(barTitle({ hour: '2025-01-02T14:00:00.000Z', count: 1 }, 'change')).toMatch(
      /: 1 change$/,
    );
    expect(barTitle({ hour: '2025-01-02T14:00:00.000Z', count: 3 }, 'API call')).toMatch(
      /–.*: 3 API calls$/,
    );
  });
});
