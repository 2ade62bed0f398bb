import { describe, expect, it, vi } from 'vitest';
import { appLocation } from './app-url';
import { buildWebPreferences, navigationGuard, windowOpenHandler } from './window-security';

const indexHtml = 'file:///app/out/renderer/index.html';
const location = appLocation(indexHtml, undefined);

function attempt(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('buildWebPreferences', () => {
  it('isolates the page from Node and IPC and keeps web security on', () => {
    const prefs = buildWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('navigationGuard', () => {
  it('lets the page move between its own routes', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const navigation = attempt(`${indexHtml}#/connection`);
    navigationGuard(location, shell)(navigation);
    expect(navigation.preventDefault).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('keeps the window on our page and sends Salesforce links to the browser', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const navigation = attempt('https://help.salesforce.com/s/');
    navigationGuard(location, shell)(navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledWith('https://help.salesforce.com/s/');
  });

  it('blocks other destinations without opening them anywhere', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    for (const url of ['https://evil.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const navigation = attempt(url);
      navigationGuard(location, shell)(navigation);
      expect(navigation.preventDefault).toHaveBeenCalled();
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('windowOpenHandler', () => {
  it('never opens an Electron window; allowed links go to the system browser', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const handler = windowOpenHandler(shell);
    expect(handler({ url: 'https://acme.my.salesforce.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: indexHtml })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://acme.my.salesforce.com/');
  });
});
