import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../test/support/test-core';
import { AppError } from './errors';
import type { DesktopIntegration } from './ports';

const cores: { dispose(): void }[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.dispose()));

async function desktopCore(setStartAtLogin: DesktopIntegration['setStartAtLogin']) {
  const desktop: DesktopIntegration = {
    logsDirectory: '/home/ana/.config/Leadbridge/logs',
    openLogsFolder: vi.fn(async () => undefined),
    setStartAtLogin: vi.fn(setStartAtLogin),
  };
  const core = await createTestCore({ hostKind: 'electron', desktop });
  cores.push(core);
  return { core, desktop };
}

describe('the start at login setting', () => {
  it('registers with the OS, then saves; turning it off unregisters', async () => {
    const { core, desktop } = await desktopCore(async () => undefined);
    expect(await core.handlers['settings:update']({ startAtLogin: true })).toMatchObject({
      startAtLogin: true,
    });
    expect(desktop.setStartAtLogin).toHaveBeenLastCalledWith(true);
    await core.handlers['settings:update']({ syncIntervalMinutes: 10 });
    expect(desktop.setStartAtLogin).toHaveBeenCalledTimes(1);
    await core.handlers['settings:update']({ startAtLogin: false });
    expect(desktop.setStartAtLogin).toHaveBeenLastCalledWith(false);
  });

  it('stays off when the OS refuses, and says why', async () => {
    const { core } = await desktopCore(async () => {
      throw new AppError('START_AT_LOGIN_FAILED', 'Could not.');
    });
    await expect(core.handlers['settings:update']({ startAtLogin: true })).rejects.toMatchObject({
      code: 'START_AT_LOGIN_FAILED',
    });
    expect((await core.handlers['settings:get']({})).startAtLogin).toBe(false);
  });

  it('opens the logs folder and names it in the app info', async () => {
    const { core, desktop } = await desktopCore(async () => undefined);
    expect(await core.handlers['app:open-logs-folder']({})).toEqual({
      folder: '/home/ana/.config/Leadbridge/logs',
    });
    expect(desktop.openLogsFolder).toHaveBeenCalled();
    expect((await core.handlers['app:info']({})).logsDirectory).toBe(
      '/home/ana/.config/Leadbridge/logs',
    );
  });
});
