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
