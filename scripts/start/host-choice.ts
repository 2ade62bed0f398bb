// Which host `npm start` runs: the desktop window where Electron can open one, else the
// headless host. Everything it reads is passed in, so the choice is tested for any machine.
import fs from 'node:fs';
import path from 'node:path';

export interface StartEnvironment {
  /** The `electron` package's folder, or undefined when it is not installed at all. */
  electronPackageDir: string | undefined;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export type HostChoice =
  { host: 'desktop'; electronBinary: string } | { host: 'headless'; reason: string };

/**
 * The Electron binary's path, or undefined when it is absent. This reads what the `electron`
 * package's index.js reads instead of requiring it: that file tries to download the binary
 * when it is missing, which hangs or fails on machines without access.
 */
export function electronBinary(
  packageDir: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (packageDir === undefined) return undefined;
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, relative || 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  return binary && fs.existsSync(binary) ? binary : undefined;
}

/** Windows and macOS always have a screen for a window; other systems need X11 or Wayland. */
function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function chooseHost(environment: StartEnvironment): HostChoice {
  const binary = electronBinary(environment.electronPackageDir, environment.env);
  if (binary === undefined) {
    return {
      host: 'headless',
      reason: 'no Electron binary is installed on this machine (it could not be downloaded)',
    };
  }
  if (!hasDisplay(environment.platform, environment.env)) {
    return {
      host: 'headless',
      reason: 'there is no display for a window here (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    };
  }
  return { host: 'desktop', electronBinary: binary };
}

/**
 * A desktop app that ends by itself this soon after launch never started (no sandbox as
 * root, a missing library, no GPU): Electron has said why on stderr.
 */
export const DESKTOP_START_WINDOW_MS = 15_000;

export type DesktopEnd =
  | { code: number | null; signal: NodeJS.Signals | null; ranForMs: number }
  /** The binary could not even be run (not executable, wrong architecture). */
  | { spawnError: string };

/** What to run after the desktop app ended by itself: the headless host if it never started. */
export function fallbackAfterDesktopEnd(end: DesktopEnd): HostChoice | undefined {
  if ('spawnError' in end) {
    return {
      host: 'headless',
      reason: `the desktop app did not start (Electron could not be run: ${end.spawnError})`,
    };
  }
  if (end.code === 0 || end.ranForMs >= DESKTOP_START_WINDOW_MS) return undefined;
  const how = end.signal ? `was ended by ${end.signal}` : `exited with code ${end.code}`;
  return {
    host: 'headless',
    reason: `the desktop app did not start (Electron ${how}; its message is above)`,
  };
}
