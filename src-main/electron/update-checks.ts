import type { AppUpdater } from 'electron-updater';
import type { Clock, Logger } from '../core/ports';

const DAY_MS = 24 * 60 * 60_000;

export type UpdaterPort = Pick<AppUpdater, 'checkForUpdates' | 'on'>;

export interface UpdateChecksOptions {
  /** A development build has no release feed to compare itself with: it never checks. */
  packaged: boolean;
  /** Asked for only in a packaged build: electron-updater reads the build's feed when made. */
  updater(): UpdaterPort;
  clock: Clock;
  logger: Logger;
  /** Resolves once no sync runs: a download never competes with a sync for the network. */
  syncIdle(): Promise<void>;
  /** A new version is downloaded and installs at the next restart. */
  onDownloaded(version: string): void;
}

/**
 * Checks for a new release at start and then daily (electron-updater downloads it and
 * installs it on quit). A failed check is logged and tried again the next day: an update
 * is never a reason for the app to stop. Returns a function that stops the checks.
 */
export function scheduleUpdateChecks(options: UpdateChecksOptions): () => void {
  if (!options.packaged) return () => undefined;
  const { clock, logger } = options;
  const updater = options.updater();
  let stopped = false;
  let cancelTimer = () => {};

  updater.on('update-downloaded', (event) => {
    logger.info('update downloaded', { version: event.version });
    options.onDownloaded(event.version);
  });
  // Also reported through the check's promise; logged once, here.
  updater.on('error', (error) => {
    logger.warn('update failed', { error: error.message });
  });

  const check = async () => {
    await options.syncIdle();
    if (stopped) return;
    try {
      await updater.checkForUpdates();
    } catch {
      // Already logged by the 'error' listener.
    }
  };
  const checkThenWait = () => {
    void check().finally(() => {
      if (!stopped) cancelTimer = clock.setTimer(checkThenWait, DAY_MS);
    });
  };
  checkThenWait();
  return () => {
    stopped = true;
    cancelTimer();
  };
}
