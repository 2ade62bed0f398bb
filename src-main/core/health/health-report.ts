import type {
  HealthErrorGroup,
  HealthReport,
  HealthRetry,
  OutboxStatus,
  SyncStatus,
} from '../../../src-preload/contract';
import type { Clock } from '../ports';
import { hourStart, type ApiUsageHistory, type ApiUsageHour } from '../store/api-usage-history';
import type { OutboxStore } from '../writeback/outbox-store';
import type { ErrorGroupRow, ErrorGroups } from './error-groups';

const HOUR_MS = 3_600_000;
const CHART_HOURS = 24;
export const ERROR_WINDOW_MS = 7 * 24 * HOUR_MS;
/** The sync reconciles with the first run a day after the last reconciliation. */
const RECONCILE_EVERY_MS = 24 * HOUR_MS;
/** As many as one `outbox:retry` / `bookings:retry` takes. */
const RETRY_MAX = 500;
/** Signing in again is the person's step (its message says where); Sync now cannot do it. */
const NOT_RETRIED_BY_SYNC = new Set(['RECONNECT_NEEDED', 'NOT_CONNECTED']);

export interface HealthFacts {
  now: number;
  /** The chart's hours with calls (quiet hours have no row). */
  hours: readonly ApiUsageHour[];
  orgUsage: { used: number; max: number; measuredAt: string } | null;
  capPercent: number;
  /** Newest first, since `now` − 7 days. */
  errorGroups: readonly ErrorGroupRow[];
  /** Failed outbox items and booking posts per code, for the groups' Retry. */
  stopped: ReadonlyMap<string, { itemIds: number[]; bookingIds: number[] }>;
  outbox: OutboxStatus;
  sync: SyncStatus;
}

/** The Sync health report from what the core keeps; no I/O, so tests give it any facts. */
export function buildHealthReport(facts: HealthFacts): HealthReport {
  const { now, sync } = facts;
  const hours = chartHours(facts.hours, now);
  const leadbridgeCalls = hours.reduce((sum, hour) => sum + hour.calls, 0);
  const org = facts.orgUsage;
  const last = sync.lastReconcile;
  const failing = failingSyncGroup(facts);
  return {
    at: new Date(now).toISOString(),
    apiUsage: {
      org: org ? { ...org, capPercent: facts.capPercent } : null,
      leadbridgeCalls,
      // The org's figure may have started a new day since some of these calls: never over 1.
      leadbridgeShare: org && org.used > 0 ? Math.min(1, leadbridgeCalls / org.used) : null,
      hours,
    },
    errors: {
      since: new Date(now - ERROR_WINDOW_MS).toISOString(),
      groups: facts.errorGroups.map((group) => errorGroup(group, facts, failing)),
    },
    outbox: facts.outbox,
    reconcile: {
      last,
      dueAt: last ? new Date(Date.parse(last.at) + RECONCILE_EVERY_MS).toISOString() : null,
      running: sync.progress?.phase === 'reconcile',
    },
  };
}

function chartHours(rows: readonly ApiUsageHour[], now: number): HealthReport['apiUsage']['hours'] {
  const byHour = new Map(rows.map((row) => [row.hour, row]));
  const current = Date.parse(hourStart(now));
  return Array.from({ length: CHART_HOURS }, (_, index) => {
    const hour = new Date(current - (CHART_HOURS - 1 - index) * HOUR_MS).toISOString();
    const row = byHour.get(hour);
    return { hour, calls: row?.calls ?? 0, orgUsed: row?.orgUsed ?? null };
  });
}

function errorGroup(
  group: ErrorGroupRow,
  facts: HealthFacts,
  failingSync: ErrorGroupRow | undefined,
): HealthErrorGroup {
  const { code, count, kinds, newest } = group;
  const syncNow = group === failingSync && !NOT_RETRIED_BY_SYNC.has(code);
  return { code, count, kinds, newest, retry: retryFor(group, facts, syncNow) };
}

/** The reason the sync fails with now: its latest failure, while the sync is in error. */
function failingSyncGroup(facts: HealthFacts): ErrorGroupRow | undefined {
  if (facts.sync.state !== 'error') return undefined;
  let latest: ErrorGroupRow | undefined;
  for (const group of facts.errorGroups) {
    const at = group.newestSyncFailureAt;
    if (at !== null && (latest === undefined || at > (latest.newestSyncFailureAt ?? ''))) {
      latest = group;
    }
  }
  return latest;
}

function retryFor(group: ErrorGroupRow, facts: HealthFacts, syncNow: boolean): HealthRetry | null {
  const stopped = facts.stopped.get(group.code) ?? { itemIds: [], bookingIds: [] };
  if (!syncNow && stopped.itemIds.length === 0 && stopped.bookingIds.length === 0) return null;
  return { syncNow, outboxItemIds: stopped.itemIds, bookingIds: stopped.bookingIds };
}

export interface HealthReporterDependencies {
  clock: Clock;
  usage: ApiUsageHistory;
  errors: ErrorGroups;
  outboxStore: Pick<OutboxStore, 'failedWith'>;
  outbox(): OutboxStatus;
  sync(): SyncStatus;
  capPercent(): number;
}

/** Gathers the facts for `health:get`. */
export class HealthReporter {
  constructor(private readonly deps: HealthReporterDependencies) {}

  report(): HealthReport {
    const { clock, usage, errors, outboxStore } = this.deps;
    const now = clock.now();
    const errorGroups = errors.since(new Date(now - ERROR_WINDOW_MS).toISOString());
    return buildHealthReport({
      now,
      hours: usage.since(now - (CHART_HOURS - 1) * HOUR_MS),
      orgUsage: usage.latestOrgUsage(),
      capPercent: this.deps.capPercent(),
      errorGroups,
      stopped: new Map(
        errorGroups.map((group) => [group.code, outboxStore.failedWith(group.code, RETRY_MAX)]),
      ),
      outbox: this.deps.outbox(),
      sync: this.deps.sync(),
    });
  }
}
