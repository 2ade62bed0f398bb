import type { App, BrowserWindow, PowerMonitor } from 'electron';

export interface OrderlyShutdownOptions {
  platform: NodeJS.Platform;
  app: Pick<App, 'once'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  window: Pick<BrowserWindow, 'on'>;
  /** Stops the work and closes the database; run exactly once, whichever way the end comes. */
  close(): void;
  /**
   * The app's own quit (the lifecycle's): it lets the window really close instead of hiding
   * to the tray, which would hold up the system's shutdown.
   */
  quit(): void;
}

/**
 * The same orderly close however the app ends: a quit (`will-quit`), Windows ending the
 * session (it sends no `before-quit`; the window hears `session-end` and the process is
 * killed soon after), or macOS and Linux shutting down (`powerMonitor` `shutdown`).
 */
export function closeOnEveryExit(options: OrderlyShutdownOptions): void {
  let closed = false;
  const closeOnce = () => {
    if (closed) return;
    closed = true;
    options.close();
  };
  options.app.once('will-quit', closeOnce);
  const systemEnds = () => {
    closeOnce();
    options.quit();
  };
  if (options.platform === 'win32') {
    options.window.on('session-end', systemEnds);
    return;
  }
  // Electron's typings omit the event its documentation hands this listener.
  options.powerMonitor.on('shutdown', (...args: unknown[]) => {
    // Asks the OS to wait while the app closes its database, then quits at once.
    (args[0] as Electron.Event | undefined)?.preventDefault();
    systemEnds();
  });
}
