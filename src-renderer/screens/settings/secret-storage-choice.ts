import type { AppInfo, UserSettings } from '../../../src-preload/contract';

/**
 * Only the desktop app on Linux can lack a keyring; elsewhere the choice means nothing.
 * Once on, it stays visible everywhere so it can be turned off.
 */
export function offersInsecureSecretStorage(info: AppInfo | null, saved: UserSettings): boolean {
  return (
    saved.allowInsecureSecretStorage || (info?.hostKind === 'electron' && info.platform === 'linux')
  );
}
