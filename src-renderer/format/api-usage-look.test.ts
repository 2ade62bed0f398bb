import { describe, expect, it } from 'vitest';
import { apiUsageLook } from './api-usage-look';

describe('API usage look', () => {
  it('warns in yellow from 75 % and in red from 90 %', () => {
    expect(apiUsageLook(7_499, 10_000).color).toBe('blue');
    expect(apiUsageLook(7_500, 10_000).color).toBe('yellow');
    expect(apiUsageLook(8_999, 10_000).color).toBe('yellow');
    expect(apiUsageLook(9_000, 10_000).color).toBe('red');
  });

  it('reads used / max with a percentage that never claims the limit before it is reached', () => {
    expect(apiUsageLook(9_999, 10_000).label).toBe(
      `${(9_999).toLocaleString()} / ${(10_000).toLocaleString()} (99%)`,
    );
    expect(apiUsageLook(3, 15_000).label).toMatch(/\(<1%\)$/);
    expect(apiUsageLook(0, 15_000).label).toMatch(/\(0%\)$/);
  });

  it('keeps the bar within 0–100 when the org is over its allocation or reports no maximum', () => {
    expect(apiUsageLook(16_000, 15_000)).toMatchObject({ percent: 100, color: 'red' });
    expect(apiUsageLook(5, 0)).toMatchObject({ percent: 0, color: 'blue' });
  });
});
