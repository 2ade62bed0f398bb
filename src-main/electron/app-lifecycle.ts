import type { App } from 'electron';

export interface Lifecycle {
  /** True once the user asked to quit; the window's close handler then lets it close. */
  isQuitting(): boolean;
  /**
   * Quits: through `app.quit()`, or through `how` (the updater's quitAndInstall, which
   * closes the windows before any `before-quit`, so the window must know first).
   */
  quit(how?: () => void): void;
}

/**
 * One Leadbridge per user: two would sync the same database twice. Must run before `ready`.
 * Returns undefined when another instance holds the lock; this one then quits and that one
 * receives our argv through `second-instance`.
 */
export function claimSingleInstance(
  app: App,
  onSecondInstance: (argv: string[]) => void,
): Lifecycle | undefined {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  let quitting = false;
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  app.on('before-quit', () => {
    quitting = true;
  });
  // A tray app outlives its window: closing the last window must not end the sync.
  app.on('window-all-closed', () => undefined);
  return {
    isQuitting: () => quitting,
    quit: (how) => {
      quitting = true;
      (how ?? (() => app.quit()))();
    },
  };
}
