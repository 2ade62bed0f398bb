import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyStartAtLogin,
  autostartFile,
  quoteExecArgument,
  startedHidden,
  type LoginItemHost,
} from './login-item';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function host(platform: NodeJS.Platform, patch: Partial<LoginItemHost> = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-home-'));
  folders.push(home);
  const app = {
    setLoginItemSettings: vi.fn(),
    getLoginItemSettings: vi.fn(() => ({ wasOpenedAtLogin: false }) as never),
  };
  return {
    app,
    host: {
      platform,
      app,
      env: {},
      homeDirectory: home,
      executable: '/opt/Leadbridge/leadbridge',
      ...patch,
    } satisfies LoginItemHost,
  };
}

describe('start at login', () => {
  it.each(['darwin', 'win32'] as const)(
    'registers and removes a login item on %s, started with --hidden',
    async (platform) => {
      const { app, host: onPlatform } = host(platform);
      await applyStartAtLogin(onPlatform, true);
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({
        openAtLogin: true,
        args: ['--hidden'],
      });
      await applyStartAtLogin(onPlatform, false);
      // The same args as when registering: Windows matches the Run key by them.
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({
        openAtLogin: false,
        args: ['--hidden'],
      });
      expect(fs.existsSync(autostartFile(onPlatform))).toBe(false);
    },
  );

  it('writes an XDG autostart entry on Linux that starts the app hidden, and removes it', async () => {
    const { app, host: linux } = host('linux');
    await applyStartAtLogin(linux, true);
    const file = path.join(linux.homeDirectory, '.config', 'autostart', 'leadbridge.desktop');
    const entry = fs.readFileSync(file, 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Type=Application\n');
    expect(entry).toContain('Exec="/opt/Leadbridge/leadbridge" --hidden\n');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();

    await applyStartAtLogin(linux, false);
    expect(fs.existsSync(file)).toBe(false);
    await expect(applyStartAtLogin(linux, false)).resolves.toBeUndefined();
  });

  it('on Linux follows XDG_CONFIG_HOME and names the AppImage, not its temporary mount', async () => {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-xdg-'));
    folders.push(config);
    const { host: linux } = host('linux', {
      env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/ana/Apps/Leadbridge 1.0.AppImage' },
      executable: '/tmp/.mount_Leadbr1/leadbridge',
    });
    await applyStartAtLogin(linux, true);
    const entry = fs.readFileSync(path.join(config, 'autostart', 'leadbridge.desktop'), 'utf8');
    expect(entry).toContain('Exec="/home/ana/Apps/Leadbridge 1.0.AppImage" --hidden\n');
  });

  it('quotes an Exec argument as the Desktop Entry spec says', () => {
    expect(quoteExecArgument('/a b/$x`y"z\\100%')).toBe('"/a b/\\$x\\`y\\"z\\\\100%%"');
  });

  it('knows it was started at login: --hidden, or macOS saying so', () => {
    const { app, host: mac } = host('darwin');
    expect(startedHidden(mac, ['/Applications/Leadbridge.app/x'])).toBe(false);
    expect(startedHidden(mac, ['x', '--hidden'])).toBe(true);
    app.getLoginItemSettings.mockReturnValue({ wasOpenedAtLogin: true } as never);
    expect(startedHidden(mac, ['x'])).toBe(true);
    const { app: winApp, host: win } = host('win32');
    winApp.getLoginItemSettings.mockReturnValue({ wasOpenedAtLogin: true } as never);
    expect(startedHidden(win, ['x'])).toBe(false);
  });
});
