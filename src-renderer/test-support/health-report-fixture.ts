import type { HealthErrorGroup, HealthReport } from '../../src-preload/contract';

/** A quiet report: nothing called, nothing failed, nothing waiting, never reconciled. */
export function healthReportFixture(overrides: Partial<HealthReport> = {}): HealthReport {
  const at = Date.parse('2026-11-30T12:30:00Z');
  return {
    at: new Date(at).toISOString(),
    apiUsage: {
      org: null,
      leadbridgeCalls: 0,
      leadbridgeShare: null,
      hours: Array.from({ length: 24 }, (_, index) => ({
        hour: new Date(Date.parse('2026-11-30T12:00:00Z') - (23 - index) * 3_600_000).toISOString(),
        calls: 0,
        orgUsed: null,
      })),
    },
    errors: { since: new Date(at - 7 * 24 * 3_600_000).toISOString(), groups: [] },
    outbox: {
      counts: { pending: 0, sent: 0, conflict: 0, failed: 0, skipped: 0, discarded: 0 },
      draining: false,
      heldBy: null,
      message: 'Nothing to write to Salesforce.',
      lastSentAt: null,
      nextAttemptAt: null,
    },
    reconcile: { last: null, dueAt: null, running: false },
    ...overrides,
  };
}

/** One reason: a validation rule refused two Lead updates, which Retry sends again. */
export function errorGroupFixture(overrides: Partial<HealthErrorGroup> = {}): HealthErrorGroup {
  return {
    code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    count: 2,
    kinds: ['writeback.failed'],
    newest: {
      id: 40,
      time: '2026-11-30T12:00:00.000Z',
      kind: 'writeback.failed',
      subject: '00Q000000000001AAA',
      details: {
        code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Phone is required. Fix the rule, then Retry.',
        name: 'Ada Lovelace',
      },
    },
    retry: { syncNow: false, outboxItemIds: [7, 8], bookingIds: [] },
    ...overrides,
  };
}
