/**
 * The Electron entry: thin. Takes the single-instance lock, composes the core with the
 * Electron adapters (stores, IPC binding, window, tray, deep links) and gets out of the way.
 * The headless sibling is headless.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, powerMonitor, shell, type BrowserWindow } from 'electron';
import { AppError, toApiError } from './core/errors';
import { createLeadbridgeCore } from './core/leadbridge-core';
import { systemClock, type Logger } from './core/ports';
import { createStderrLogger } from './core/stderr-logger';
import { startHooksHost } from './hooks-host/hooks-host';
import { InProcessDemoOrg } from './demo-org-launchers';
import { installLastResortHandlers } from './last-resort-handlers';
import { cacheDirectory } from './electron/cache-directory';
import { claimSingleInstance, type Lifecycle } from './electron/app-lifecycle';
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
  const logger = createStderrLogger('electron');
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
      running.window = await start(lifecycle, deepLinks, logger);
    })
    .catch((error: unknown) => failToStart(error, logger));
}

async function start(
  lifecycle: Lifecycle,
  deepLinks: DeepLinks,
  logger: Logger,
): Promise<BrowserWindow> {
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId);
  const redirect = chooseOAuthRedirect({
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
  });
  const demoOrg = new InProcessDemoOrg({
    dataFile: path.join(app.getPath('userData'), 'demo-org.json'),
    leads: DEMO_ORG_LEADS,
  });
  // The demo org's consent page is on loopback, outside the https allow-list.
  const demoOrgPage = (url: string) => demoOrg.owns(url);
  // Asked at each save, so agreeing in Settings after a refused sign-in takes effect at once.
  let allowInsecureSecretStorage = () => false;
  const core = await createLeadbridgeCore({
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
  });

  allowInsecureSecretStorage = () => core.settings.get().allowInsecureSecretStorage;
  // Off by default; when an admin left it on, webhooks are taken from the start.
  const stopHooks = await startHooksHost(core.platform, logger);

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
    logger,
    alsoAllowed: demoOrgPage,
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
    quit: lifecycle.quit,
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
  const loopback =
    redirect.kind === 'loopback'
      ? await startLoopbackCallback({
          port: redirect.port,
          route: { path: OAUTH_CALLBACK_PATH, handle: completeSignIn },
          logger,
        })
      : null;
  app.on('activate', open);
  // A timer that fell due while the machine slept fires late or not at all: check on wake.
  powerMonitor.on('resume', () => core.sync.wake());
  const stopNotifications = showDesktopNotifications({ events: core.events, window, location });
  app.once('will-quit', () => {
    tray.dispose();
    stopNotifications();
    unbind();
    void stopHooks();
    void loopback?.close();
    void demoOrg.close();
    core.close();
  });
  return window;
}

function failToStart(error: unknown, logger: Logger): void {
  const { code, message } = toApiError(error);
  logger.error('startup failed', { code, error: code === 'INTERNAL' ? String(error) : undefined });
  dialog.showErrorBox('Leadbridge could not start', `${message}\n\n[${code}]`);
  app.exit(1);
}

main();
