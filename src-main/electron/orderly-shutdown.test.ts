import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closeOnEveryExit, type OrderlyShutdownOptions } from './orderly-shutdown';

class FakeApp extends EventEmitter {
  quit = vi.fn(() => {
    this.emit('will-quit');
  });
}

function setUp(platform: NodeJS.Platform) {
  const app = new FakeApp();
  const powerMonitor = new EventEmitter();
  const window = new EventEmitter();
  const close = vi.fn();
  closeOnEveryExit({
    platform,
    app: app as unknown as OrderlyShutdownOptions['app'],
    powerMonitor: powerMonitor as unknown as OrderlyShutdownOptions['powerMonitor'],
    window: window as unknown as OrderlyShutdownOptions['window'],
    close,
  });
  return { app, powerMonitor, window, close };
}

describe('the orderly close', () => {
  it('runs once on a normal quit', () => {
    const { app, close } = setUp('linux');
    app.emit('will-quit');
    app.emit('will-quit');
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('runs when Windows ends the session, which sends no before-quit', () => {
    const { window, app, close } = setUp('win32');
    window.emit('session-end', {});
    expect(close).toHaveBeenCalledTimes(1);
    app.emit('will-quit');
    expect(close).toHaveBeenCalledTimes(1);
  });

  it.each(['darwin', 'linux'] as const)(
    'on %s holds the system shutdown, closes, then quits',
    (platform) => {
      const { powerMonitor, app, close } = setUp(platform);
      const event = { preventDefault: vi.fn() };
      powerMonitor.emit('shutdown', event);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(close).toHaveBeenCalledTimes(1);
      expect(app.quit).toHaveBeenCalled();
    },
  );
});
