import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { applyMigrations, type Migration } from './migrations';
import { migrations as appMigrations } from './schema';

const directories: string[] = [];
function tempFile(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-migrations-'));
  directories.push(directory);
  return path.join(directory, 'test.db');
}
afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true });
});

const tables = (db: BetterSqlite3.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrations', () => {
  it('creates the schema on a fresh database, in WAL mode with foreign keys on', () => {
    const { db, migrations } = openDatabase(tempFile());
    expect(migrations.applied).toEqual(appMigrations.map((m) => m.name));
    expect(tables(db)).toEqual(expect.arrayContaining(['_migrations', 'log']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('does nothing when run again on an up-to-date database', () => {
    const file = tempFile();
    openDatabase(file).db.close();
    const { db, migrations } = openDatabase(file);
    expect(migrations.applied).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM _migrations').pluck().get()).toBe(appMigrations.length);
    db.close();
  });

  it('rolls back every step of a failing upgrade and reports it with a code', () => {
    const file = tempFile();
    openDatabase(file).db.close();
    const next: Migration[] = [
      ...appMigrations,
      {
        id: appMigrations.length + 1,
        name: 'good step',
        up: (db) => db.exec('CREATE TABLE a (x)'),
      },
      {
        id: appMigrations.length + 2,
        name: 'broken step',
        up: (db) => db.exec('CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)'),
      },
    ];
    expect(() => openDatabase(file, next)).toThrowError(
      expect.objectContaining({ code: 'MIGRATION_FAILED' }),
    );
    const db = new BetterSqlite3(file);
    expect(tables(db)).not.toContain('a');
    expect(tables(db)).not.toContain('b');
    expect(db.prepare('SELECT MAX(id) FROM _migrations').pluck().get()).toBe(appMigrations.length);
    db.close();
  });

  it('refuses a database written by a newer Leadbridge', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, [
      { id: 1, name: 'one', up: () => {} },
      { id: 2, name: 'two', up: () => {} },
    ]);
    expect(() => applyMigrations(db, [{ id: 1, name: 'one', up: () => {} }])).toThrowError(
      expect.objectContaining({ code: 'DATABASE_TOO_NEW' }),
    );
  });

  it('rejects a migration list that is out of order', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => applyMigrations(db, [{ id: 2, name: 'two', up: () => {} }])).toThrow(/expected 1/);
  });
});
