import fs from 'node:fs/promises';
import path from 'node:path';
import type { App } from 'electron';

/** Given to the app when the OS starts it at login: it then stays in the tray. */
export const HIDDEN_FLAG = '--hidden';
const AUTOSTART_FILE = 'leadbridge.desktop';

export interface LoginItemHost {
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;
  env: Readonly<Record<string, string | undefined>>;
  homeDirectory: string;
  /** The running executable (process.execPath); an AppImage names itself in $APPIMAGE. */
  executable: string;
}

/**
 * Registers Leadbridge to start at the user's login, or removes it. macOS and Windows keep
 * their own list (the Windows Run key carries --hidden); Linux desktops read XDG autostart
 * entries, where Electron does nothing.
 */
export async function applyStartAtLogin(host: LoginItemHost, enabled: boolean): Promise<void> {
  if (host.platform !== 'linux') {
    host.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const file = autostartFile(host);
  if (!enabled) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, autostartEntry(host.env.APPIMAGE || host.executable), { mode: 0o644 });
}

/**
 * Started by the OS at login: --hidden on Windows and Linux (our own entries pass it);
 * macOS passes no arguments to a login item and says so itself.
 */
export function startedHidden(
  host: Pick<LoginItemHost, 'platform' | 'app'>,
  argv: readonly string[],
): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return host.platform === 'darwin' && host.app.getLoginItemSettings().wasOpenedAtLogin;
}

export function autostartFile(host: Pick<LoginItemHost, 'env' | 'homeDirectory'>): string {
  const configHome = host.env.XDG_CONFIG_HOME || path.join(host.homeDirectory, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE);
}

function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Leadbridge',
    'Comment=Keeps Salesforce Leads in sync from the tray',
    `Exec=${quoteExecArgument(executable)} ${HIDDEN_FLAG}`,
    'Icon=leadbridge',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * The Desktop Entry spec's quoting for an Exec argument: inside double quotes, `"`, `` ` ``,
 * `$` and `\` are escaped with a backslash; `%` is a field code and is doubled.
 */
export function quoteExecArgument(argument: string): string {
  const escaped = argument.replace(/["`$\\]/g, (char) => `\\${char}`).replace(/%/g, '%%');
  return `"${escaped}"`;
}
