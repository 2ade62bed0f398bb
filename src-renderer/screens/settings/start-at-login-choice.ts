import type { AppInfo, UserSettings } from '../../../src-preload/contract';

/**
 * Only the desktop app can start with the user's session; a headless host is started by its
 * service manager. Once on, it stays visible everywhere so it can be turned off.
 */
export function offersStartAtLogin(info: AppInfo | null, saved: UserSettings): boolean {
  return saved.startAtLogin || info?.hostKind === 'electron';
}
