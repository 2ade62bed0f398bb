import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { syncStatusFixture } from '../../test/support/sync-status-fixture';
import type { MenuItemConstructorOptions } from 'electron';
import type { OutboxStatus, SyncStatus } from '../../src-preload/contract';
import type { OutboxFeed, SyncControls } from './tray';

const fakes = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  class FakeTray extends EventEmitter {
    static last: FakeTray | undefined;
    image: unknown;
    tooltip = '';
    menu: MenuItemConstructorOptions[] = [];
    destroyed = false;
    constructor(image: unknown) {
      super();
      this.image = image;
      FakeTray.last = this;
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip(tooltip: string) {
      this.tooltip = tooltip;
    }
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      this.menu = menu;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    FakeTray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template },
    nativeImage: {
      createFromPath: (file: string) => ({ file, setTemplateImage: () => undefined }),
    },
  };
});

vi.mock('electron', () => ({
  Tray: fakes.FakeTray,
  Menu: fakes.Menu,
  nativeImage: fakes.nativeImage,
}));

const { createAppTray } = await import('./tray');

/** A stand-in for the core's SyncStatusTracker with the same observable behaviour. */
function fakeSync(initial: SyncStatus) {
  let current = initial;
  const listeners = new Set<(status: SyncStatus) => void>();
  const set = (patch: Partial<SyncStatus>) => {
    current = { ...current, ...patch };
    listeners.forEach((listener) => listener(current));
    return current;
  };
  const sync = {
    status: () => current,
    onChange: (listener: (status: SyncStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    requestSync: vi.fn(() => current),
    pause: vi.fn(() => set({ state: 'paused', paused: true, message: 'Sync is paused.' })),
    resume: vi.fn(() => set({ state: 'idle', paused: false, message: 'Up to date.' })),
    set,
  } satisfies SyncControls & { set: unknown };
  return sync;
}

/** The outbox as the core reports it: an answer to `status()`, then events. */
function fakeOutbox(initial: OutboxStatus | Error) {
  const listeners = new Set<(status: OutboxStatus) => void>();
  return {
    status: () => (initial instanceof Error ? Promise.reject(initial) : Promise.resolve(initial)),
    onChange: (listener: (status: OutboxStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (status: OutboxStatus) => listeners.forEach((listener) => listener(status)),
  } satisfies OutboxFeed & { emit: unknown };
}

function outboxStatus(pending: number, failed: number, message: string): OutboxStatus {
  return {
    counts: { pending, sent: 0, conflict: 0, failed, skipped: 0, discarded: 0 },
    draining: false,
    heldBy: null,
    message,
    lastSentAt: null,
    nextAttemptAt: null,
  };
}

const quietOutbox = outboxStatus(0, 0, 'Nothing waiting to be written to Salesforce.');
const idle: SyncStatus = syncStatusFixture({ message: 'Up to date.' });

function setUp(outboxAnswer: OutboxStatus | Error = quietOutbox) {
  const sync = fakeSync(idle);
  const outbox = fakeOutbox(outboxAnswer);
  const open = vi.fn();
  const quit = vi.fn();
  const openLogsFolder = vi.fn();
  const restartToUpdate = vi.fn();
  const appTray = createAppTray({
    sync,
    outbox,
    resourcesDirectory: '/app/resources',
    open,
    openLogsFolder,
    restartToUpdate,
    quit,
  });
  const tray = fakes.FakeTray.last;
  if (!tray) throw new Error('no tray was created');
  const click = (label: string) => {
    const entry = tray.menu.find((item) => item.label === label);
    if (!entry) throw new Error(`no "${label}" in the tray menu`);
    (entry.click as () => void)();
  };
  const iconFile = () => path.basename((tray.image as { file: string }).file);
  return {
    sync,
    outbox,
    open,
    quit,
    openLogsFolder,
    restartToUpdate,
    appTray,
    tray,
    click,
    iconFile,
  };
}

describe('createAppTray', () => {
  it('shows the current state in the icon and tooltip', () => {
    const { tray, iconFile } = setUp();
    expect(iconFile()).toMatch(/^tray-idle(Template)?\.png$/);
    expect(tray.tooltip).toBe('Leadbridge — Up to date.');
  });

  it('follows the sync as it changes', () => {
    const { sync, tray, iconFile } = setUp();
    sync.set({ state: 'error', message: 'Salesforce refused the session. Reconnect.' });
    expect(iconFile()).toMatch(/^tray-error(Template)?\.png$/);
    expect(tray.tooltip).toBe('Leadbridge — Salesforce refused the session. Reconnect.');
    sync.set({ state: 'syncing', message: 'Syncing…' });
    expect(iconFile()).toMatch(/^tray-syncing(Template)?\.png$/);
  });

  it('drives the same sync service as the UI, and the menu follows', () => {
    const { sync, click, tray } = setUp();
    click('Sync now');
    expect(sync.requestSync).toHaveBeenCalledTimes(1);
    click('Pause sync');
    expect(sync.pause).toHaveBeenCalledTimes(1);
    expect(tray.menu.map((item) => item.label)).toContain('Resume sync');
    click('Resume sync');
    expect(sync.resume).toHaveBeenCalledTimes(1);
    expect(tray.menu.map((item) => item.label)).toContain('Pause sync');
  });

  it('opens the window and quits through the app', () => {
    const { click, open, quit } = setUp();
    click('Open Leadbridge');
    click('Quit Leadbridge');
    expect(open).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('opens the logs folder, and offers the downloaded update until the app restarts', () => {
    const { appTray, click, tray, openLogsFolder, restartToUpdate, sync } = setUp();
    click('Open logs folder');
    expect(openLogsFolder).toHaveBeenCalledTimes(1);
    expect(tray.menu.map((item) => item.label)).not.toContain('Restart to update (1.2.0)');
    appTray.updateDownloaded('1.2.0');
    sync.set({ state: 'syncing', message: 'Syncing…' });
    click('Restart to update (1.2.0)');
    expect(restartToUpdate).toHaveBeenCalledTimes(1);
  });

  it('stops following the sync once disposed', () => {
    const { sync, tray, appTray } = setUp();
    appTray.dispose();
    sync.set({ state: 'error', message: 'Failed.' });
    expect(tray.destroyed).toBe(true);
    expect(tray.tooltip).toBe('Leadbridge — Up to date.');
  });

  it('adds the outbox’s backlog to the tooltip, and follows it as it drains', async () => {
    const { tray, outbox, sync } = setUp(outboxStatus(12, 0, '12 writes waiting for Salesforce.'));
    await vi.waitFor(() =>
      expect(tray.tooltip).toBe('Leadbridge — Up to date.\n12 writes waiting for Salesforce.'),
    );
    sync.set({ state: 'syncing', message: 'Syncing…' });
    expect(tray.tooltip).toBe('Leadbridge — Syncing…\n12 writes waiting for Salesforce.');
    outbox.emit(outboxStatus(0, 1, '1 write failed: open the Outbox.'));
    expect(tray.tooltip).toBe('Leadbridge — Syncing…\n1 write failed: open the Outbox.');
    outbox.emit(quietOutbox);
    expect(tray.tooltip).toBe('Leadbridge — Syncing…');
  });

  it('keeps the sync’s tooltip when the outbox cannot answer, and an event over a late answer', async () => {
    const broken = setUp(new Error('no outbox yet'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(broken.tray.tooltip).toBe('Leadbridge — Up to date.');

    const { tray, outbox } = setUp(outboxStatus(3, 0, '3 writes waiting.'));
    outbox.emit(outboxStatus(1, 0, '1 write waiting.'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tray.tooltip).toBe('Leadbridge — Up to date.\n1 write waiting.');
  });

  it('stops following the outbox once disposed', () => {
    const { tray, outbox, appTray } = setUp();
    appTray.dispose();
    outbox.emit(outboxStatus(5, 0, '5 writes waiting.'));
    expect(tray.tooltip).toBe('Leadbridge — Up to date.');
  });
});
