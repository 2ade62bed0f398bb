import type {
  ConnectionState,
  ReconcileReport,
  SyncProgress,
  SyncRun,
  SyncStatus,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock, Logger } from '../ports';
import type { CallRetry } from '../salesforce/bounded-transport';
import type { ApiUsage } from '../salesforce/salesforce-connection';
import type { SettingsService } from '../settings';
import type { LogRepository } from '../store/log-repository';
import type { SyncStateRepository } from '../store/sync-state-repository';
import type { LeadReconciler } from './lead-reconciler';
import type { LeadSync } from './lead-sync';

export type SyncStatusListener = (status: SyncStatus) => void;

export interface SyncSchedulerDependencies {
  settings: SettingsService;
  log: LogRepository;
  state: SyncStateRepository;
  clock: Clock;
  logger: Logger;
  leadSync: Pick<LeadSync, 'run' | 'hasImported'>;
  reconciler: Pick<LeadReconciler, 'run'>;
  apiUsage(): ApiUsage | null;
  /** Asks Salesforce for the org's API usage now (one call); `apiUsage` then has it. */
  measureApiUsage(): Promise<void>;
  cachedLeads(): number;
  /** 0 ≤ x < 1; spreads many installs' syncs apart. Tests pass a constant. */
  random(): number;
}

type Trigger = 'manual' | 'schedule' | BackgroundTrigger | 'reconcile';
/** Syncs asked for by something other than a person or the schedule. */
type BackgroundTrigger = 'change-event' | 'booking-posted';

const MAX_JITTER_MS = 15_000;
const MAX_BACKOFF_MINUTES = 30;
const LAST_RUN_KEY = 'lastRun';
const LAST_RECONCILE_KEY = 'lastReconcile';
/** When the daily reconciliation counts from before the first one: the first sync. */
const RECONCILE_BASELINE_KEY = 'reconcileBaseline';
const RECONCILE_EVERY_MS = 24 * 60 * 60_000;
/**
 * Over the budget nothing else may call Salesforce, so the usage figure would never fall:
 * Salesforce counts the last 24 hours, and calls age out of it. Measured again this often.
 */
const USAGE_RECHECK_MS = 60 * 60_000;

/**
 * When Leads sync, and the status the tray and the UI show. Syncs every interval; at once
 * after a sign-in, while the Leads are not imported, and when the last sync is older than
 * the interval (the app was closed, the machine slept); on "Sync now" (queueing at most one
 * follow-up while a sync runs); never while paused or over the API budget, and with growing
 * pauses after errors. The tray and the UI call the same methods.
 */
export class SyncScheduler {
  #status: SyncStatus;
  #connection: ConnectionState = 'disconnected';
  #running: Promise<void> | undefined;
  #syncing = false;
  #followUp: Trigger | undefined;
  /** After stop() (the app is closing) nothing is scheduled, written or logged any more. */
  #stopped = false;
  /** A usage check over the budget is on its way (see `#recheckStaleUsage`). */
  #measuringUsage = false;
  #cancelTimer: (() => void) | undefined;
  /** When the timer fires; shown as the next sync only while that tick will sync. */
  #timerDueAt: string | null = null;
  /** What the running sync says it does; a retry's notice stands in for it until answered. */
  #runMessage = '';
  #failures = 0;
  /** What the last sync met, and in how many minutes the schedule tries again. */
  #problem: { message: string; retryInMinutes: number } | undefined;
  /** Why Salesforce stopped accepting the sign-in, as the failed sync was told. */
  #reconnectReason: string | undefined;
  readonly #listeners = new Set<SyncStatusListener>();

