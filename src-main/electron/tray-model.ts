import type { MenuItemConstructorOptions } from 'electron';
import type { OutboxStatus, SyncState, SyncStatus } from '../../src-preload/contract';

/** The three pictures the tray has; every sync state shows one of them. */
export type TrayIconKind = 'idle' | 'syncing' | 'error';

/**
 * Paused and disconnected are calm states the user chose or has yet to act on: they show
 * the idle picture and the tooltip says which. Only a failure is red.
 */
export function trayIconKind(state: SyncState): TrayIconKind {
  switch (state) {
    case 'syncing':
      return 'syncing';
    case 'error':
      return 'error';
    case 'idle':
    case 'paused':
    case 'disconnected':
      return 'idle';
  }
}

/**
 * The sync's sentence, and the write-back's on a second line while it has something to say:
 * writes waiting or being sent, or refused ones a person must look at. A quiet outbox stays
 * out of it (Windows cuts a tooltip at 127 characters).
 */
export function trayTooltip(status: SyncStatus, outbox: OutboxStatus | null = null): string {
  const sync = `Leadbridge — ${status.message}`;
  const speaks =
    outbox !== null && (outbox.counts.pending > 0 || outbox.counts.failed > 0 || outbox.draining);
  return speaks ? `${sync}\n${outbox.message}` : sync;
}

export interface TrayActions {
  open(): void;
  syncNow(): void;
  pause(): void;
  resume(): void;
  openLogsFolder(): void;
  /** Quits and installs the downloaded update, then starts the new version. */
  restartToUpdate(): void;
  quit(): void;
}

/** `updateReady`: the version downloaded and waiting for a restart, or null. */
export function trayMenuTemplate(
  status: SyncStatus,
  actions: TrayActions,
  updateReady: string | null = null,
): MenuItemConstructorOptions[] {
  return [
    { label: 'Open Leadbridge', click: () => actions.open() },
    ...(updateReady === null
      ? []
      : [
          {
            label: `Restart to update (${updateReady})`,
            click: () => actions.restartToUpdate(),
          },
        ]),
    { type: 'separator' },
    {
      label: 'Sync now',
      // While paused or disconnected the core logs why it skipped, so the click still counts.
      enabled: status.state !== 'syncing',
      click: () => actions.syncNow(),
    },
    status.paused
      ? { label: 'Resume sync', click: () => actions.resume() }
      : { label: 'Pause sync', click: () => actions.pause() },
    { type: 'separator' },
    { label: 'Open logs folder', click: () => actions.openLogsFolder() },
    { label: 'Quit Leadbridge', click: () => actions.quit() },
  ];
}

/**
 * macOS draws menu-bar icons itself from a black "Template" image (light/dark menu bars),
 * so there the state shows by shape; elsewhere the coloured picture carries it too.
 * The @2x sibling of each file is picked up by Electron on its own.
 */
export function trayIconFileName(kind: TrayIconKind, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${kind}Template.png` : `tray-${kind}.png`;
}
