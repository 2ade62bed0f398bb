import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReconcileReport, SyncProgress } from '../../../src-preload/contract';
import { FakeClock } from '../../../test/support/fake-clock';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { memorySettingsStore } from '../../../test/support/test-core';
import { AppError } from '../errors';
import type { ApiUsage } from '../salesforce/salesforce-connection';
import { SettingsService } from '../settings';
import { LogRepository } from '../store/log-repository';
import { applyMigrations } from '../store/migrations';
import { migrations } from '../store/schema';
import { SyncStateRepository } from '../store/sync-state-repository';
import { SyncScheduler } from './sync-scheduler';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A LeadSync whose runs the test finishes (or fails) by hand; its Leads count as imported. */
function fakeLeadSync() {
  const runs: { resolve(): void; reject(error: unknown): void; progress(p: SyncProgress): void }[] =
    [];
  const fake = {
    runs,
    imported: true,
    /** What the runs report: an incremental sync unless a test says an import. */
    phase: 'incremental' as 'import' | 'incremental',
    hasImported: () => fake.imported,
    run: (onProgress: (p: SyncProgress) => void) =>
      new Promise<{
        phase: 'import' | 'incremental';
        records: number;
        changes: number;
        apiCalls: number;
      }>((resolve, reject) => {
        runs.push({
          resolve: () => resolve({ phase: fake.phase, records: 3, changes: 2, apiCalls: 1 }),
          reject,
          progress: onProgress,
        });
      }),
  };
  return fake;
}

/** A LeadReconciler that records when it ran and finishes at once (after `progress`, if given). */
function fakeReconciler(progress?: SyncProgress) {
  const runs: { at: number; syncsBefore: number }[] = [];
  return {
    runs,
    run: async (onProgress: (p: SyncProgress) => void): Promise<ReconcileReport> => {
      if (progress) onProgress(progress);
      runs.push({ at: clock.now(), syncsBefore: leadSync.runs.length });
      return {
        at: new Date(clock.now()).toISOString(),
        durationMs: 5,
        orgLeads: 10,
        missing: 1,
        stale: 2,
        gone: 3,
        removed: 1,
        expired: 0,
        apiCalls: 4,
      };
    },
  };
}

let clock: FakeClock;
let leadSync: ReturnType<typeof fakeLeadSync>;
let reconciler: ReturnType<typeof fakeReconciler>;
let usage: ApiUsage | null;
/** What Salesforce answers when the scheduler asks for the usage (`measureApiUsage`). */
let usageNow: ApiUsage | null;
let usageMeasured: number;
let db: BetterSqlite3.Database;
let settingsStore: ReturnType<typeof memorySettingsStore>;
let random: () => number;

function scheduler() {
  const log = new LogRepository(db, clock);
  const logger = createRecordingLogger();
  const sync = new SyncScheduler({
    settings: new SettingsService(settingsStore),
    log,
    state: new SyncStateRepository(db),
    clock,
    logger,
    leadSync,
    reconciler,
    apiUsage: () => usage,
    measureApiUsage: async () => {
      usageMeasured += 1;
      usage = usageNow;
    },
    cachedLeads: () => 0,
    random: () => random(),
  });
  return { sync, log, logger };
}

/** Lets promise callbacks run (the fake sync resolves through them). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Moves time on by `ms` in steps of `stepMs`, finishing the sync each step started. */
async function finishSyncsFor(ms: number, stepMs = 5 * MINUTE + 1) {
  const end = clock.now() + ms;
  while (clock.now() < end) {
    clock.advance(Math.min(stepMs, end - clock.now()));
    leadSync.runs.at(-1)!.resolve();
    await settle();
  }
}

/** The kinds of the log entries written so far, oldest first. */
const kindsLogged = (log: LogRepository) =>
  log
    .list({ limit: 100 })
    .entries.map((entry) => entry.kind)
    .reverse();

const unreachable = () =>
  new AppError('SALESFORCE_UNREACHABLE', 'Leadbridge could not reach Salesforce.');

