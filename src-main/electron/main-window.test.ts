import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStderrLogger } from '../core/stderr-logger';
import { appLocation } from './app-url';

/** Just enough of BrowserWindow / WebContents / Session to watch what main-window wires. */
const fakes = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWebContents extends EventEmitter {
    openHandler: ((details: { url: string }) => unknown) | undefined;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.openHandler = handler;
    }
    session = {
      requestHandler: undefined as
        | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
        | undefined,
      checkHandler: undefined as (() => boolean) | undefined,
      setPermissionRequestHandler(
        handler: (contents: unknown, permission: string, cb: (granted: boolean) => void) => void,
      ) {
        this.requestHandler = handler;
      },
      setPermissionCheckHandler(handler: () => boolean) {
        this.checkHandler = handler;
      },
    };
  }
  class FakeBrowserWindow extends EventEmitter {
    static last: FakeBrowserWindow | undefined;
    webContents = new FakeWebContents();
    hide = vi.fn();
    show = vi.fn();
    loadURL = vi.fn(async () => undefined);
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.last = this;
    }
  }
  return { FakeBrowserWindow, shell: { openExternal: vi.fn(async () => undefined) } };
});

vi.mock('electron', () => ({ BrowserWindow: fakes.FakeBrowserWindow, shell: fakes.shell }));

const { createMainWindow } = await import('./main-window');

const indexHtml = 'file:///app/out/renderer/index.html';
const demoOrgUrl = 'http://127.0.0.1:41234';

function openWindow(quitting = false, startHidden = false) {
  createMainWindow({
    startHidden,
    preloadPath: '/app/out/preload/index.cjs',
    iconPath: '/app/resources/icon.png',
    location: appLocation(indexHtml, undefined),
    isQuitting: () => quitting,
    logger: createStderrLogger('test'),
    alsoAllowed: async (url) => url.startsWith(`${demoOrgUrl}/`),
  });
  const window = fakes.FakeBrowserWindow.last;
  if (!window) throw new Error('no window was created');
  return window;
}

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('createMainWindow', () => {
  beforeEach(() => fakes.shell.openExternal.mockClear());

  it('creates a locked-down window and loads our page', () => {
    const window = openWindow();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith(indexHtml);
  });

  it.each(['will-navigate', 'will-redirect'])('%s away from our page is prevented', (event) => {
    const window = openWindow();
    const away = navigation('https://evil.com/');
    const home = navigation(`${indexHtml}#/log`);
    window.webContents.emit(event, away);
    window.webContents.emit(event, home);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('denies new windows and webviews', () => {
    const window = openWindow();
    expect(window.webContents.openHandler?.({ url: 'https://evil.com/' })).toEqual({
      action: 'deny',
    });
    const attach = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('opens the demo org\'s sign-in page in the browser, off the allow-list ("Page did not open?")', async () => {
    const window = openWindow();
    const consentPage = `${demoOrgUrl}/services/oauth2/authorize?client_id=x`;
    expect(window.webContents.openHandler?.({ url: consentPage })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler?.({ url: 'http://127.0.0.1:9999/' })).toEqual({
      action: 'deny',
    });
    await vi.waitFor(() => expect(fakes.shell.openExternal).toHaveBeenCalledWith(consentPage));
    expect(fakes.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies every permission request and check', () => {
    const { session } = openWindow().webContents;
    const callback = vi.fn();
    session.requestHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.checkHandler?.()).toBe(false);
  });

  it('shows itself once ready, unless it was started hidden at login', () => {
    const shown = openWindow();
    shown.emit('ready-to-show');
    expect(shown.show).toHaveBeenCalledTimes(1);
    const hidden = openWindow(false, true);
    hidden.emit('ready-to-show');
    expect(hidden.show).not.toHaveBeenCalled();
    expect(hidden.loadURL).toHaveBeenCalledWith(indexHtml);
  });

  it('hides to the tray on close while the app keeps running', () => {
    const window = openWindow(false);
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalled();
  });

  it('really closes once the user chose Quit', () => {
    const window = openWindow(true);
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
    expect(window.hide).not.toHaveBeenCalled();
  });
});
