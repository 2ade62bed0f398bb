import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from './app-lifecycle';

class FakeApp extends EventEmitter {
  constructor(readonly gotLock: boolean) {
    super();
  }
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
  quit = vi.fn();
}

function fakeApp(gotLock: boolean) {
  const app = new FakeApp(gotLock);
  return { app, asApp: app as unknown as App };
}

describe('claimSingleInstance', () => {
  it('quits when another Leadbridge already runs', () => {
    const { app, asApp } = fakeApp(false);
    expect(claimSingleInstance(asApp, vi.fn())).toBeUndefined();
    expect(app.quit).toHaveBeenCalled();
  });

  it("hands a second launch's argv to the running instance", () => {
    const { app, asApp } = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(asApp, onSecond)).toBeDefined();
    app.emit('second-instance', {}, ['leadbridge', 'leadbridge://x'], '/home');
    expect(onSecond).toHaveBeenCalledWith(['leadbridge', 'leadbridge://x']);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('knows when the app is quitting, however the quit started', () => {
    const { app, asApp } = fakeApp(true);
    const lifecycle = claimSingleInstance(asApp, vi.fn());
    expect(lifecycle?.isQuitting()).toBe(false);
    app.emit('before-quit');
    expect(lifecycle?.isQuitting()).toBe(true);

    const other = fakeApp(true);
    const viaTray = claimSingleInstance(other.asApp, vi.fn());
    viaTray?.quit();
    expect(viaTray?.isQuitting()).toBe(true);
    expect(other.app.quit).toHaveBeenCalled();
  });

  it('lets the updater’s own quit close the window it would otherwise hide', () => {
    const { app, asApp } = fakeApp(true);
    const lifecycle = claimSingleInstance(asApp, vi.fn());
    const quitAndInstall = vi.fn(() => expect(lifecycle?.isQuitting()).toBe(true));
    lifecycle?.quit(quitAndInstall);
    expect(quitAndInstall).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('keeps running when the last window closes', () => {
    const { app, asApp } = fakeApp(true);
    claimSingleInstance(asApp, vi.fn());
    expect(app.listenerCount('window-all-closed')).toBe(1);
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
  });
});