beforeEach(() => {
  clock = new FakeClock();
  usageNow = null;
  usageMeasured = 0;
  leadSync = fakeLeadSync();
  reconciler = fakeReconciler();
  usage = null;
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  settingsStore = memorySettingsStore();
  random = () => 0;
});

describe('SyncScheduler', () => {
  it('syncs right after connecting, then every interval', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    expect(leadSync.runs).toHaveLength(0);
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(1);
    expect(sync.status().state).toBe('syncing');
    leadSync.runs[0]!.resolve();
    await settle();
    expect(sync.status()).toMatchObject({
      state: 'idle',
      lastRun: { records: 3, changes: 2, apiCalls: 1 },
    });
    expect(Date.parse(sync.status().nextSyncAt!) - clock.now()).toBe(5 * MINUTE);
    clock.advance(5 * MINUTE - 1);
    expect(leadSync.runs).toHaveLength(1);
    clock.advance(1);
    expect(leadSync.runs).toHaveLength(2);
  });

  it('Reconcile now runs after the running sync and a sync of its own, never beside one', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    sync.requestReconcile();
    sync.requestSync();
    expect(reconciler.runs).toHaveLength(0);
    leadSync.runs[0]!.resolve();
    await settle();
    expect(leadSync.runs).toHaveLength(2);
    expect(reconciler.runs).toHaveLength(0);
    leadSync.runs[1]!.resolve();
    await settle();
    expect(reconciler.runs).toEqual([{ at: clock.now(), syncsBefore: 2 }]);
    expect(sync.status()).toMatchObject({
      state: 'idle',
      lastReconcile: { missing: 1, stale: 2, gone: 3, apiCalls: 4 },
    });
  });

  it('reconciles once a day after a scheduled sync, and remembers the last result', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    await finishSyncsFor(23 * HOUR);
    expect(reconciler.runs).toHaveLength(0);
    await finishSyncsFor(2 * HOUR);
    expect(reconciler.runs).toHaveLength(1);
    await finishSyncsFor(HOUR);
    expect(reconciler.runs).toHaveLength(1);
    expect(scheduler().sync.status().lastReconcile?.removed).toBe(1);
  });

  it('reconciles at the sync a whole day after the first, to the millisecond', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    // The first sync ends after one step; the day counts from there.
    await finishSyncsFor(24 * HOUR, 5 * MINUTE);
    expect(reconciler.runs).toHaveLength(0);
    await finishSyncsFor(5 * MINUTE, 5 * MINUTE);
    expect(reconciler.runs).toHaveLength(1);
  });

  it('keeps no reconciliation that finishes after stop', async () => {
    const { sync } = scheduler();
    sync.onChange((status) => {
      if (status.message === 'Reconciling with Salesforce…') sync.stop();
    });
    sync.setConnection('connected');
    clock.advance(0);
    sync.requestReconcile();
    leadSync.runs[0]!.resolve();
    await settle();
    leadSync.runs[1]!.resolve();
    await settle();
    expect(reconciler.runs).toHaveLength(1);
    expect(scheduler().sync.status().lastReconcile).toBeNull();
  });

  it('syncs at once after a sign-in, however recent the last sync', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    sync.setConnection('disconnected');
    clock.advance(MINUTE);
    sync.setConnection('connecting');
    sync.setConnection('connected');
    expect(clock.nextTimerAt()).toBe(clock.now());
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(2);
  });

  it('never says "up to date" before the Leads are imported, and imports at once', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    expect(sync.status().state).toBe('idle');
    leadSync.imported = false;
    sync.cacheCleared();
    expect(sync.status()).toMatchObject({
      state: 'syncing',
      message: expect.stringMatching(/not imported yet/),
      lastRun: null,
      lastSyncAt: null,
    });
    expect(clock.nextTimerAt()).toBe(clock.now());
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(2);
  });

  it('shows progress while a sync runs', () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.progress({ phase: 'import', pages: 2, records: 4000, estimatedTotal: 10000 });
    expect(sync.status().progress).toEqual({
      phase: 'import',
      pages: 2,
      records: 4000,
      estimatedTotal: 10000,
    });
    expect(sync.status().message).toMatch(/4,000 of about 10,000/);
    // Before Salesforce has said how many there are: no guess.
    leadSync.runs[0]!.progress({ phase: 'import', pages: 1, records: 2000, estimatedTotal: null });
    expect(sync.status().message).toBe('Importing Leads: 2,000 (page 1).');
    leadSync.runs[0]!.progress({
      phase: 'incremental',
      pages: 2,
      records: 400,
      estimatedTotal: null,
    });
    expect(sync.status().message).toBe('Fetching changed Leads (page 2).');
  });

  it('shows how far a reconciliation has compared', async () => {
    reconciler = fakeReconciler({
      phase: 'reconcile',
      pages: 3,
      records: 6000,
      estimatedTotal: 9000,
    });
    const { sync } = scheduler();
    const shown: { message: string; progress: SyncProgress | null }[] = [];
    sync.onChange(({ message, progress }) => shown.push({ message, progress }));
    sync.setConnection('connected');
    clock.advance(0);
    sync.requestReconcile();
    leadSync.runs[0]!.resolve();
    await settle();
    leadSync.runs[1]!.progress({
      phase: 'incremental',
      pages: 1,
      records: 5,
      estimatedTotal: null,
    });
    leadSync.runs[1]!.resolve();
    await settle();
    const reconciling = shown.findIndex(({ message }) => message.startsWith('Reconciling'));
    expect(shown.slice(reconciling, reconciling + 2)).toEqual([
      // Before the first page: no figure, and not the sync's last one.
      { message: 'Reconciling with Salesforce…', progress: null },
      {
        message: 'Reconciling with Salesforce: 6,000 Lead Ids compared (page 3).',
        progress: { phase: 'reconcile', pages: 3, records: 6000, estimatedTotal: 9000 },
      },
    ]);
  });

  it('says in the log why Sync now and Reconcile now did nothing while disconnected', () => {
    const { sync, log } = scheduler();
    sync.requestSync();
    sync.requestReconcile();
    clock.advance(60 * MINUTE);
    expect(leadSync.runs).toHaveLength(0);
    const skipped = log.list({ limit: 10, kinds: ['sync.skipped'] }).entries;
    expect(skipped.map((entry) => entry.details)).toEqual([
      { reason: sync.status().message },
      { reason: sync.status().message },
    ]);
    expect(sync.status()).toMatchObject({ state: 'disconnected', message: expect.any(String) });
    expect(sync.status().message).not.toBe('');
  });

  it('runs on wake-up a sync that fell due while the machine slept, and not one still ahead', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    // Asleep: time moves on, but no timer fires.
    clock.time += 5 * MINUTE - 1;
    sync.wake();
    expect(leadSync.runs).toHaveLength(1);
    clock.time += 1;
    sync.wake();
    expect(leadSync.runs).toHaveLength(2);
    // The timer of the sync it ran, late after the sleep, runs no second one.
    leadSync.runs[1]!.resolve();
    await settle();
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(2);
  });

  it('queues at most one follow-up for Sync now during a running sync', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    sync.requestSync();
    sync.requestSync();
    sync.requestSync();
    leadSync.runs[0]!.resolve();
    await settle();
    expect(leadSync.runs).toHaveLength(2);
    leadSync.runs[1]!.resolve();
    await settle();
    expect(leadSync.runs).toHaveLength(2);
  });

  it('stops on pause and picks up on resume, at once when the sync is overdue', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    sync.pause();
    expect(sync.status()).toMatchObject({ state: 'paused', nextSyncAt: null });
    clock.advance(20 * MINUTE);
    expect(leadSync.runs).toHaveLength(1);
    sync.resume();
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(2);
  });

  it('syncs at once after the app was closed for longer than the interval', async () => {
    const first = scheduler();
    first.sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    first.sync.stop();

    clock.time += 2 * 60 * MINUTE; // closed for two hours
    const second = scheduler();
    expect(second.sync.status().lastSyncAt).not.toBeNull();
    second.sync.setConnection('connected');
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(2);
  });

  it('backs off 1, 2, 4 … 30 minutes after errors, with the reason visible', async () => {
    const { sync, log } = scheduler();
    sync.setConnection('connected');
    const delays: number[] = [];
    const messages: string[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      clock.advance(clock.nextTimerAt()! - clock.now());
      leadSync.runs.at(-1)!.reject(unreachable());
      await settle();
      delays.push((Date.parse(sync.status().nextSyncAt!) - clock.now()) / MINUTE);
      messages.push(sync.status().message);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30]);
    expect(messages.slice(0, 2)).toEqual([
      'Leadbridge could not reach Salesforce. Leadbridge tries again in 1 minute (or click Sync now).',
      'Leadbridge could not reach Salesforce. Leadbridge tries again in 2 minutes (or click Sync now).',
    ]);
    expect(sync.status()).toMatchObject({
      state: 'error',
      message: expect.stringMatching(/could not reach/),
    });
    expect(log.list({ limit: 1, kinds: ['sync.failed'] }).entries[0]?.details).toMatchObject({
      code: 'SALESFORCE_UNREACHABLE',
      retryInMinutes: 30,
    });
  });

  it('stops when the connection needs reconnecting', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    sync.setConnection('reconnect-needed');
    leadSync.runs[0]!.reject(new AppError('RECONNECT_NEEDED', 'Connect again.'));
    await settle();
    expect(sync.status()).toMatchObject({ state: 'error', nextSyncAt: null });
    clock.advance(60 * MINUTE);
    expect(leadSync.runs).toHaveLength(1);
  });

  it('pauses background sync over the API budget, but Sync now still runs', async () => {
    const { sync } = scheduler();
    usage = { used: 95_000, max: 100_000, measuredAt: '' };
    sync.setConnection('connected');
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(0);
    expect(sync.status()).toMatchObject({
      state: 'paused',
      message: expect.stringMatching(/95%.*cap is 90%/),
    });
    sync.requestSync();
    expect(leadSync.runs).toHaveLength(1);
  });

  it('stays quiet after stop, even when the running sync fails as the app closes', async () => {
    const { sync, log } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    sync.stop();
    const entries = log.list({ limit: 100 }).total;
    leadSync.runs[0]!.reject(new Error('The database connection is not open'));
    await settle();
    expect(log.list({ limit: 100 }).total).toBe(entries);
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  it.each([
    ['a Salesforce failure', unreachable()],
    ['a refused sign-in', new AppError('RECONNECT_NEEDED', 'Connect again.')],
  ])('logs why a sync failed and shows no progress of it: %s', async (_, error) => {
    const { sync, log } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.progress({
      phase: 'incremental',
      pages: 1,
      records: 5,
      estimatedTotal: null,
    });
    leadSync.runs[0]!.reject(error);
    await settle();
    expect(sync.status().progress).toBeNull();
    expect(log.list({ limit: 1, kinds: ['sync.failed'] }).entries[0]?.details).toMatchObject({
      code: error.code,
      message: error.message,
    });
  });

  it('names an unexpected failure SYNC_FAILED in the status, the log and the diagnostics', async () => {
    const { sync, log, logger } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.reject(new TypeError('x is undefined'));
    await settle();
    expect(sync.status().message).toMatch(/^The sync stopped unexpectedly\. /);
    expect(log.list({ limit: 1, kinds: ['sync.failed'] }).entries[0]?.details).toMatchObject({
      code: 'SYNC_FAILED',
      message: 'The sync stopped unexpectedly.',
    });
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'sync failed',
      facts: { code: 'SYNC_FAILED' },
    });
  });

  it('pauses and resumes once however often asked, logs each, and remembers it across restarts', () => {
    const { sync, log } = scheduler();
    sync.pause();
    sync.pause();
    expect(scheduler().sync.status().paused).toBe(true);
    sync.resume();
    sync.resume();
    expect(scheduler().sync.status().paused).toBe(false);
    expect(kindsLogged(log)).toEqual(['sync.paused', 'sync.resumed']);
  });

  it('keeps the next sync where it is when settings are saved with the same interval', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.reject(unreachable());
    await settle();
    const retry = sync.status().nextSyncAt;
    sync.setInterval(5);
    expect(sync.status().nextSyncAt).toBe(retry);
  });

  it('counts a new interval from the last sync', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    const lastSync = clock.now();
    clock.advance(2 * MINUTE);
    sync.setInterval(15);
    expect(sync.status().nextSyncAt).toBe(new Date(lastSync + 15 * MINUTE).toISOString());
  });

  it('looks again every interval while over the API budget, and syncs once under it', () => {
    const { sync } = scheduler();
    usage = { used: 95_000, max: 100_000, measuredAt: '' };
    sync.setConnection('connected');
    clock.advance(5 * MINUTE);
    expect(leadSync.runs).toHaveLength(0);
    usage = { used: 50_000, max: 100_000, measuredAt: '' };
    clock.advance(5 * MINUTE);
    expect(leadSync.runs).toHaveLength(1);
  });

  it('over the API budget, asks Salesforce for the usage again once it is an hour old, and syncs once calls have aged out of it', async () => {
    const { sync } = scheduler();
    const at = (ms: number) => new Date(ms).toISOString();
    usage = { used: 95_000, max: 100_000, measuredAt: at(clock.now()) };
    sync.setConnection('connected');
    // Nothing else calls Salesforce over the cap: the figure would stay at 95 % for good.
    clock.advance(55 * MINUTE);
    await settle();
    expect(usageMeasured).toBe(0);
    usageNow = { used: 96_000, max: 100_000, measuredAt: at(clock.now() + 5 * MINUTE) };
    clock.advance(5 * MINUTE);
    await settle();
    expect(usageMeasured).toBe(1);
    expect(leadSync.runs).toHaveLength(0);
    // Still over: not asked again before another hour.
    clock.advance(30 * MINUTE);
    await settle();
    expect(usageMeasured).toBe(1);
    usageNow = { used: 40_000, max: 100_000, measuredAt: at(clock.now() + 30 * MINUTE) };
    clock.advance(30 * MINUTE);
    await settle();
    expect(usageMeasured).toBe(2);
    clock.advance(5 * MINUTE);
    expect(leadSync.runs).toHaveLength(1);
  });

  it('announces no next sync over the API budget (its timer only looks again), and one once under it', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    // The sync itself (Sync now, say) took the org over the cap.
    usage = { used: 95_000, max: 100_000, measuredAt: '' };
    leadSync.runs[0]!.resolve();
    await settle();
    expect(sync.status()).toMatchObject({ state: 'paused', paused: false, nextSyncAt: null });
    usage = { used: 50_000, max: 100_000, measuredAt: '' };
    sync.apiUsageChanged();
    expect(sync.status()).toMatchObject({ state: 'idle', nextSyncAt: expect.any(String) });
  });

  it('shows the API usage a call reported at once, without waiting for a sync', () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    const told: (number | undefined)[] = [];
    sync.onChange((status) => told.push(status.apiUsage?.used));
    usage = { used: 1_234, max: 100_000, measuredAt: '2026-01-01T00:00:00.000Z' };
    sync.apiUsageChanged();
    expect(told).toEqual([1_234]);
  });

  it('tells background work why it must wait: paused, disconnected or over the API budget', () => {
    const { sync } = scheduler();
    expect(sync.holdReason()).toBe('disconnected');
    sync.setConnection('connected');
    expect(sync.holdReason()).toBeNull();
    usage = { used: 95_000, max: 100_000, measuredAt: '' };
    expect(sync.holdReason()).toBe('api-budget');
    sync.pause();
    expect(sync.holdReason()).toBe('paused');
  });

  it('syncs on a streamed change as the schedule would: not while disconnected, paused or over the API budget', async () => {
    const { sync } = scheduler();
    sync.syncChanges();
    expect(leadSync.runs).toHaveLength(0);
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    usage = { used: 95_000, max: 100_000, measuredAt: '' };
    sync.syncChanges();
    usage = null;
    sync.pause();
    sync.syncChanges();
    sync.resume();
    expect(leadSync.runs).toHaveLength(1);
    sync.syncChanges('booking-posted');
    expect(leadSync.runs).toHaveLength(2);
  });

  it('folds streamed changes during a sync into one sync after it', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    sync.syncChanges();
    sync.syncChanges();
    expect(leadSync.runs).toHaveLength(1);
    leadSync.runs[0]!.resolve();
    await settle();
    expect(leadSync.runs).toHaveLength(2);
    leadSync.runs[1]!.resolve();
    await settle();
    expect(leadSync.runs).toHaveLength(2);
  });

  it.each([
    ['Sync now', (sync: SyncScheduler) => sync.requestSync(), 2],
    ['Reconcile now', (sync: SyncScheduler) => sync.requestReconcile(), 2],
    ['a streamed change', (sync: SyncScheduler) => sync.syncChanges(), 1],
  ])(
    'after a pause during a sync, runs the follow-up only if a person asked for it: %s',
    async (_, ask, syncs) => {
      const { sync } = scheduler();
      sync.setConnection('connected');
      clock.advance(0);
      ask(sync);
      sync.pause();
      leadSync.runs[0]!.resolve();
      await settle();
      expect(leadSync.runs).toHaveLength(syncs);
    },
  );

  it('drops the follow-up asked for during a sync when disconnected before it ends', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    sync.requestSync();
    sync.setConnection('disconnected');
    leadSync.runs[0]!.resolve();
    await settle();
    expect(leadSync.runs).toHaveLength(1);
  });

  it('runs nothing asked of it after stop', async () => {
    const { sync, log } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    sync.stop();
    const entries = log.list({ limit: 100 }).total;
    sync.requestSync();
    sync.requestReconcile();
    sync.syncChanges();
    sync.setInterval(1);
    clock.advance(HOUR);
    expect(leadSync.runs).toHaveLength(1);
    expect(log.list({ limit: 100 }).total).toBe(entries);
  });

  it.each([
    [
      'disconnected after a sync',
      async (sync: SyncScheduler) => {
        leadSync.runs[0]!.resolve();
        await settle();
        sync.setConnection('disconnected');
      },
    ],
    [
      'disconnected during a sync that then fails',
      async (sync: SyncScheduler) => {
        sync.setConnection('disconnected');
        leadSync.runs[0]!.reject(unreachable());
        await settle();
      },
    ],
    [
      'paused during a sync that then succeeds',
      async (sync: SyncScheduler) => {
        sync.pause();
        leadSync.runs[0]!.resolve();
        await settle();
      },
    ],
  ])('announces and runs no next sync when %s', async (_, act) => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    await act(sync);
    expect(sync.status().nextSyncAt).toBeNull();
    clock.advance(HOUR);
    expect(leadSync.runs).toHaveLength(1);
  });

  it('runs no second sync beside one still running when resumed during it', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    clock.advance(5 * MINUTE);
    sync.pause();
    clock.advance(HOUR);
    sync.requestSync();
    sync.resume();
    clock.advance(0);
    expect(leadSync.runs).toHaveLength(2);
  });

  it('says at once that Salesforce did not answer and which attempt comes next, until an answer moves on', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    sync.callRetrying({ attempt: 2, attempts: 3, delayMs: 500, failure: 'HTTP 503' });
    expect(sync.status()).toMatchObject({
      state: 'syncing',
      retry: { attempt: 2, attempts: 3, failure: 'HTTP 503' },
      message:
        'A call to Salesforce failed (HTTP 503). Leadbridge is asking again: attempt 2 of 3.',
    });
    leadSync.runs[0]!.progress({
      phase: 'incremental',
      pages: 1,
      records: 4,
      estimatedTotal: null,
    });
    expect(sync.status()).toMatchObject({
      retry: null,
      message: 'Fetching changed Leads (page 1).',
    });
    sync.callRetrying({
      attempt: 3,
      attempts: 3,
      delayMs: 1000,
      failure: 'the connection dropped',
    });
    leadSync.runs[0]!.reject(unreachable());
    await settle();
    expect(sync.status()).toMatchObject({ state: 'error', retry: null });
  });

  it('says nothing of a retried call while no sync runs (the outbox and the Connection screen call too)', () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    const before = sync.status();
    sync.callRetrying({ attempt: 2, attempts: 3, delayMs: 500, failure: 'HTTP 503' });
    expect(sync.status()).toBe(before);
  });

  it('says it is syncing before the first page arrives, then that it is up to date', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    expect(sync.status()).toMatchObject({ state: 'syncing', message: 'Syncing Leads…' });
    leadSync.runs[0]!.resolve();
    await settle();
    expect(sync.status()).toMatchObject({ state: 'idle', message: 'Up to date with Salesforce.' });
  });

  it('logs what started each sync and how long it took', async () => {
    const { sync, log } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    clock.advance(1_234);
    leadSync.runs[0]!.resolve();
    await settle();
    sync.requestSync();
    clock.advance(56);
    leadSync.runs[1]!.resolve();
    await settle();
    const completed = log.list({ limit: 10, kinds: ['sync.completed'] }).entries.reverse();
    expect(completed.map((entry) => entry.details)).toMatchObject([
      { trigger: 'schedule', durationMs: 1_234 },
      { trigger: 'manual', durationMs: 56 },
    ]);
    expect(sync.status().lastRun?.durationMs).toBe(56);
  });

  it('shows a finished sync as the last one even when the reconciliation after it fails', async () => {
    const { sync } = scheduler();
    reconciler.run = () => Promise.reject(unreachable());
    sync.setConnection('connected');
    sync.requestReconcile();
    clock.advance(MINUTE);
    leadSync.runs[0]!.resolve();
    await settle();
    expect(sync.status()).toMatchObject({
      state: 'error',
      lastSyncAt: new Date(clock.now()).toISOString(),
      lastRun: { records: 3 },
    });
  });

  it('reconciles after incremental syncs only, never right after an import', async () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    await finishSyncsFor(25 * HOUR);
    expect(reconciler.runs).toHaveLength(1);
    leadSync.phase = 'import';
    await finishSyncsFor(25 * HOUR);
    expect(reconciler.runs).toHaveLength(1);
  });

  it('spreads syncs apart: the next falls after the interval by up to 15 s, as the random draw says', async () => {
    random = () => 0.5;
    const { sync } = scheduler();
    sync.setConnection('connected');
    clock.advance(0);
    leadSync.runs[0]!.resolve();
    await settle();
    expect(Date.parse(sync.status().nextSyncAt!) - clock.now()).toBe(5 * MINUTE + 7_500);
  });

  it('holds background work from the API budget cap on, to the call, not below it', () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    usage = { used: 89_999, max: 100_000, measuredAt: '' };
    expect(sync.holdReason()).toBeNull();
    usage = { used: 90_000, max: 100_000, measuredAt: '' };
    expect(sync.holdReason()).toBe('api-budget');
  });

  it('holds nothing for an org that reports no API allowance (a maximum of 0)', () => {
    const { sync } = scheduler();
    sync.setConnection('connected');
    usage = { used: 5, max: 0, measuredAt: '' };
    expect(sync.holdReason()).toBeNull();
  });

  it("shows the org's API usage beside the cap set in Settings", () => {
    usage = { used: 1_200, max: 100_000, measuredAt: '' };
    const { sync } = scheduler();
    sync.setConnection('connected');
    expect(sync.status().apiUsage).toEqual({
      used: 1_200,
      max: 100_000,
      capPercent: 90,
      measuredAt: '',
    });
  });

  it('stops telling a listener once it unsubscribed', () => {
    const { sync } = scheduler();
    const told: string[] = [];
    const unsubscribe = sync.onChange((status) => told.push(status.state));
    sync.setConnection('connected');
    expect(told.at(-1)).toBe('idle');
    const before = told.length;
    unsubscribe();
    sync.pause();
    expect(told).toHaveLength(before);
  });
});