  constructor(private readonly deps: SyncSchedulerDependencies) {
    const { syncPaused, syncIntervalMinutes } = deps.settings.get();
    const lastRun = deps.state.get<SyncRun>(LAST_RUN_KEY) ?? null;
    this.#status = {
      state: 'disconnected',
      message: '',
      paused: syncPaused,
      lastSyncAt: lastRun?.at ?? null,
      nextSyncAt: null,
      intervalMinutes: syncIntervalMinutes,
      progress: null,
      lastRun,
      lastReconcile: deps.state.get<ReconcileReport>(LAST_RECONCILE_KEY) ?? null,
      apiUsage: null,
      retry: null,
      cachedLeads: deps.cachedLeads(),
    };
    this.#status = { ...this.#status, ...this.#describe() };
  }

  status(): SyncStatus {
    return this.#status;
  }

  onChange(listener: SyncStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  setConnection(connection: ConnectionState): void {
    if (connection === this.#connection) return;
    const previous = this.#connection;
    this.#connection = connection;
    if (connection === 'connected') {
      this.#failures = 0;
      this.#problem = undefined;
      this.#reconnectReason = undefined;
      // A sign-in (a connect or a reconnect) syncs at once, whatever the last run was; the
      // connection restored at start-up syncs when the last run says.
      if (previous === 'connecting') this.#schedule(0);
      else this.#scheduleFromLastRun();
    } else {
      this.#cancel();
    }
    this.#update({});
  }

  setInterval(minutes: number): void {
    if (minutes === this.#status.intervalMinutes) return;
    this.#update({ intervalMinutes: minutes });
    if (!this.#running) this.#scheduleFromLastRun();
  }

  pause(): SyncStatus {
    if (this.#status.paused) return this.#status;
    this.deps.settings.update({ syncPaused: true });
    this.deps.log.append('sync.paused', null, {});
    this.#cancel();
    return this.#update({ paused: true });
  }

  resume(): SyncStatus {
    if (!this.#status.paused) return this.#status;
    this.deps.settings.update({ syncPaused: false });
    this.deps.log.append('sync.resumed', null, {});
    this.#update({ paused: false });
    this.#scheduleFromLastRun();
    return this.#status;
  }

  /** The cache was emptied (another org, or "Delete cached leads"): its last run is history. */
  cacheCleared(): void {
    this.#failures = 0;
    this.#problem = undefined;
    this.#update({ lastRun: null, lastSyncAt: null, lastReconcile: null, progress: null });
    if (!this.#running) this.#scheduleFromLastRun();
  }

  /** "Sync now": runs at once (even while paused: the person asked), or right after the running one. */
  requestSync(): SyncStatus {
    if (this.#stopped) return this.#status;
    if (this.#connection !== 'connected') {
      this.deps.log.append('sync.skipped', null, { reason: this.#status.message });
      return this.#status;
    }
    if (this.#running) {
      // A queued reconciliation includes a sync: it stays.
      if (this.#followUp !== 'reconcile') this.#followUp = 'manual';
      return this.#status;
    }
    void this.#run('manual');
    return this.#status;
  }

  /**
   * "Reconcile now": a sync, then the comparison of every Lead with the org, run at once or
   * right after the running sync (it takes the follow-up's place: it includes a sync).
   */
  requestReconcile(): SyncStatus {
    if (this.#stopped) return this.#status;
    if (this.#connection !== 'connected') {
      this.deps.log.append('sync.skipped', null, { reason: this.#status.message });
      return this.#status;
    }
    if (this.#running) {
      this.#followUp = 'reconcile';
      return this.#status;
    }
    void this.#run('reconcile');
    return this.#status;
  }

  /**
   * Salesforce streamed a change, or a booking posted a new Lead: sync now as the schedule
   * would, so never while paused or over the API budget (the poll catches up then), and
   * coalesced with a running sync.
   */
  syncChanges(trigger: BackgroundTrigger = 'change-event'): void {
    if (this.#stopped || this.#connection !== 'connected' || this.#status.paused) return;
    if (this.#overBudget()) return;
    if (this.#running) {
      this.#followUp ??= trigger;
      return;
    }
    void this.#run(trigger);
  }

  /**
   * A call reported the org's API usage: every screen shows it at once, and crossing the cap
   * (either way) changes what the schedule will do.
   */
  apiUsageChanged(): void {
    if (!this.#stopped) this.#update({});
  }

  /**
   * A call of the running sync failed and is about to be sent again: the status says so now,
   * not once every attempt has failed. The next page (or the sync's end) clears it.
   */
  callRetrying(retry: CallRetry): void {
    if (this.#stopped || !this.#syncing) return;
    this.#update({
      retry: { attempt: retry.attempt, attempts: retry.attempts, failure: retry.failure },
    });
  }

  /** The machine woke up: a sync that fell due while it slept runs now. */
  wake(): void {
    // The tick keeps the timer cancellable: run late after the sleep, it would sync again.
    const next = this.#timerDueAt;
    if (next && Date.parse(next) <= this.deps.clock.now()) this.#tick();
  }

  /**
   * Why background work with Salesforce must wait now: the write-back follows the sync's own
   * rule (never while paused, disconnected or over the API budget).
   */
  holdReason(): 'paused' | 'disconnected' | 'api-budget' | null {
    if (this.#status.paused) return 'paused';
    if (this.#connection !== 'connected') return 'disconnected';
    if (this.#overBudget()) return 'api-budget';
    return null;
  }

  /** Resolves when the sync in progress (if any) and its follow-up have finished. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  #scheduleFromLastRun(): void {
    const last = this.#status.lastSyncAt ? Date.parse(this.#status.lastSyncAt) : 0;
    const due = this.deps.leadSync.hasImported()
      ? last + this.#intervalMs() - this.deps.clock.now()
      : 0;
    this.#schedule(Math.max(0, due));
  }

  /**
   * The only place a sync is scheduled: never after stop, while disconnected or paused (a sync
   * that ends then schedules nothing; connecting and resuming schedule anew).
   */
  #schedule(delayMs: number): void {
    if (this.#stopped || this.#connection !== 'connected' || this.#status.paused) return;
    this.#cancel();
    this.#cancelTimer = this.deps.clock.setTimer(() => this.#tick(), delayMs);
    this.#timerDueAt = new Date(this.deps.clock.now() + delayMs).toISOString();
    this.#update({});
  }

  #cancel(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#timerDueAt = null;
    if (this.#status.nextSyncAt) this.#update({});
  }

  #tick(): void {
    // Resuming during a sync schedules one that may fall due before the running one ends.
    if (this.#running) return;
    if (this.#overBudget()) {
      this.#recheckStaleUsage();
      this.#schedule(this.#intervalMs());
      return;
    }
    void this.#run('schedule');
  }

  async #run(trigger: Trigger): Promise<void> {
    this.#cancel();
    const started = this.deps.clock.now();
    this.#syncing = true;
    this.#runMessage = 'Syncing Leads…';
    this.#update({ progress: null, retry: null });
    const onProgress = (progress: SyncProgress) => {
      this.#runMessage = describeProgress(progress);
      this.#update({ progress, retry: null });
    };
    this.#running = (async () => {
      try {
        const report = await this.deps.leadSync.run(onProgress);
        if (this.#stopped) return;
        const run: SyncRun = {
          at: new Date(this.deps.clock.now()).toISOString(),
          durationMs: Math.round(this.deps.clock.now() - started),
          records: report.records,
          changes: report.changes,
          apiCalls: report.apiCalls,
        };
        this.deps.state.set(LAST_RUN_KEY, run);
        this.deps.log.append('sync.completed', null, { trigger, phase: report.phase, ...run });
        this.#update({ lastRun: run, lastSyncAt: run.at });
        if (trigger === 'reconcile' || (report.phase === 'incremental' && this.#reconcileDue())) {
          this.#runMessage = 'Reconciling with Salesforce…';
          this.#update({ progress: null, retry: null });
          const reconciled = await this.deps.reconciler.run(onProgress);
          if (this.#stopped) return;
          this.deps.state.set(LAST_RECONCILE_KEY, reconciled);
          this.#update({ lastReconcile: reconciled });
        }
        this.#failures = 0;
        this.#problem = undefined;
        this.#syncing = false;
        this.#update({ lastRun: run, lastSyncAt: run.at, progress: null, retry: null });
        this.#schedule(this.#intervalMs() + Math.floor(this.deps.random() * MAX_JITTER_MS));
      } catch (error) {
        this.#fail(error);
      }
    })();
    await this.#running;
    this.#running = undefined;
    const followUp = this.#followUp;
    this.#followUp = undefined;
    if (followUp && this.#connection === 'connected' && !this.#stopped) {
      if (followUp !== 'manual' && followUp !== 'reconcile' && this.#status.paused) return;
      await this.#run(followUp);
    }
  }

  /** Daily, counted from the last reconciliation (or, before the first, from the first sync). */
  #reconcileDue(): boolean {
    const { state, clock } = this.deps;
    const last = this.#status.lastReconcile?.at ?? state.get<string>(RECONCILE_BASELINE_KEY);
    if (last === undefined) {
      state.set(RECONCILE_BASELINE_KEY, new Date(clock.now()).toISOString());
      return false;
    }
    return clock.now() - Date.parse(last) >= RECONCILE_EVERY_MS;
  }

  #fail(error: unknown): void {
    this.#syncing = false;
    // Closing the database under a running sync fails it; that is the app shutting down.
    if (this.#stopped) return;
    const appError =
      error instanceof AppError
        ? error
        : new AppError('SYNC_FAILED', 'The sync stopped unexpectedly.', { cause: error });
    this.deps.logger.warn('sync failed', { code: appError.code });
    if (appError.code === 'RECONNECT_NEEDED') {
      // The connection turns to reconnect-needed; nothing is retried until then.
      this.deps.log.append('sync.failed', null, { code: appError.code, message: appError.message });
      this.#reconnectReason = appError.message;
      this.#update({ progress: null, retry: null });
      return;
    }
    this.#failures += 1;
    const minutes = Math.min(2 ** (this.#failures - 1), MAX_BACKOFF_MINUTES);
    this.#problem = { message: appError.message, retryInMinutes: minutes };
    this.deps.log.append('sync.failed', null, {
      code: appError.code,
      message: appError.message,
      retryInMinutes: minutes,
    });
    this.#update({ progress: null, retry: null });
    this.#schedule(minutes * 60_000);
  }

  /** The figure that holds the schedule, measured again once an hour (see USAGE_RECHECK_MS). */
  #recheckStaleUsage(): void {
    const measuredAt = Date.parse(this.deps.apiUsage()?.measuredAt ?? '');
    if (this.#measuringUsage || !(this.deps.clock.now() - measuredAt >= USAGE_RECHECK_MS)) return;
    this.#measuringUsage = true;
    this.deps
      .measureApiUsage()
      .catch(() => undefined) // a failed call says so through the connection; the next tick asks again
      .finally(() => (this.#measuringUsage = false));
  }

  #overBudget(): boolean {
    const usage = this.deps.apiUsage();
    return (
      usage !== null &&
      usage.max > 0 &&
      (usage.used / usage.max) * 100 >= this.deps.settings.get().apiBudgetPercent
    );
  }

  #intervalMs(): number {
    return this.#status.intervalMinutes * 60_000;
  }

  /** State and message follow from the facts; only a running sync sets its own. */
  #describe(): Pick<SyncStatus, 'state' | 'message'> {
    if (this.#connection === 'reconnect-needed')
      return { state: 'error', message: this.#reconnectReason ?? RECONNECT_MESSAGE };
    if (this.#syncing) {
      const retry = this.#status.retry;
      return {
        state: 'syncing',
        message: retry
          ? `A call to Salesforce failed (${retry.failure}). Leadbridge is asking again: attempt ${retry.attempt} of ${retry.attempts}.`
          : this.#runMessage,
      };
    }
    if (this.#status.paused) return { state: 'paused', message: PAUSED_MESSAGE };
    if (this.#connection === 'restoring')
      return { state: 'disconnected', message: RESTORING_MESSAGE };
    if (this.#connection !== 'connected')
      return { state: 'disconnected', message: NOT_CONNECTED_MESSAGE };
    if (this.#problem) return { state: 'error', message: this.#problemMessage(this.#problem) };
    const usage = this.deps.apiUsage();
    if (this.#overBudget() && usage) {
      const percent = Math.round((usage.used / usage.max) * 100);
      return {
        state: 'paused',
        message: `Background sync is paused: the org has used ${percent}% of today's API allowance (the cap is ${this.deps.settings.get().apiBudgetPercent}%). Sync now still works; the cap is in Settings.`,
      };
    }
    // Not "up to date": nothing is imported yet, and the import is due now.
    if (!this.deps.leadSync.hasImported()) return { state: 'syncing', message: IMPORT_DUE_MESSAGE };
    return { state: 'idle', message: 'Up to date with Salesforce.' };
  }

  /** Over the API budget the retry's tick syncs nothing: the message says what it waits for. */
  #problemMessage(problem: { message: string; retryInMinutes: number }): string {
    if (this.#overBudget()) {
      return `${problem.message} Background sync waits until the org's API usage is under the ${this.deps.settings.get().apiBudgetPercent}% cap (Sync now still works).`;
    }
    const minutes = problem.retryInMinutes;
    return `${problem.message} Leadbridge tries again in ${minutes} minute${minutes === 1 ? '' : 's'} (or click Sync now).`;
  }

  #update(patch: Partial<SyncStatus>): SyncStatus {
    const usage = this.deps.apiUsage();
    this.#status = { ...this.#status, ...patch };
    this.#status = {
      ...this.#status,
      ...this.#describe(),
      // Over the budget the timer only looks again: no sync is due then.
      nextSyncAt: this.#overBudget() ? null : this.#timerDueAt,
      apiUsage: usage
        ? {
            used: usage.used,
            max: usage.max,
            capPercent: this.deps.settings.get().apiBudgetPercent,
            measuredAt: usage.measuredAt,
          }
        : null,
      cachedLeads: this.deps.cachedLeads(),
    };
    for (const listener of this.#listeners) listener(this.#status);
    return this.#status;
  }
}

function describeProgress(progress: SyncProgress): string {
  if (progress.phase === 'import') {
    const total =
      progress.estimatedTotal === null
        ? ''
        : ` of about ${progress.estimatedTotal.toLocaleString('en-US')}`;
    return `Importing Leads: ${progress.records.toLocaleString('en-US')}${total} (page ${progress.pages}).`;
  }
  if (progress.phase === 'reconcile')
    return `Reconciling with Salesforce: ${progress.records.toLocaleString('en-US')} Lead Ids compared (page ${progress.pages}).`;
  return `Fetching changed Leads (page ${progress.pages}).`;
}

const NOT_CONNECTED_MESSAGE = 'Not connected to Salesforce. Open Connection to connect an org.';
// Short: it is also the tray's tooltip, which Windows cuts at 127 characters.
const RESTORING_MESSAGE =
  'Reading the saved Salesforce sign-in; allow it if your system asks to unlock its keychain.';
const PAUSED_MESSAGE = 'Sync is paused. Resume it from the tray or the Sync & Log screen.';
const IMPORT_DUE_MESSAGE = 'Leads are not imported yet: the import starts now.';
const RECONNECT_MESSAGE =
  'Salesforce no longer accepts Leadbridge’s sign-in. Open Connection and connect again.';
