import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { OutboxStatus, SyncStatus } from '../../../src-preload/contract';
import { FakeClock } from '../../../test/support/fake-clock';
import { preparedPlans } from '../../../test/support/query-plans';
import { syncStatusFixture } from '../../../test/support/sync-status-fixture';
import { ApiUsageHistory } from '../store/api-usage-history';
import { LogRepository } from '../store/log-repository';
import { applyMigrations } from '../store/migrations';
import { migrations } from '../store/schema';
import { OutboxStore } from '../writeback/outbox-store';
import { ErrorGroups } from './error-groups';
import { buildHealthReport, HealthReporter, type HealthFacts } from './health-report';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const outboxStatus: OutboxStatus = {
  counts: { pending: 3, sent: 10, conflict: 0, failed: 2, skipped: 0, discarded: 0 },
  draining: false,
  heldBy: null,
  message: '3 writes waiting.',
  lastSentAt: null,
  nextAttemptAt: null,
};

function setUp(sync: Partial<SyncStatus> = {}) {
  const db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  const clock = new FakeClock(Date.parse('2026-11-30T12:30:00Z'));
  const log = new LogRepository(db, clock);
  const usage = new ApiUsageHistory(db);
  const reporter = new HealthReporter({
    clock,
    usage,
    errors: new ErrorGroups(db),
    outboxStore: new OutboxStore(db),
    outbox: () => outboxStatus,
    sync: () => syncStatusFixture(sync),
    capPercent: () => 80,
  });
  const failedItem = (kind: 'lead_update' | 'booking_post', code: string, bookingId?: number) =>
    db
      .prepare(
        `INSERT INTO outbox (kind, lead_id, object, field_values, idempotency_key, state,
           error_code, error_message, cause, created_at, booking_id)
         VALUES (?, ?, 'Lead', '{}', ?, 'failed', ?, 'refused', '{}', 'x', ?) RETURNING id`,
      )
      .pluck()
      .get(
        kind,
        kind === 'booking_post' ? null : '00Q000000000001AAA',
        `key-${Math.random()}`,
        code,
        bookingId ?? null,
      ) as number;
  return { db, clock, log, usage, reporter, failedItem };
}

