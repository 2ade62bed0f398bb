import type { Migration } from './migrations';

/** The app's schema, in order. Never edit a shipped migration: add the next one. */
export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'activity log',
    up: (db) =>
      db.exec(`
        CREATE TABLE log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          time TEXT NOT NULL,
          kind TEXT NOT NULL,
          subject TEXT,
          details TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX log_kind ON log (kind, id);
        -- The log is evidence of what Leadbridge did: it is only ever appended to.
        CREATE TRIGGER log_no_update BEFORE UPDATE ON log
          BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
        CREATE TRIGGER log_no_delete BEFORE DELETE ON log
          BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
      `),
  },
];
