import type { ConnectionState, SyncStatus } from '../../../src-preload/contract';
import type { LogRepository } from '../store/log-repository';
import type { SettingsService } from '../settings';

export type SyncStatusListener = (status: SyncStatus) => void;

/**
 * The sync's state as the tray and the UI show it. The tray's "Sync now" / "Pause sync"
 * and the UI both call these methods, so both always agree. It follows the connection:
 * nothing to sync without one, and an error that says what to do when the grant is lost.
 */
export class SyncStatusTracker {
  #status: SyncStatus;
  #connection: ConnectionState = 'disconnected';
  readonly #listeners = new Set<SyncStatusListener>();

  constructor(
    private readonly settings: SettingsService,
    private readonly log: LogRepository,
  ) {
    const { syncPaused, syncIntervalMinutes } = settings.get();
    this.#status = {
      ...this.#derive(syncPaused),
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

  setConnection(connection: ConnectionState): void {
    if (connection === this.#connection) return;
    this.#connection = connection;
    this.#set(this.#derive(this.#status.paused));
  }

  /** The interval is shown in the status; it follows Settings. */
  setInterval(minutes: number): void {
    if (minutes !== this.#status.intervalMinutes) this.#set({ intervalMinutes: minutes });
  }

  pause(): SyncStatus {
    if (this.#status.paused) return this.#status;
    this.settings.update({ syncPaused: true });
    this.log.append('sync.paused', null, {});
    return this.#set({ paused: true, ...this.#derive(true), nextSyncAt: null });
  }

  resume(): SyncStatus {
    if (!this.#status.paused) return this.#status;
    this.settings.update({ syncPaused: false });
    this.log.append('sync.resumed', null, {});
    return this.#set({ paused: false, ...this.#derive(false) });
  }

  /** "Sync now" when there is nothing it can do: the log says why. */
  requestSync(): SyncStatus {
    if (this.#status.state !== 'idle' && this.#status.state !== 'syncing') {
      this.log.append('sync.skipped', null, { reason: this.#status.message });
    }
    return this.#status;
  }

  #derive(paused: boolean): Pick<SyncStatus, 'state' | 'message'> {
    if (this.#connection === 'reconnect-needed') {
      return { state: 'error', message: RECONNECT_MESSAGE };
    }
    if (paused) return { state: 'paused', message: PAUSED_MESSAGE };
    if (this.#connection === 'connected') return { state: 'idle', message: CONNECTED_MESSAGE };
    return { state: 'disconnected', message: NOT_CONNECTED_MESSAGE };
  }

  #set(patch: Partial<SyncStatus>): SyncStatus {
    this.#status = { ...this.#status, ...patch };
    for (const listener of this.#listeners) listener(this.#status);
    return this.#status;
  }
}

const NOT_CONNECTED_MESSAGE = 'Not connected to Salesforce. Open Connection to connect an org.';
const PAUSED_MESSAGE = 'Sync is paused. Resume it from the tray or the Sync & Log screen.';
const CONNECTED_MESSAGE = 'Connected to Salesforce.';
const RECONNECT_MESSAGE =
  'Salesforce no longer accepts Leadbridge’s sign-in. Open Connection and connect again.';
