import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { syncStatusFixture } from '../../test/support/sync-status-fixture';
import type { SyncStatus } from '../../src-preload/contract';
import {
  trayIconFileName,
  trayIconKind,
  trayMenuTemplate,
  trayTooltip,
  type TrayActions,
} from './tray-model';

function status(patch: Partial<SyncStatus>): SyncStatus {
  return syncStatusFixture({ message: 'Up to date.', ...patch });
}

function actions() {
  const action = () => vi.fn<() => void>();
  return {
    open: action(),
    syncNow: action(),
    pause: action(),
    resume: action(),
    openLogsFolder: action(),
    restartToUpdate: action(),
    quit: action(),
  } satisfies TrayActions;
}

function item(menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = menu.find((entry) => entry.label === label);
  if (!found) throw new Error(`no "${label}" in ${JSON.stringify(menu.map((e) => e.label))}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  // The tray calls click with (menuItem, window, event); the template ignores them.
  (entry.click as () => void)();
}

describe('trayIconKind', () => {
  it('shows syncing and errors, and the calm picture otherwise', () => {
    expect(trayIconKind('syncing')).toBe('syncing');
    expect(trayIconKind('error')).toBe('error');
    expect(trayIconKind('idle')).toBe('idle');
    expect(trayIconKind('paused')).toBe('idle');
    expect(trayIconKind('disconnected')).toBe('idle');
  });

  it('uses template images on macOS only', () => {
    expect(trayIconFileName('error', 'darwin')).toBe('tray-errorTemplate.png');
    expect(trayIconFileName('error', 'win32')).toBe('tray-error.png');
    expect(trayIconFileName('syncing', 'linux')).toBe('tray-syncing.png');
  });
});

describe('trayTooltip', () => {
  it('names the app and says what the sync is doing', () => {
    expect(trayTooltip(status({ message: 'Sync is paused.' }))).toBe(
      'Leadbridge — Sync is paused.',
    );
  });

  it('adds the outbox’s sentence while writes wait, are sent or failed, and not when it is quiet', () => {
    const outbox = (patch: { pending?: number; failed?: number; draining?: boolean }) => ({
      counts: {
        pending: patch.pending ?? 0,
        sent: 40,
        conflict: 2,
        failed: patch.failed ?? 0,
        skipped: 1,
        discarded: 0,
      },
      draining: patch.draining ?? false,
      heldBy: null,
      message: 'The outbox says so.',
      lastSentAt: null,
      nextAttemptAt: null,
    });
    const sync = status({ message: 'Up to date.' });
    const both = 'Leadbridge — Up to date.\nThe outbox says so.';
    expect(trayTooltip(sync, outbox({ pending: 3 }))).toBe(both);
    expect(trayTooltip(sync, outbox({ failed: 1 }))).toBe(both);
    expect(trayTooltip(sync, outbox({ draining: true }))).toBe(both);
    expect(trayTooltip(sync, outbox({}))).toBe('Leadbridge — Up to date.');
    expect(trayTooltip(sync, null)).toBe('Leadbridge — Up to date.');
  });
});

describe('trayMenuTemplate', () => {
  it('offers Open, Sync now, Pause sync, Open logs folder and Quit while running', () => {
    const menu = trayMenuTemplate(status({}), actions());
    expect(menu.filter((entry) => entry.label).map((entry) => entry.label)).toEqual([
      'Open Leadbridge',
      'Sync now',
      'Pause sync',
      'Open logs folder',
      'Quit Leadbridge',
    ]);
  });

  it('offers Restart to update once an update is downloaded', () => {
    const running = actions();
    const menu = trayMenuTemplate(status({}), running, '1.2.0');
    expect(menu[1]?.label).toBe('Restart to update (1.2.0)');
    click(item(menu, 'Restart to update (1.2.0)'));
    click(item(menu, 'Open logs folder'));
    expect(running.restartToUpdate).toHaveBeenCalledTimes(1);
    expect(running.openLogsFolder).toHaveBeenCalledTimes(1);
  });

  it('offers Resume sync instead of Pause sync when paused', () => {
    const menu = trayMenuTemplate(status({ state: 'paused', paused: true }), actions());
    const labels = menu.map((entry) => entry.label);
    expect(labels).toContain('Resume sync');
    expect(labels).not.toContain('Pause sync');
  });

  it('wires each item to the sync service and the app', () => {
    const running = actions();
    const menu = trayMenuTemplate(status({}), running);
    click(item(menu, 'Sync now'));
    click(item(menu, 'Pause sync'));
    click(item(menu, 'Open Leadbridge'));
    click(item(menu, 'Quit Leadbridge'));
    expect(running.syncNow).toHaveBeenCalledTimes(1);
    expect(running.pause).toHaveBeenCalledTimes(1);
    expect(running.open).toHaveBeenCalledTimes(1);
    expect(running.quit).toHaveBeenCalledTimes(1);
    expect(running.resume).not.toHaveBeenCalled();

    const paused = actions();
    click(item(trayMenuTemplate(status({ state: 'paused', paused: true }), paused), 'Resume sync'));
    expect(paused.resume).toHaveBeenCalledTimes(1);
    expect(paused.pause).not.toHaveBeenCalled();
  });

  it('disables Sync now while a sync runs', () => {
    expect(
      item(trayMenuTemplate(status({ state: 'syncing' }), actions()), 'Sync now').enabled,
    ).toBe(false);
    expect(item(trayMenuTemplate(status({}), actions()), 'Sync now').enabled).toBe(true);
  });
});
