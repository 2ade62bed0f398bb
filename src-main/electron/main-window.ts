import { BrowserWindow, shell } from 'electron';
import type { Logger } from '../core/ports';
import type { AppLocation } from './app-url';
import type { AlsoAllowed } from './external-links';
import { buildWebPreferences, navigationGuard, windowOpenHandler } from './window-security';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  location: AppLocation;
  /** True once the user chose Quit: only then may closing the window really close it. */
  isQuitting(): boolean;
  /** Started at login: the window loads but stays in the tray until the user opens it. */
  startHidden: boolean;
  logger: Logger;
  /** Links outside the allow-list the window may still open in the browser (the demo org's). */
  alsoAllowed: AlsoAllowed;
}

/** The app's one window. Closing it hides it: the sync keeps running from the tray. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Leadbridge',
    width: 1180,
    height: 760,
    minWidth: 800,
    minHeight: 540,
    show: false,
    icon: options.iconPath,
    webPreferences: buildWebPreferences(options.preloadPath),
  });
  const contents = window.webContents;

  const guard = navigationGuard(options.location, shell, options.alsoAllowed);
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.setWindowOpenHandler(windowOpenHandler(shell, options.alsoAllowed));
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // The UI needs no camera, notifications, clipboard reads or the like; nothing may ask.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);

  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  if (!options.startHidden) window.once('ready-to-show', () => window.show());

  window.loadURL(options.location.url).catch((error: unknown) => {
    options.logger.error('renderer failed to load', {
      location: options.location.kind,
      error: String(error),
    });
  });
  return window;
}

export type RevealableWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'
>;

/** Brings the window to the front, wherever it was (hidden to the tray, minimised). */
export function revealWindow(window: RevealableWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
