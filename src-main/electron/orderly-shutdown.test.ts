import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closeOnEveryExit, type OrderlyShutdownOptions } from './orderly-shutdown';

function setUp(platform: NodeJS.Platform) {
  const app = new EventEmitter();
  const powerMonitor = new EventEmitter();
  const window = new EventEmitter();
  const close = vi.fn();
  // As the lifecycle's quit does: the app then sends will-quit.
  const quit = vi.fn(() => app.emit('will-quit'));
  closeOnEveryExit({
    platform,
    app: app as unknown as OrderlyShutdownOptions['app'],
    powerMonitor: powerMonitor as unknown as OrderlyShutdownOptions['powerMonitor'],
    window: window as unknown as OrderlyShutdownOptions['window'],
    close,
    quit,
  });
  return { app, powerMonitor, window, close, quit };
}

describe('the orderly close', () => {
  it('runs once on a normal quit', () => {
    const { app, close } = setUp('linux');
    app.emit('will-quit');
    app.emit('will-quit');
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('runs when Windows ends the session, which sends no before-quit, then quits', () => {
    const { window, app, close, quit } = setUp('win32');
    window.emit('session-end', {});
    expect(close).toHaveBeenCalledTimes(1);
    // The window must not hide to the tray and hold up the logoff.
    expect(quit).toHaveBeenCalledTimes(1);
    app.emit('will-quit');
    expect(close).toHaveBeenCalledTimes(1);
  });

  it.each(['darwin', 'linux'] as const)(
    'on %s holds the system shutdown, closes, then quits',
    (platform) => {
      const { powerMonitor, close, quit } = setUp(platform);
      const event = { preventDefault: vi.fn() };
      powerMonitor.emit('shutdown', event);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(close).toHaveBeenCalledTimes(1);
      expect(quit).toHaveBeenCalledTimes(1);
    },
  );
});
