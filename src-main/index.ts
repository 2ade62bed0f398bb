/**
 * The Electron entry: thin. Takes the single-instance lock, composes the core with the
 * Electron adapters (stores, IPC binding, window, tray, deep links) and gets out of the way.
 * The headless sibling is headless.ts.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  dialog,
  Menu,
  net,
  Notification,
  powerMonitor,
  shell,
  type BrowserWindow,
} from 'electron';
import electronUpdater from 'electron-updater';
import { AppError, toApiError } from './core/errors';
import { composeLeadbridgeCore } from './core/leadbridge-core';
import { systemClock, type Logger } from './core/ports';
import { startHooksHost } from './hooks-host/hooks-host';
import { InProcessDemoOrg } from './demo-org-launchers';
import { installLastResortHandlers } from './last-resort-handlers';
import { cacheDirectory } from './electron/cache-directory';
import { claimSingleInstance, type Lifecycle } from './electron/app-lifecycle';
import { packagedMenuTemplate } from './electron/app-menu';
import { createDesktopIntegration } from './electron/desktop-integration';
import { createDesktopLog } from './electron/log-folder';
import { applyStartAtLogin, startedHidden } from './electron/login-item';
import { wakeSyncOnResume } from './electron/network-wait';
import { closeOnEveryExit } from './electron/orderly-shutdown';
import { recoverFromRendererCrashes } from './electron/renderer-crashes';
import { scheduleUpdateChecks } from './electron/update-checks';
import { appLocation } from './electron/app-url';
import { deepLinkPath, setUpDeepLinks, type DeepLinks } from './electron/deep-links';
import { startLoopbackCallback } from './electron/loopback-oauth-callback';
import { chooseOAuthRedirect, OAUTH_CALLBACK_PATH } from './electron/oauth-redirect';
import { showDesktopNotifications } from './electron/desktop-notifications';
import { ElectronSettingsStore } from './electron/electron-settings-store';
import { openExternalSafely } from './electron/external-links';
import { bindContractToIpc } from './electron/ipc-contract';
import { createMainWindow, revealWindow } from './electron/main-window';
import { SafeStorageSecretStore } from './electron/safe-storage-secret-store';
import { outboxFeedOf } from './electron/outbox-feed';
import { createAppTray } from './electron/tray';

const appUserModelId = 'com.leadbridge.desktop';
const DEMO_ORG_LEADS = 1000;

function main(): void {
  const { logger } = createDesktopLog({
    directory: app.getPath('logs'),
    packaged: app.isPackaged,
  });
  installLastResortHandlers(process, logger, () => {
    dialog.showErrorBox(
      'Leadbridge stopped',
      'Leadbridge hit an unexpected error and has to close. Start it again; your data is safe.\n\n[INTERNAL]',
    );
    app.exit(1);
  });
  // Filled in as the app comes up; a second launch may knock before either exists.
  const running: { window?: BrowserWindow; deepLinks?: DeepLinks } = {};

  const lifecycle = claimSingleInstance(app, (argv) => {
    running.deepLinks?.receiveArgv(argv);
    if (running.window) revealWindow(running.window);
  });
  if (!lifecycle) return;
  const deepLinks = setUpDeepLinks(app, process.argv);
  running.deepLinks = deepLinks;

  app
    .whenReady()
    .then(async () => {
      const started = start(lifecycle, deepLinks, logger);
      running.window = started.window;
      await started.restored;
    })
    .catch((error: unknown) => failToStart(error, logger));
}

/**
 * Window and tray first, then the session: reading the keychain may prompt the user, and a
 * prompt with no Leadbridge on screen looks like an app that never started.
 */
