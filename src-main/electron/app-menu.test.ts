import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { packagedMenuTemplate } from './app-menu';

const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu'];

function roles(menu: MenuItemConstructorOptions[]): string[] {
  return menu.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('the packaged app menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)(
    'on %s keeps copy and paste and has no reload or developer tools',
    (platform) => {
      const menu = roles(packagedMenuTemplate(platform));
      expect(menu).toContain('editMenu');
      for (const role of DEVELOPER_ROLES) expect(menu).not.toContain(role);
    },
  );

  it('keeps the macOS app menu first (About, Hide, Quit)', () => {
    expect(packagedMenuTemplate('darwin')[0]?.role).toBe('appMenu');
    expect(roles(packagedMenuTemplate('win32'))).not.toContain('appMenu');
  });
});
