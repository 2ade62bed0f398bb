import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { deepLinkPath, deepLinksFromArgv, setUpDeepLinks } from './deep-links';

class FakeApp extends EventEmitter {
  setAsDefaultProtocolClient = vi.fn(() => true);
}

function fakeApp() {
  const app = new FakeApp();
  // setUpDeepLinks uses only `on` and setAsDefaultProtocolClient of the App.
  return { app, asApp: app as unknown as App };
}

describe('deepLinksFromArgv', () => {
  it('finds leadbridge:// links among the other arguments', () => {
    const argv = [
      'C:\\Program Files\\Leadbridge\\Leadbridge.exe',
      '--allow-file-access-from-files',
      'leadbridge://oauth/callback?code=abc&state=xyz',
      '--user-data-dir=C:\\x',
    ];
    expect(deepLinksFromArgv(argv)).toEqual(['leadbridge://oauth/callback?code=abc&state=xyz']);
  });

  it('ignores other schemes and look-alikes', () => {
    expect(
      deepLinksFromArgv(['https://leadbridge://x', 'leadbridge:x', 'xleadbridge://a', '']),
    ).toEqual([]);
  });
});

describe('deepLinkPath', () => {
  it('keeps the path and drops query values and fragments', () => {
    const logged = deepLinkPath('leadbridge://oauth/callback?code=SECRET&state=S#frag');
    expect(logged).toBe('oauth/callback');
    expect(logged).not.toContain('SECRET');
  });
});

describe('setUpDeepLinks', () => {
  it('registers leadbridge as the app protocol', () => {
    const { app, asApp } = fakeApp();
    setUpDeepLinks(asApp, []);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith(
      'leadbridge',
      ...(process.defaultApp ? [process.execPath, expect.any(Array)] : []),
    );
  });

  it('funnels launch argv, second-instance argv and open-url into one handler', () => {
    const { app, asApp } = fakeApp();
    const links = setUpDeepLinks(asApp, ['/usr/bin/leadbridge', 'leadbridge://first']);
    const received: string[] = [];

    // macOS can deliver the launching link before the app is ready.
    const early = { preventDefault: vi.fn() };
    app.emit('open-url', early, 'leadbridge://early');
    links.setHandler((url) => received.push(url));
    expect(received).toEqual(['leadbridge://first', 'leadbridge://early']);
    expect(early.preventDefault).toHaveBeenCalled();

    links.receiveArgv(['/usr/bin/leadbridge', '--flag', 'leadbridge://second?x=1']);
    app.emit('open-url', { preventDefault: vi.fn() }, 'leadbridge://mac');
    app.emit('open-url', { preventDefault: vi.fn() }, 'https://not-ours.example/');
    expect(received).toEqual([
      'leadbridge://first',
      'leadbridge://early',
      'leadbridge://second?x=1',
      'leadbridge://mac',
    ]);
  });
});
