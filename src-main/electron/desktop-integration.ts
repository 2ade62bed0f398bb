import type { App, Shell } from 'electron';
import { AppError } from '../core/errors';
import type { DesktopIntegration } from '../core/ports';
import { openLogsFolder } from './log-folder';
import { applyStartAtLogin, type LoginItemHost } from './login-item';

export interface DesktopIntegrationOptions extends Omit<LoginItemHost, 'app'> {
  app: LoginItemHost['app'] & Pick<App, 'isPackaged'>;
  shell: Pick<Shell, 'openPath'>;
  logsDirectory: string;
}

/** What Settings asks of the desktop app: its logs folder and its login item. */
export function createDesktopIntegration(options: DesktopIntegrationOptions): DesktopIntegration {
  return {
    logsDirectory: options.logsDirectory,
    openLogsFolder: () => openLogsFolder(options.shell, options.logsDirectory),
    setStartAtLogin: async (enabled) => {
      if (!options.app.isPackaged) {
        throw new AppError(
          'START_AT_LOGIN_DEVELOPMENT',
          'A development build cannot start at login: it would register the bare Electron binary. Install a packaged Leadbridge to use this setting.',
        );
      }
      try {
        await applyStartAtLogin(options, enabled);
      } catch (error) {
        throw new AppError(
          'START_AT_LOGIN_FAILED',
          `Leadbridge could not ${enabled ? 'add itself to' : 'remove itself from'} the programs that start at login (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Check that your autostart folder is writable, then try again.`,
        );
      }
    },
  };
}
