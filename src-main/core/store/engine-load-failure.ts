import { AppError } from '../errors';

/**
 * better-sqlite3 loads its native binary when the first database opens. When that fails the
 * platform's own message is cryptic ("version `GLIBC_2.34' not found"): say what it means.
 * Its prebuilt Linux binaries need glibc 2.34, so Ubuntu 20.04, Debian 11 and RHEL 8 fail here.
 */
export function explainEngineLoadFailure(error: unknown): AppError | null {
  const text = error instanceof Error ? error.message : String(error);
  const glibc = /GLIBC_(\d+\.\d+)\W{0,2} not found/.exec(text);
  if (glibc) {
    return new AppError(
      'SYSTEM_TOO_OLD',
      `Leadbridge needs Linux with glibc 2.34 or later (Ubuntu 22.04, Debian 12, RHEL 9 or newer), and this system's C library lacks GLIBC_${glibc[1]}. Install Leadbridge on a newer system.`,
    );
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ERR_DLOPEN_FAILED' || /better_sqlite3\.node|NODE_MODULE_VERSION/.test(text)) {
    const firstLine = (text.split('\n')[0] ?? '').slice(0, 300);
    return new AppError(
      'DATABASE_ENGINE_NOT_LOADED',
      `Leadbridge's database engine could not be loaded (${firstLine}). Reinstall Leadbridge; if it fails again, report this message.`,
    );
  }
  return null;
}
