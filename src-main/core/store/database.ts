import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { explainEngineLoadFailure } from './engine-load-failure';
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
  const db = openEngine(file);
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

function openEngine(file: string): Database {
  try {
    return new BetterSqlite3(file);
  } catch (error) {
    throw explainEngineLoadFailure(error) ?? error;
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

/** WAL pages between checkpoints while `spaceCheckpoints` holds (64 MB of 4 KB pages). */
const SPACED_CHECKPOINT_PAGES = 16_384;

/**
 * For a run of large commits (the initial import): SQLite copies the WAL into the database
 * (and syncs both files) every 64 MB instead of every 4 MB, on a commit's path either way.
 * Pages rewritten by consecutive commits are then copied once, and the WAL stays bounded.
 * Returns the function that restores the interval and checkpoints what is left, shrinking
 * the WAL file back.
 */
export function spaceCheckpoints(db: Database): () => void {
  const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${SPACED_CHECKPOINT_PAGES}`);
  return () => {
    db.pragma(`wal_autocheckpoint = ${before}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  };
}
