import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDesktopIntegration, type DesktopIntegrationOptions } from './desktop-integration';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function integration(patch: Partial<DesktopIntegrationOptions> & { isPackaged?: boolean } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-desk-'));
  folders.push(home);
  const app = {
    isPackaged: patch.isPackaged ?? true,
    setLoginItemSettings: vi.fn(),
    getLoginItemSettings: vi.fn(),
  };
  const shell = { openPath: vi.fn(async () => '') };
  const desktop = createDesktopIntegration({
    platform: 'linux',
    env: {},
    homeDirectory: home,
    executable: '/opt/Leadbridge/leadbridge',
    logsDirectory: path.join(home, 'logs'),
    app,
    shell,
    ...patch,
  });
  return { desktop, home, shell, app };
}

describe('the desktop integration', () => {
  it('opens only its own logs folder', async () => {
    const { desktop, shell, home } = integration();
    await desktop.openLogsFolder();
    expect(shell.openPath).toHaveBeenCalledWith(path.join(home, 'logs'));
  });

  it('refuses start at login in a development build, which would register bare Electron', async () => {
    const { desktop, home } = integration({ isPackaged: false });
    await expect(desktop.setStartAtLogin(true)).rejects.toMatchObject({
      code: 'START_AT_LOGIN_DEVELOPMENT',
    });
    expect(fs.existsSync(path.join(home, '.config', 'autostart'))).toBe(false);
  });

  it('says what to do when the autostart folder cannot be written', async () => {
    const { desktop, home } = integration();
    fs.writeFileSync(path.join(home, '.config'), 'not a folder');
    await expect(desktop.setStartAtLogin(true)).rejects.toMatchObject({
      code: 'START_AT_LOGIN_FAILED',
      message: expect.stringContaining('autostart folder is writable'),
    });
  });
});
