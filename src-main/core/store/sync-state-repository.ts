import type { Database, Statement } from 'better-sqlite3';

/** Small named values the sync keeps between runs (watermark, import cursor, describe). */
export class SyncStateRepository {
  readonly #get: Statement<[string], { value: string }>;
  readonly #set: Statement<[string, string]>;
  readonly #delete: Statement<[string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT value FROM sync_state WHERE key = ?');
    this.#set = db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.#delete = db.prepare('DELETE FROM sync_state WHERE key = ?');
  }

  get<T>(key: string): T | undefined {
    const row = this.#get.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.#set.run(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.#delete.run(key);
  }
}
