import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { applyMigrations, type Migration, type MigrationReport } from './migrations';
import { migrations as appMigrations } from './schema';

export interface OpenedDatabase {
  db: Database;
  migrations: MigrationReport;
}

/** Opens (or creates) the cache at `file` and brings its schema up to date. */
export function openDatabase(
  file: string,
  migrations: readonly Migration[] = appMigrations,
): OpenedDatabase {
  keepPrivate(file);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // WAL with NORMAL stays crash-safe for the database; only the last commits before a
    // power loss may roll back, which the sync's watermarks replay.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return { db, migrations: applyMigrations(db, migrations) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The cache holds every Lead's personal data: owner-only even in a data directory that
 * already existed with looser rights. SQLite gives the WAL and shared-memory files the mode
 * of the database file, so creating that one 0600 covers them; files an earlier version
 * left behind are tightened. (No effect on Windows, where the profile folder's ACL rules.)
 */
function keepPrivate(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(name)) fs.chmodSync(name, 0o600);
  }
}