function start(
  lifecycle: Lifecycle,
  deepLinks: DeepLinks,
  logger: Logger,
): { window: BrowserWindow; restored: Promise<void> } {
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId);
  if (app.isPackaged) {
    Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate(process.platform)));
  }
  const redirect = chooseOAuthRedirect({
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
  });
  const loginItemHost = {
    platform: process.platform,
    app,
    env: process.env,
    homeDirectory: os.homedir(),
    executable: process.execPath,
  };
  const desktop = createDesktopIntegration({
    ...loginItemHost,
    shell,
    logsDirectory: app.getPath('logs'),
  });
  const demoOrg = new InProcessDemoOrg({
    dataFile: path.join(app.getPath('userData'), 'demo-org.json'),
    leads: DEMO_ORG_LEADS,
  });
  // The demo org's consent page is on loopback, outside the https allow-list.
  const demoOrgPage = (url: string) => demoOrg.owns(url);
  // Asked at each save, so agreeing in Settings after a refused sign-in takes effect at once.
  let allowInsecureSecretStorage = () => false;
  const core = composeLeadbridgeCore({
    dataDirectory: cacheDirectory(process.platform, process.env, app.getPath('userData')),
    hostKind: 'electron',
    appVersion: app.getVersion(),
    settingsStore: new ElectronSettingsStore(),
    secretStore: new SafeStorageSecretStore({
      logger,
      allowInsecureBackend: () => allowInsecureSecretStorage(),
    }),
    clock: systemClock,
    logger,
    defaultClientId: import.meta.env.MAIN_VITE_SALESFORCE_CLIENT_ID ?? '',
    oauthRedirectUri: () => redirect.uri,
    demoOrg,
    openExternal: async (url) => {
      if (!(await openExternalSafely(shell, url, demoOrgPage))) {
        throw new AppError(
          'BROWSER_NOT_OPENED',
          'Leadbridge could not open the Salesforce sign-in page in your browser. Check the login address and try again.',
        );
      }
    },
    desktop,
  });

  allowInsecureSecretStorage = () => core.settings.get().allowInsecureSecretStorage;

  // A packaged app never trusts an environment variable to say where its UI lives.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const location = appLocation(
    new URL('../renderer/index.html', import.meta.url).href,
    devServerUrl,
  );
  const resourcesDirectory = path.join(app.getAppPath(), 'resources');
  const window = createMainWindow({
    preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    iconPath: path.join(resourcesDirectory, 'icon.png'),
    location,
    isQuitting: lifecycle.isQuitting,
    startHidden: startedHidden(loginItemHost, process.argv),
    logger,
    alsoAllowed: demoOrgPage,
  });
  recoverFromRendererCrashes({
    contents: window.webContents,
    clock: systemClock,
    logger,
    tellUser: (reason) => void tellWindowKeepsDying(reason, desktop.openLogsFolder),
  });
  // Bound in the same tick as the window is created: its page cannot call before this.
  const unbind = bindContractToIpc({
    handlers: core.handlers,
    events: core.events,
    logger,
    location,
    window: () => window,
  });
  const open = () => revealWindow(window);
  const tray = createAppTray({
    sync: core.sync,
    outbox: outboxFeedOf(core),
    resourcesDirectory,
    open,
    openLogsFolder: () =>
      void desktop
        .openLogsFolder()
        .catch((error: unknown) =>
          dialog.showErrorBox(
            'Leadbridge could not open its logs folder',
            toApiError(error).message,
          ),
        ),
    restartToUpdate: () => lifecycle.quit(() => electronUpdater.autoUpdater.quitAndInstall()),
    quit: () => lifecycle.quit(),
  });

  const completeSignIn = (url: string) => {
    revealWindow(window);
    return core.connection.handleCallback(url);
  };
  deepLinks.setHandler((url) => {
    core.log.append('deeplink.received', null, { path: deepLinkPath(url) });
    if (`/${deepLinkPath(url)}` !== OAUTH_CALLBACK_PATH) return;
    // A refused callback is already in the log and on the Connection screen.
    completeSignIn(url).catch(() => undefined);
  });
  app.on('activate', open);
  wakeSyncOnResume(powerMonitor, { isOnline: () => net.isOnline(), clock: systemClock }, () =>
    core.sync.wake(),
  );
  const stopNotifications = showDesktopNotifications({ events: core.events, window, location });
  let stopHooks = async () => {};
  let stopUpdateChecks = () => {};
  let loopback: { close(): Promise<void> } | null = null;
  closeOnEveryExit({
    platform: process.platform,
    app,
    powerMonitor,
    window,
    close: () => {
      stopUpdateChecks();
      tray.dispose();
      stopNotifications();
      unbind();
      void stopHooks();
      void loopback?.close();
      void demoOrg.close();
      core.close();
    },
    quit: () => lifecycle.quit(),
  });

  const restored = (async () => {
    if (redirect.kind === 'loopback') {
      loopback = await startLoopbackCallback({
        port: redirect.port,
        route: { path: OAUTH_CALLBACK_PATH, handle: completeSignIn },
        logger,
      });
    }
    await core.restoreSession();
    // Off by default; when an admin left it on, webhooks are taken once their secrets are read.
    stopHooks = await startHooksHost(core.platform, logger);
    // The installed app may have moved (a new AppImage): the entry follows it.
    if (core.settings.get().startAtLogin) {
      await applyStartAtLogin(loginItemHost, true).catch((error: unknown) =>
        logger.warn('start at login not refreshed', { error: String(error) }),
      );
    }
    stopUpdateChecks = scheduleUpdateChecks({
      packaged: app.isPackaged,
      updater: () => {
        const { autoUpdater } = electronUpdater;
        autoUpdater.logger = logger;
        return autoUpdater;
      },
      clock: systemClock,
      logger,
      syncIdle: () => core.sync.idle(),
      onDownloaded: (version) => {
        tray.updateDownloaded(version);
        announceUpdate(version);
      },
    });
  })();
  return { window, restored };
}

function announceUpdate(version: string): void {
  if (!Notification.isSupported()) return;
  new Notification({
    title: `Leadbridge ${version} is ready`,
    body: 'Choose “Restart to update” in the tray menu, or it installs the next time Leadbridge quits.',
  }).show();
}

async function tellWindowKeepsDying(reason: string, openLogsFolder: () => Promise<void>) {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    message: 'Leadbridge’s window keeps stopping',
    detail:
      `Its page stopped again right after a reload (${reason}). The sync goes on in the background. ` +
      'Quit Leadbridge from the tray and start it again; if this keeps happening, send the files in the logs folder to your administrator.',
    buttons: ['Open logs folder', 'Close'],
    defaultId: 0,
  });
  if (response === 0) await openLogsFolder().catch(() => undefined);
}

function failToStart(error: unknown, logger: Logger): void {
  const { code, message } = toApiError(error);
  logger.error('startup failed', { code, error: code === 'INTERNAL' ? String(error) : undefined });
  dialog.showErrorBox('Leadbridge could not start', `${message}\n\n[${code}]`);
  app.exit(1);
}

main();
