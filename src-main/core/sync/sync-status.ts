import type { SyncStatus } from '../../../src-preload/contract';
import type { LogRepository } from '../store/log-repository';
import type { SettingsService } from '../settings';

export type SyncStatusListener = (status: SyncStatus) => void;

/**
 * The sync's state as the tray and the UI show it. The tray's "Sync now" / "Pause sync"
 * and the UI both call these methods, so both always agree. The scheduler that moves it
 * through idle → syncing → idle plugs in here once a connection exists.
 */
export class SyncStatusTracker {
  #status: SyncStatus;
  readonly #listeners = new Set<SyncStatusListener>();

  constructor(
    private readonly settings: SettingsService,
    private readonly log: LogRepository,
  ) {
    const { syncPaused, syncIntervalMinutes } = settings.get();
    this.#status = {
      state: syncPaused ? 'paused' : 'disconnected',
      message: syncPaused ? PAUSED_MESSAGE : NOT_CONNECTED_MESSAGE,
      paused: syncPaused,
      lastSyncAt: null,
      nextSyncAt: null,
      intervalMinutes: syncIntervalMinutes,
    };
  }

  status(): SyncStatus {
    return this.#status;
  }

  onChange(listener: SyncStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  pause(): SyncStatus {
    if (this.#status.paused) return this.#status;
    this.settings.update({ syncPaused: true });
    this.log.append('sync.paused', null, {});
    return this.#set({ paused: true, state: 'paused', message: PAUSED_MESSAGE, nextSyncAt: null });
  }

  resume(): SyncStatus {
    if (!this.#status.paused) return this.#status;
    this.settings.update({ syncPaused: false });
    this.log.append('sync.resumed', null, {});
    return this.#set({ paused: false, state: 'disconnected', message: NOT_CONNECTED_MESSAGE });
  }

  /** "Sync now": with no org connected there is nothing to fetch, and the log says why. */
  requestSync(): SyncStatus {
    if (this.#status.state === 'disconnected' || this.#status.paused) {
      this.log.append('sync.skipped', null, { reason: this.#status.message });
    }
    return this.#status;
  }

  #set(patch: Partial<SyncStatus>): SyncStatus {
    this.#status = { ...this.#status, ...patch };
    for (const listener of this.#listeners) listener(this.#status);
    return this.#status;
  }
}

const NOT_CONNECTED_MESSAGE = 'Not connected to Salesforce. Open Connection to connect an org.';
const PAUSED_MESSAGE = 'Sync is paused. Resume it from the tray or the Sync & Log screen.';
