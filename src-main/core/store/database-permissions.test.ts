import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDirectory } from '../../../test/support/temp-directory';
import { openDatabase } from './database';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

let temp: ReturnType<typeof makeTempDirectory>;
beforeEach(() => {
  temp = makeTempDirectory('lb-db-mode');
  // A data directory that already existed, readable by everyone.
  fs.chmodSync(temp.path, 0o755);
});
afterEach(() => temp.remove());

describe.skipIf(process.platform === 'win32')('database file permissions', () => {
  it('creates the database, its WAL and shared-memory files readable by the owner only', () => {
    const file = path.join(temp.path, 'leadbridge.db');
    const { db } = openDatabase(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), name).toBe(0o600);
    db.close();
  });

  it('tightens a database, WAL and shared-memory files an earlier version left readable by others', () => {
    const file = path.join(temp.path, 'leadbridge.db');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    // An earlier version's connection still holds its WAL files: SQLite reuses them as they are.
    const earlier = new BetterSqlite3(file);
    earlier.pragma('journal_mode = WAL');
    earlier.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), name).toBe(0o644);
    const { db } = openDatabase(file);
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), name).toBe(0o600);
    db.close();
    earlier.close();
  });
});
