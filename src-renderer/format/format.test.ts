import { describe, expect, it } from 'vitest';
import { formatFullTime, formatLogTime } from './format-log-time';
import { formatRelativeTime } from './format-relative-time';
import { summarizeDetails } from './summarize-details';

describe('summarizeDetails', () => {
  it('puts every detail on one line in the host order, its name in words', () => {
    expect(
      summarizeDetails({ host: 'headless', version: '0.1.0', migrationsApplied: ['001', '002'] }),
    ).toBe('host: headless · version: 0.1.0 · migrations applied: 001, 002');
  });

  it('puts the message first and the error code last, small', () => {
    expect(
      summarizeDetails({
        code: 'HOOK_REFUSED',
        itemId: 4,
        message: 'The meeting platform answered 500.',
      }),
    ).toBe('The meeting platform answered 500. · item ID: 4 · (HOOK_REFUSED)');
  });

  it('puts a reason first when there is no message', () => {
    expect(summarizeDetails({ channel: '/data/LeadChangeEvent', reason: 'Streaming is off' })).toBe(
      'Streaming is off · channel: /data/LeadChangeEvent',
    );
  });

  it('shows an instant as a local time, not as the host wrote it', () => {
    const at = new Date(2025, 5, 10, 9, 5, 7).toISOString();
    const summary = summarizeDetails({ retryAt: at });
    expect(summary).toBe(`retry at: ${formatLogTime(at)}`);
    expect(summary).not.toContain('T09');
  });

  it('shows nested values as words, not JSON, and shortens long ones', () => {
    expect(summarizeDetails({ cause: { kind: 'channel', name: 'Intro' }, generated: true })).toBe(
      'cause: (kind channel, name Intro) · generated: yes',
    );
    const summary = summarizeDetails({ reason: 'x'.repeat(200) });
    expect(summary.length).toBeLessThan(100);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('is empty without details and marks missing values', () => {
    expect(summarizeDetails({})).toBe('');
    expect(summarizeDetails({ ownerId: null, tags: [] })).toBe('owner ID: — · tags: (none)');
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
    expect(formatFullTime('not a time')).toBe('not a time');
  });
});

describe('formatFullTime', () => {
  it('says the local time in full, how long ago, and the instant the host wrote', () => {
    const at = new Date(2025, 5, 10, 9, 5, 7);
    const tooltip = formatFullTime(at.toISOString(), at.getTime() + 3 * 60_000);
    expect(tooltip).toContain('2025');
    expect(tooltip).toContain('3 minutes ago');
    expect(tooltip.endsWith(at.toISOString())).toBe(true);
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
