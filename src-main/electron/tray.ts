import path from 'node:path';
import { Menu, Tray, nativeImage } from 'electron';
import type { OutboxStatus, SyncStatus } from '../../src-preload/contract';
import { trayIconFileName, trayIconKind, trayMenuTemplate, trayTooltip } from './tray-model';

/** The slice of the core's SyncStatusTracker the tray drives: the same calls the UI makes. */
export interface SyncControls {
  status(): SyncStatus;
  onChange(listener: (status: SyncStatus) => void): () => void;
  requestSync(): SyncStatus;
  pause(): SyncStatus;
  resume(): SyncStatus;
}

/** The write-back worker's status, as the Sync screen reads it. */
export interface OutboxFeed {
  status(): OutboxStatus | Promise<OutboxStatus>;
  onChange(listener: (status: OutboxStatus) => void): () => void;
}

export interface TrayOptions {
  sync: SyncControls;
  outbox: OutboxFeed;
  resourcesDirectory: string;
  open(): void;
  openLogsFolder(): void;
  restartToUpdate(): void;
  quit(): void;
}

export interface AppTray {
  /** A new version waits for a restart: the menu offers it. */
  updateDownloaded(version: string): void;
  dispose(): void;
}

export function createAppTray(options: TrayOptions): AppTray {
  const { sync } = options;
  const imageFor = (status: SyncStatus) => {
    const file = trayIconFileName(trayIconKind(status.state), process.platform);
    const image = nativeImage.createFromPath(path.join(options.resourcesDirectory, file));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  };

  const initial = sync.status();
  const tray = new Tray(imageFor(initial));
  let syncStatus = initial;
  let outboxStatus: OutboxStatus | null = null;
  let updateReady: string | null = null;
  const render = (status: SyncStatus) => {
    syncStatus = status;
    tray.setImage(imageFor(status));
    tray.setToolTip(trayTooltip(status, outboxStatus));
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(
          status,
          {
            open: options.open,
            syncNow: () => sync.requestSync(),
            pause: () => sync.pause(),
            resume: () => sync.resume(),
            openLogsFolder: options.openLogsFolder,
            restartToUpdate: options.restartToUpdate,
            quit: options.quit,
          },
          updateReady,
        ),
      ),
    );
  };
  render(initial);
  const unsubscribe = sync.onChange(render);
  let disposed = false;
  const showOutbox = (status: OutboxStatus) => {
    if (disposed) return;
    outboxStatus = status;
    tray.setToolTip(trayTooltip(syncStatus, status));
  };
  const stopOutbox = options.outbox.onChange(showOutbox);
  // Until the outbox answers (or if it cannot), the tooltip is the sync's alone; an event
  // that came first is newer than this answer.
  Promise.resolve()
    .then(() => options.outbox.status())
    .then((status) => {
      if (outboxStatus === null) showOutbox(status);
    })
    .catch(() => undefined);
  // On macOS a click opens the menu; elsewhere people expect a click to open the window.
  if (process.platform !== 'darwin') tray.on('click', () => options.open());

  return {
    updateDownloaded: (version) => {
      if (disposed) return;
      updateReady = version;
      render(syncStatus);
    },
    dispose: () => {
      disposed = true;
      stopOutbox();
      unsubscribe();
      tray.destroy();
    },
  };
}