describe('the Sync health report', () => {
  it('groups the errors of the last 7 days by code, counting them and showing the newest', () => {
    const { clock, log, reporter } = setUp();
    log.append('sync.failed', null, { code: 'SALESFORCE_UNAVAILABLE', message: 'old, too old' });
    clock.advance(1 * DAY + HOUR);
    log.append('sync.failed', null, { code: 'SALESFORCE_UNAVAILABLE', message: 'first in window' });
    log.append('lead.changed', '00Q000000000001AAA', { field: 'Status' });
    clock.advance(HOUR);
    log.append('writeback.failed', '00Q000000000001AAA', {
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Salesforce answered: Phone is required. Fix the rule, then Retry.',
    });
    clock.advance(HOUR);
    log.append('writeback.retrying', '00Q000000000002AAA', {
      code: 'SALESFORCE_UNAVAILABLE',
      message: 'Salesforce is temporarily unavailable (HTTP 503). Leadbridge will try again.',
    });
    // Nothing was left to write: not an error.
    log.append('writeback.skipped', '00Q000000000003AAA', {
      code: 'CANNOT_UPDATE_CONVERTED_LEAD',
      message: 'converted',
    });
    clock.advance(6 * DAY - HOUR);

    const { errors } = reporter.report();

    expect(errors.since).toBe(new Date(clock.now() - 7 * DAY).toISOString());
    expect(
      errors.groups.map(({ code, count, kinds, newest }) => ({
        code,
        count,
        kinds,
        message: newest.details.message,
        subject: newest.subject,
      })),
    ).toEqual([
      {
        code: 'SALESFORCE_UNAVAILABLE',
        count: 2,
        kinds: ['sync.failed', 'writeback.retrying'],
        message: 'Salesforce is temporarily unavailable (HTTP 503). Leadbridge will try again.',
        subject: '00Q000000000002AAA',
      },
      {
        code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        count: 1,
        kinds: ['writeback.failed'],
        message: 'Salesforce answered: Phone is required. Fix the rule, then Retry.',
        subject: '00Q000000000001AAA',
      },
    ]);
  });

  it('leaves an error out once it is more than 7 days old', () => {
    const { clock, log, reporter } = setUp();
    log.append('sync.failed', null, { code: 'QUERY_TIMEOUT', message: 'timed out' });
    clock.advance(7 * DAY - 1);
    expect(reporter.report().errors.groups.map((group) => group.count)).toEqual([1]);
    clock.advance(2);
    expect(reporter.report().errors.groups).toEqual([]);
  });

  it('reads the window’s errors through the errors index, not through the whole log', () => {
    const { db, clock } = setUp();
    const plans = preparedPlans(db, () =>
      new ErrorGroups(db).since(new Date(clock.now()).toISOString()),
    );
    expect(plans.map((statement) => statement.plan).join('; ')).toContain(
      'SEARCH log USING INDEX log_errors (time>?)',
    );
  });

  it('offers Retry for the outbox items and bookings an error stopped, and Sync now for the reason the sync fails with now', () => {
    const { clock, log, reporter, failedItem } = setUp({ state: 'error' });
    const validation = failedItem('lead_update', 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    failedItem('booking_post', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 7);
    failedItem('lead_update', 'SOMETHING_ELSE');
    log.append('writeback.failed', null, {
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'x',
    });
    log.append('sync.failed', null, { code: 'QUERY_TIMEOUT', message: 'earlier' });
    clock.advance(60_000);
    log.append('sync.failed', null, { code: 'SALESFORCE_UNAVAILABLE', message: 'now' });

    const retries = Object.fromEntries(
      reporter.report().errors.groups.map((group) => [group.code, group.retry]),
    );

    expect(retries).toEqual({
      FIELD_CUSTOM_VALIDATION_EXCEPTION: {
        syncNow: false,
        outboxItemIds: [validation],
        bookingIds: [7],
      },
      SALESFORCE_UNAVAILABLE: { syncNow: true, outboxItemIds: [], bookingIds: [] },
      // An earlier reason: the sync got past it.
      QUERY_TIMEOUT: null,
    });
  });

  const syncFailure = (code: string): HealthFacts['errorGroups'][number] => ({
    code,
    count: 1,
    kinds: ['sync.failed'],
    newest: {
      id: 1,
      time: '2026-11-30T10:00:00.000Z',
      kind: 'sync.failed',
      subject: null,
      details: {},
    },
    newestSyncFailureAt: '2026-11-30T10:00:00.000Z',
  });
  const facts = (code: string, sync: Partial<SyncStatus>): HealthFacts => ({
    now: Date.parse('2026-11-30T12:00:00Z'),
    hours: [],
    orgUsage: null,
    capPercent: 80,
    errorGroups: [syncFailure(code)],
    stopped: new Map(),
    outbox: outboxStatus,
    sync: syncStatusFixture(sync),
  });

  it('offers no Sync now once a sync succeeded, nor where only signing in again helps', () => {
    const retry = (code: string, sync: Partial<SyncStatus>) =>
      buildHealthReport(facts(code, sync)).errors.groups[0]?.retry;
    expect(retry('SALESFORCE_UNAVAILABLE', { state: 'error' })).toMatchObject({ syncNow: true });
    expect(retry('SALESFORCE_UNAVAILABLE', { state: 'idle' })).toBeNull();
    // The message says to connect again, and no button pretends otherwise.
    expect(retry('RECONNECT_NEEDED', { state: 'error' })).toBeNull();
  });

  it('shows Leadbridge’s calls per hour for the last 24 hours and its share of the org’s latest figure', () => {
    const { clock, usage, reporter } = setUp();
    const at = clock.now();
    usage.record({ at: at - 30 * HOUR, calls: 500, orgUsage: { used: 900, max: 15_000 } });
    usage.record({ at: at - 2 * HOUR, calls: 30, orgUsage: { used: 1_000, max: 15_000 } });
    usage.record({ at: at - 2 * HOUR + 60_000, calls: 10, orgUsage: null });
    usage.record({ at, calls: 60, orgUsage: { used: 1_200, max: 15_000 } });

    const { apiUsage } = reporter.report();

    expect(apiUsage.hours).toHaveLength(24);
    expect(apiUsage.hours[0]?.hour).toBe('2026-11-29T13:00:00.000Z');
    expect(apiUsage.hours.at(-1)).toEqual({
      hour: '2026-11-30T12:00:00.000Z',
      calls: 60,
      orgUsed: 1_200,
    });
    expect(apiUsage.hours.at(-3)).toEqual({
      hour: '2026-11-30T10:00:00.000Z',
      calls: 40,
      orgUsed: 1_000,
    });
    expect(apiUsage.leadbridgeCalls).toBe(100);
    expect(apiUsage.org).toEqual({
      used: 1_200,
      max: 15_000,
      measuredAt: '2026-11-30T12:30:00.000Z',
      capPercent: 80,
    });
    expect(apiUsage.leadbridgeShare).toBeCloseTo(100 / 1_200);
  });

  it('says nothing of a share before the org reported its usage, nor of a reconciliation before the first', () => {
    const { reporter } = setUp();
    const report = reporter.report();
    expect(report.apiUsage).toMatchObject({ org: null, leadbridgeCalls: 0, leadbridgeShare: null });
    expect(report.reconcile).toEqual({ last: null, dueAt: null, running: false });
    expect(report.outbox).toBe(outboxStatus);
  });

  it('shows the last reconciliation with its drift, when the next is due, and one running now', () => {
    const last = {
      at: '2026-11-30T03:00:00.000Z',
      durationMs: 4_000,
      orgLeads: 1_000,
      missing: 2,
      stale: 1,
      gone: 0,
      removed: 1,
      expired: 0,
      apiCalls: 3,
    };
    const { reporter } = setUp({
      lastReconcile: last,
      progress: { phase: 'reconcile', pages: 1, records: 2_000, estimatedTotal: null },
    });
    expect(reporter.report().reconcile).toEqual({
      last,
      dueAt: '2026-12-01T03:00:00.000Z',
      running: true,
    });
  });
});
