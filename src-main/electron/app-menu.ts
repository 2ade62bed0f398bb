import type { MenuItemConstructorOptions } from 'electron';

/**
 * The packaged app's menu. Electron's default one has Reload and Toggle Developer Tools,
 * which a user must not stumble on; what stays is copy and paste (macOS routes those
 * shortcuts through the Edit menu) and, on macOS, the app and Window menus people expect.
 */
export function packagedMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  if (platform === 'darwin') {
    return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
  }
  return [{ role: 'editMenu' }];
}
