/**
 * What the core needs from its host, as small interfaces, so that the Electron host, the
 * headless host and tests can each hand it their own (electron-store or a JSON file, a fake
 * clock, an in-memory secret store).
 */

/** Raw persisted settings; the core parses them (see settings.ts), so hosts stay dumb. */
export interface SettingsStore {
  load(): unknown;
  save(value: Record<string, unknown>): void;
}

/** Holds secrets (tokens) encrypted at rest. Values never leave the main process. */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface Clock {
  now(): number;
  /** Calls back after `ms` (or later, after the machine slept); returns a cancel function. */
  setTimer(callback: () => void, ms: number): () => void;
}

/**
 * The diagnostic log (stderr / a file), not the user-facing activity log. Callers pass
 * parameter names and non-secret facts only, never tokens or request values.
 */
export interface Logger {
  info(message: string, facts?: Record<string, unknown>): void;
  warn(message: string, facts?: Record<string, unknown>): void;
  error(message: string, facts?: Record<string, unknown>): void;
}

/** What only the desktop app can do for the user; the headless host has none of it. */
export interface DesktopIntegration {
  /** Where the diagnostic log files are. */
  logsDirectory: string;
  /** Shows the logs folder in the file manager. */
  openLogsFolder(): Promise<void>;
  /** Registers Leadbridge to start (hidden in the tray) when the user logs in, or not. */
  setStartAtLogin(enabled: boolean): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => {
    // Never keeps the process alive on its own: hosts decide when to exit.
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
