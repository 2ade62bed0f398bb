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

/** A LeadSync whose runs the test finishes (or fails) by hand; its Leads count as imported. */
function fakeLeadSync() {
  const runs: { resolve(): void; reject(error: unknown): void; progress(p: SyncProgress): void }[] =
    [];
  const fake = {
    runs,
    imported: true,
    hasImported: () => fake.imported,
    run: (onProgress: (p: SyncProgress) => void) =>
      new Promise<{ phase: 'incremental'; records: number; changes: number; apiCalls: number }>(
        (resolve, reject) => {
          runs.push({
            resolve: () => resolve({ phase: 'incremental', records: 3, changes: 2, apiCalls: 1 }),
            reject,
            progress: onProgress,
          });
        },
      ),
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
let db: BetterSqlite3.Database;
let settingsStore: ReturnType<typeof memorySettingsStore>;

function scheduler() {
  const log = new LogRepository(db, clock);
  const sync = new SyncScheduler({
    settings: new SettingsService(settingsStore),
    log,
    state: new SyncStateRepository(db),
    clock,
    logger: createRecordingLogger(),
    leadSync,
    reconciler,
    apiUsage: () => usage,
    cachedLeads: () => 0,
    random: () => 0,
  });
  return { sync, log };
}

/** Lets promise callbacks run (the fake sync resolves through them). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  clock = new FakeClock();
  leadSync = fakeLeadSync();
  reconciler = fakeReconciler();
  usage = null;
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  settingsStore = memorySettingsStore();
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
    const finishSyncsFor = async (ms: number) => {
      const end = clock.now() + ms;
      while (clock.now() < end) {
        clock.advance(Math.min(5 * MINUTE + 1, end - clock.now()));
        leadSync.runs.at(-1)!.resolve();
        await settle();
      }
    };
    await finishSyncsFor(23 * 60 * MINUTE);
    expect(reconciler.runs).toHaveLength(0);
    await finishSyncsFor(2 * 60 * MINUTE);
    expect(reconciler.runs).toHaveLength(1);
    await finishSyncsFor(60 * MINUTE);
    expect(reconciler.runs).toHaveLength(1);
    expect(scheduler().sync.status().lastReconcile?.removed).toBe(1);
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
  });

  it('shows how far a reconciliation has compared', async () => {
    reconciler = fakeReconciler({
      phase: 'reconcile',
      pages: 3,
      records: 6000,
      estimatedTotal: 9000,
    });
    const { sync } = scheduler();
    const shown: string[] = [];
    sync.onChange((status) => shown.push(status.message));
    sync.setConnection('connected');
    clock.advance(0);
    sync.requestReconcile();
    leadSync.runs[0]!.resolve();
    await settle();
    leadSync.runs[1]!.resolve();
    await settle();
    expect(shown).toContain('Reconciling with Salesforce: 6,000 Lead Ids compared (page 3).');
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
    for (let attempt = 0; attempt < 7; attempt += 1) {
      clock.advance(clock.nextTimerAt()! - clock.now());
      leadSync.runs
        .at(-1)!
        .reject(new AppError('SALESFORCE_UNREACHABLE', 'Leadbridge could not reach Salesforce.'));
      await settle();
      delays.push((Date.parse(sync.status().nextSyncAt!) - clock.now()) / MINUTE);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30]);
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
});
