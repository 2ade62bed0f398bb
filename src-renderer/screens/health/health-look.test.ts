import { describe, expect, it } from 'vitest';
import type { HealthReport } from '../../../src-preload/contract';
import {
  errorMessage,
  leadbridgeShareText,
  nextReconcileText,
  retryLabel,
  timesText,
} from './health-look';

const usage = (
  leadbridgeCalls: number,
  leadbridgeShare: number | null,
): HealthReport['apiUsage'] => ({ org: null, leadbridgeCalls, leadbridgeShare, hours: [] });

describe('Sync health words', () => {
  it('says Leadbridge’s share of the org’s calls, and only its own calls when the org reported none', () => {
    expect(leadbridgeShareText(usage(230, 0.1))).toMatch(
      /^Leadbridge made 230 of them \(10%\) in the last 24 hours; the rest/,
    );
    expect(leadbridgeShareText(usage(1, 0.001))).toContain('(less than 1%)');
    expect(leadbridgeShareText(usage(5, 1))).toBe(
      'Leadbridge made all of them (5 calls) in the last 24 hours: nothing else in the org called the API.',
    );
    expect(leadbridgeShareText(usage(0, null))).toBe(
      'Leadbridge made 0 calls in the last 24 hours.',
    );
  });

  it('names what Retry does: the items and bookings it sends again, or a sync', () => {
    expect(retryLabel({ syncNow: true, outboxItemIds: [], bookingIds: [] })).toBe('Sync now');
    expect(retryLabel({ syncNow: false, outboxItemIds: [1, 2], bookingIds: [] })).toBe(
      'Retry 2 items',
    );
    expect(retryLabel({ syncNow: true, outboxItemIds: [1], bookingIds: [4] })).toBe(
      'Retry 1 item and 1 booking and sync',
    );
  });

  it('counts in words and falls back to the code when an entry has no message', () => {
    expect([1, 2, 1200].map(timesText)).toEqual(['once', '2 times', '1,200 times']);
    expect(errorMessage({ message: 'Fix it, then Retry.' }, 'X')).toBe('Fix it, then Retry.');
    expect(errorMessage({}, 'QUERY_TIMEOUT')).toBe('Failed with QUERY_TIMEOUT.');
  });

  it('says when the next reconciliation runs: with the next sync once it is due', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(nextReconcileText('2026-11-30T11:00:00.000Z', now)).toBe('with the next sync');
    expect(nextReconcileText('2026-12-01T03:00:00.000Z', now)).toMatch(
      /^with the first sync after (Today|Dec 1)/,
    );
  });
});
