import path from 'node:path';
import { Menu, Tray, nativeImage } from 'electron';
import type { SyncStatus } from '../../src-preload/contract';
import { trayIconFileName, trayIconKind, trayMenuTemplate, trayTooltip } from './tray-model';

/** The slice of the core's SyncStatusTracker the tray drives: the same calls the UI makes. */
export interface SyncControls {
  status(): SyncStatus;
  onChange(listener: (status: SyncStatus) => void): () => void;
  requestSync(): SyncStatus;
  pause(): SyncStatus;
  resume(): SyncStatus;
}

export interface TrayOptions {
  sync: SyncControls;
  resourcesDirectory: string;
  open(): void;
  quit(): void;
}

export interface AppTray {
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
  const render = (status: SyncStatus) => {
    tray.setImage(imageFor(status));
    tray.setToolTip(trayTooltip(status));
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(status, {
          open: options.open,
          syncNow: () => sync.requestSync(),
          pause: () => sync.pause(),
          resume: () => sync.resume(),
          quit: options.quit,
        }),
      ),
    );
  };
  render(initial);
  const unsubscribe = sync.onChange(render);
  // On macOS a click opens the menu; elsewhere people expect a click to open the window.
  if (process.platform !== 'darwin') tray.on('click', () => options.open());

  return {
    dispose: () => {
      unsubscribe();
      tray.destroy();
    },
  };
}
