import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';

export interface Migration {
  /** Position in the sequence, starting at 1 with no gaps: the order they run in. */
  readonly id: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies the pending migrations in one transaction: a failure leaves the database exactly
 * as it was, so an upgrade can be retried after the fix ships.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[]): MigrationReport {
  assertOrdered(migrations);
  const run = db.transaction((): MigrationReport => {
    db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const done = db.prepare('SELECT id FROM _migrations ORDER BY id').pluck().all() as number[];
    const newest = done.at(-1) ?? 0;
    if (newest > (migrations.at(-1)?.id ?? 0)) {
      throw new AppError(
        'DATABASE_TOO_NEW',
        `The local database was written by a newer Leadbridge (schema ${newest}). Update Leadbridge, or choose another data directory.`,
      );
    }
    const record = db.prepare('INSERT INTO _migrations (id, name, applied_at) VALUES (?, ?, ?)');
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => m.id > newest)) {
      try {
        migration.up(db);
      } catch (error) {
        throw new AppError(
          'MIGRATION_FAILED',
          `Updating the local database failed at step ${migration.id} (${migration.name}): ${String(
            (error as Error).message,
          )}. Nothing was changed; restart Leadbridge, and report this if it happens again.`,
          { cause: error },
        );
      }
      record.run(migration.id, migration.name, new Date().toISOString());
      applied.push(migration.name);
    }
    return { applied };
  });
  return run.immediate();
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.id !== index + 1) {
      throw new Error(`Migration ${migration.name} has id ${migration.id}, expected ${index + 1}`);
    }
  });
}
