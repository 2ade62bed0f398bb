import { describe, expect, it } from 'vitest';
import { formatLogTime } from './format-log-time';
import { formatRelativeTime } from './format-relative-time';
import { summarizeDetails } from './summarize-details';

describe('summarizeDetails', () => {
  it('puts every detail on one line in the host order', () => {
    expect(
      summarizeDetails({ host: 'headless', version: '0.1.0', migrationsApplied: ['001', '002'] }),
    ).toBe('host: headless · version: 0.1.0 · migrationsApplied: 001, 002');
  });

  it('shows nested values as JSON and shortens long ones', () => {
    expect(summarizeDetails({ field: { from: 'Open', to: 'Working' } })).toBe(
      'field: {"from":"Open","to":"Working"}',
    );
    const summary = summarizeDetails({ reason: 'x'.repeat(200) });
    expect(summary.length).toBeLessThan(100);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('is empty without details and marks missing values', () => {
    expect(summarizeDetails({})).toBe('');
    expect(summarizeDetails({ ownerId: null, tags: [] })).toBe('ownerId: — · tags: (none)');
  });
});

describe('formatLogTime', () => {
  it('drops the date for today and keeps it for older entries', () => {
    const now = new Date(2025, 5, 10, 15, 0, 0);
    const today = formatLogTime(new Date(2025, 5, 10, 9, 5, 7).toISOString(), now);
    const earlier = formatLogTime(new Date(2025, 5, 8, 9, 5, 7).toISOString(), now);
    expect(today).toMatch(/05/);
    expect(today).not.toMatch(/8|Jun/);
    expect(earlier.length).toBeGreaterThan(today.length);
  });

  it('shows an unreadable time as it came', () => {
    expect(formatLogTime('not a time')).toBe('not a time');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it('says how long ago or how soon', () => {
    expect(formatRelativeTime('2025-01-01T11:57:00Z', 'never', now)).toMatch(/3 minutes ago/);
    expect(formatRelativeTime('2025-01-01T12:05:00Z', 'never', now)).toMatch(/in 5 minutes/);
  });

  it('uses the fallback when there is no time', () => {
    expect(formatRelativeTime(null, 'Never', now)).toBe('Never');
  });
});
