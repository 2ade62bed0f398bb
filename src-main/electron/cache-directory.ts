import path from 'node:path';

/**
 * Where the SQLite cache lives. Electron's userData is in the roaming profile on Windows
 * (%APPDATA%), which roams between machines and which folder redirection may put on a network
 * share, where SQLite's WAL does not work: the cache goes to local app data
 * (%LOCALAPPDATA%\<the same folder name>). Elsewhere userData is local already.
 */
export function cacheDirectory(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  userData: string,
): string {
  const local = env.LOCALAPPDATA;
  if (platform !== 'win32' || !local) return userData;
  return path.win32.join(local, path.win32.basename(userData));
}
