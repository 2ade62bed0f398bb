import type { AppNotification, LogEntry } from '../../../src-preload/contract';
import type { Clock } from '../ports';
import type { LogRepository } from '../store/log-repository';
import {
  channelDisabledNotification,
  reconnectNeededNotification,
  writebackFailuresNotification,
} from './notification-texts';

/** Notifications out for an occurrence that is not over yet; kept across restarts. */
export interface NotificationsShown {
  reconnectNeeded: boolean;
  writebackFailures: boolean;
}

export interface NotificationMemory {
  load(): NotificationsShown;
  save(shown: NotificationsShown): void;
}

/** Failed writes within `windowMs` that make write-back worth a notification. */
export interface FailureThreshold {
  failures: number;
  windowMs: number;
}

export const DEFAULT_FAILURE_THRESHOLD: FailureThreshold = { failures: 5, windowMs: 60 * 60_000 };

export interface NotifierDependencies {
  log: Pick<LogRepository, 'onAppended' | 'newestTimes'>;
  memory: NotificationMemory;
  clock: Clock;
  raise(notification: AppNotification): void;
  threshold?: FailureThreshold;
}

const WRITE_FAILED = 'writeback.failed';

/**
 * Decides, from what the core writes to its log, when an admin is told — once per
 * occurrence, never a stream: reconnect needed once until connected again, each channel a
 * schema change turned off, and write-back failures once when they reach the threshold
 * within the window, then not again until they fall back below it.
 */
export class Notifier {
  readonly #threshold: FailureThreshold;
  #shown: NotificationsShown;
  #cancelRecheck: (() => void) | undefined;
  readonly #unsubscribe: () => void;

  constructor(private readonly deps: NotifierDependencies) {
    this.#threshold = deps.threshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.#shown = deps.memory.load();
    this.#unsubscribe = deps.log.onAppended((entry) => this.#observe(entry));
    // Failures of before a restart still count: the window may have closed meanwhile.
    if (this.#shown.writebackFailures) this.#recheckFailures();
  }

  stop(): void {
    this.#unsubscribe();
    this.#cancelRecheck?.();
  }

  #observe(entry: LogEntry): void {
    switch (entry.kind) {
      case 'connection.reconnect-needed':
        if (!this.#shown.reconnectNeeded) {
          this.#remember({ reconnectNeeded: true });
          this.deps.raise(reconnectNeededNotification(entry));
        }
        return;
      case 'connection.connected':
        if (this.#shown.reconnectNeeded) this.#remember({ reconnectNeeded: false });
        return;
      case 'channel.disabled':
        // Only Leadbridge gives a reason; an admin who turned a channel off knows it.
        if (typeof entry.details.reason === 'string')
          this.deps.raise(channelDisabledNotification(entry));
        return;
      case WRITE_FAILED:
        if (!this.#shown.writebackFailures && this.#failuresAbove() !== undefined) {
          this.#remember({ writebackFailures: true });
          this.deps.raise(writebackFailuresNotification(this.#threshold));
          this.#recheckFailures();
        }
        return;
    }
  }

  /**
   * When the threshold was reached, the time the oldest failure counted leaves the window;
   * undefined when fewer failures than the threshold lie within it.
   */
  #failuresAbove(): number | undefined {
    const { failures, windowMs } = this.#threshold;
    const times = this.deps.log.newestTimes(WRITE_FAILED, failures);
    if (times.length < failures) return undefined;
    const leavesAt = Date.parse(times[failures - 1]!) + windowMs;
    return leavesAt > this.deps.clock.now() ? leavesAt : undefined;
  }

  /** Forgets the notification once the failures fall below the threshold, not before. */
  #recheckFailures(): void {
    this.#cancelRecheck?.();
    this.#cancelRecheck = undefined;
    const leavesAt = this.#failuresAbove();
    if (leavesAt === undefined) {
      this.#remember({ writebackFailures: false });
      return;
    }
    this.#cancelRecheck = this.deps.clock.setTimer(
      () => this.#recheckFailures(),
      leavesAt - this.deps.clock.now(),
    );
  }

  #remember(change: Partial<NotificationsShown>): void {
    this.#shown = { ...this.#shown, ...change };
    this.deps.memory.save(this.#shown);
  }
}
