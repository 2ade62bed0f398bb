// `npm start` picks the desktop window only where Electron's binary exists and a window can
// be shown; everywhere else the headless host, with the reason it gives the user.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseHost,
  DESKTOP_START_WINDOW_MS,
  fallbackAfterDesktopEnd,
} from '../../scripts/start/host-choice.ts';
import { makeTempDirectory } from '../support/temp-directory';

let temp: ReturnType<typeof makeTempDirectory>;
beforeEach(() => (temp = makeTempDirectory('lb-host-choice')));
afterEach(() => temp.remove());

/** An `electron` package folder as npm leaves it; with the binary only when it was downloaded. */
function electronPackage({ downloaded }: { downloaded: boolean }): string {
  const packageDir = path.join(temp.path, 'electron');
  fs.mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
  if (downloaded) {
    fs.writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
    fs.writeFileSync(path.join(packageDir, 'dist', 'electron'), '');
  }
  return packageDir;
}

describe('without an Electron binary', () => {
  it('runs the headless host when the electron package is not installed', () => {
    const choice = chooseHost({
      electronPackageDir: undefined,
      platform: 'linux',
      env: { DISPLAY: ':0' },
    });
    expect(choice).toEqual({
      host: 'headless',
      reason: expect.stringMatching(/no Electron binary/),
    });
  });

  it('runs the headless host when the package is there but its binary was never downloaded', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const choice = chooseHost({
        electronPackageDir: electronPackage({ downloaded: false }),
        platform,
        env: { DISPLAY: ':0' },
      });
      expect(choice).toEqual({
        host: 'headless',
        reason: expect.stringMatching(/no Electron binary/),
      });
    }
  });

  it('looks for the binary where ELECTRON_OVERRIDE_DIST_PATH points, as the electron package does', () => {
    const packageDir = electronPackage({ downloaded: true });
    const elsewhere = path.join(temp.path, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const env = { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: elsewhere };
    expect(chooseHost({ electronPackageDir: packageDir, platform: 'linux', env }).host).toBe(
      'headless',
    );
    fs.writeFileSync(path.join(elsewhere, 'electron'), '');
    expect(chooseHost({ electronPackageDir: packageDir, platform: 'linux', env })).toEqual({
      host: 'desktop',
      electronBinary: path.join(elsewhere, 'electron'),
    });
  });
});

describe('with an Electron binary', () => {
  it('runs the headless host on Linux with neither DISPLAY nor WAYLAND_DISPLAY set, and says so', () => {
    for (const env of [{}, { DISPLAY: '', WAYLAND_DISPLAY: '' }]) {
      const choice = chooseHost({
        electronPackageDir: electronPackage({ downloaded: true }),
        platform: 'linux',
        env,
      });
      expect(choice).toEqual({
        host: 'headless',
        reason: expect.stringMatching(/no display .*DISPLAY nor WAYLAND_DISPLAY/),
      });
    }
  });

  it('opens the desktop app on Linux under X11 or Wayland', () => {
    const packageDir = electronPackage({ downloaded: true });
    for (const env of [{ DISPLAY: ':0' }, { WAYLAND_DISPLAY: 'wayland-0' }]) {
      expect(chooseHost({ electronPackageDir: packageDir, platform: 'linux', env })).toEqual({
        host: 'desktop',
        electronBinary: path.join(packageDir, 'dist', 'electron'),
      });
    }
  });

  it('opens the desktop app on macOS and Windows, which need no display variable', () => {
    const packageDir = electronPackage({ downloaded: true });
    for (const platform of ['darwin', 'win32'] as const) {
      expect(chooseHost({ electronPackageDir: packageDir, platform, env: {} }).host).toBe(
        'desktop',
      );
    }
  });
});

describe('when the desktop app ends by itself', () => {
  it('runs the headless host when Electron failed as it started, and says how it ended', () => {
    expect(fallbackAfterDesktopEnd({ code: 127, signal: null, ranForMs: 300 })).toEqual({
      host: 'headless',
      reason: 'the desktop app did not start (Electron exited with code 127; its message is above)',
    });
    expect(fallbackAfterDesktopEnd({ code: null, signal: 'SIGTRAP', ranForMs: 2_000 })).toEqual({
      host: 'headless',
      reason: 'the desktop app did not start (Electron was ended by SIGTRAP; its message is above)',
    });
    expect(fallbackAfterDesktopEnd({ spawnError: 'spawn EACCES' })).toEqual({
      host: 'headless',
      reason: 'the desktop app did not start (Electron could not be run: spawn EACCES)',
    });
  });

  it('ends with it when it closed normally, or failed after it had started', () => {
    // Closing the window, or a second launch handing over to the window already open.
    expect(fallbackAfterDesktopEnd({ code: 0, signal: null, ranForMs: 200 })).toBeUndefined();
    expect(
      fallbackAfterDesktopEnd({ code: 1, signal: null, ranForMs: DESKTOP_START_WINDOW_MS }),
    ).toBeUndefined();
  });
});
