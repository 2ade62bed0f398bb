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

  it('rolls back every step of a failing upgrade, says which step failed and what to do, and lets go of the file', () => {
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
    let failure: unknown;
    try {
      openDatabase(file, next);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({
      code: 'MIGRATION_FAILED',
      message: expect.stringMatching(
        /^Updating the local database failed at step \d+ \(broken step\): no such table: nowhere\. Nothing was changed; restart Leadbridge/,
      ),
      cause: expect.objectContaining({ code: 'SQLITE_ERROR' }),
    });
    // The failed open closed its connection: SQLite removes the WAL files with the last one.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const db = new BetterSqlite3(file);
    expect(tables(db)).not.toContain('a');
    expect(tables(db)).not.toContain('b');
    expect(db.prepare('SELECT MAX(id) FROM _migrations').pluck().get()).toBe(appMigrations.length);
    db.close();
  });

  it('upgrades a cache from before merges and conversions, keeping every event and marking converted Leads', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 2));
    const lead = db.prepare('INSERT INTO leads (id, system_modstamp, fields) VALUES (?, ?, ?)');
    lead.run('00Q000000000001AAA', '2025-01-01T00:00:00.000+0000', '{"IsConverted":true}');
    lead.run('00Q000000000002AAA', '2025-01-01T00:00:00.000+0000', '{"IsConverted":false}');
    db.prepare(
      "INSERT INTO lead_changes (lead_id, kind, system_modstamp, detected_at) VALUES ('00Q000000000002AAA', 'created', 'x', 'y')",
    ).run();
    applyMigrations(db, appMigrations);
    expect(db.prepare('SELECT id, is_converted FROM leads ORDER BY id').all()).toEqual([
      { id: '00Q000000000001AAA', is_converted: 1 },
      { id: '00Q000000000002AAA', is_converted: 0 },
    ]);
    expect(db.prepare('SELECT id, kind FROM lead_changes').all()).toEqual([
      { id: 1, kind: 'created' },
    ]);
    const insert = db.prepare(
      "INSERT INTO lead_changes (lead_id, kind, system_modstamp, detected_at) VALUES ('00Q000000000002AAA', ?, 'x', 'y') RETURNING id",
    );
    expect(insert.get('merged')).toEqual({ id: 2 });
    expect(() => insert.get('renamed')).toThrow(/CHECK/);
  });

  it('adds meeting types and instances to a cache of Leads, keeping the Leads', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 3));
    db.prepare(
      "INSERT INTO leads (id, system_modstamp, fields) VALUES ('00Q000000000001AAA', 'x', '{}')",
    ).run();
    applyMigrations(db, appMigrations.slice(0, 8));
    expect(tables(db)).toEqual(
      expect.arrayContaining(['meeting_types', 'instances', 'instance_history']),
    );
    expect(db.prepare('SELECT COUNT(*) FROM leads').pluck().get()).toBe(1);
    db.prepare(
      "INSERT INTO meeting_types (name, hosts, created_at, updated_at) VALUES ('Intro', '[]', 'x', 'x')",
    ).run();
    const instance = db.prepare(
      "INSERT INTO instances (record_id, record_kind, meeting_type_id, status, opened_at, changed_at) VALUES ('00Q000000000001AAA', 'lead', 1, ?, 'x', 'x')",
    );
    instance.run('deactivated');
    instance.run('completed');
    instance.run('activated');
    // A second open one (any open status) is refused by the database itself.
    expect(() => instance.run('needs_attention')).toThrow(/UNIQUE/);
    expect(() => instance.run('paused')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO instances (record_id, record_kind, meeting_type_id, status, opened_at, changed_at) VALUES ('00Q000000000002AAA', 'lead', 99, 'activated', 'x', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('migration 5: the channel cursor starts after events recorded before it, versions are immutable and a change is decided once per channel', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, appMigrations.slice(0, 4));
    const event = db.prepare(
      "INSERT INTO lead_changes (lead_id, kind, field, system_modstamp, detected_at) VALUES ('00Q000000000001AAA', 'changed', ?, 'x', 'x')",
    );
    event.run('Status');
    event.run('Title');
    applyMigrations(db, appMigrations);
    expect(db.prepare('SELECT last_change_id FROM channel_cursor').pluck().get()).toBe(2);

    db.exec(`
      INSERT INTO meeting_types (name, hosts, created_at, updated_at) VALUES ('Intro', '[]', 'x', 'x');
      INSERT INTO channels (version, created_at, updated_at) VALUES (1, 'x', 'x');
      INSERT INTO channel_versions (channel_id, version, meeting_type_id, name, kind, action,
        intercept_scope, rules, saved_at) VALUES (1, 1, 1, 'c', 'import', 'initialize', 'meeting_type', '{}', 'x');
    `);
    expect(() => db.exec("UPDATE channel_versions SET name = 'other'")).toThrow(/immutable/);
    const decide = db.prepare(
      "INSERT INTO channel_decisions (channel_id, channel_version, change_id, lead_id, matched, fired, effect, reason, replay, at) VALUES (1, 1, 3, '00Q000000000001AAA', 0, 0, 'none', 'r', ?, 'x')",
    );
    decide.run(0);
    expect(() => decide.run(0)).toThrow(/UNIQUE/);
    decide.run(1);
    decide.run(1);
    expect(db.prepare('SELECT COUNT(*) FROM channel_decisions').pluck().get()).toBe(3);
  });

  it('migration 6: the outbox queues a decision once, and only known kinds, objects and states', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 5));
    db.prepare(
      "INSERT INTO leads (id, system_modstamp, fields) VALUES ('00Q000000000001AAA', 'x', '{}')",
    ).run();
    applyMigrations(db, appMigrations.slice(0, 8));
    expect(db.prepare('SELECT COUNT(*) FROM leads').pluck().get()).toBe(1);
    const enqueue = db.prepare(
      `INSERT INTO outbox (kind, lead_id, object, field_values, idempotency_key, state, cause, created_at)
       VALUES (?, '00Q000000000001AAA', ?, '{}', ?, ?, '{}', 'x')`,
    );
    enqueue.run('lead_update', 'Lead', 'update:1:1', 'pending');
    expect(() => enqueue.run('lead_update', 'Lead', 'update:1:1', 'pending')).toThrow(/UNIQUE/);
    expect(() => enqueue.run('lead_delete', 'Lead', 'k2', 'pending')).toThrow(/CHECK/);
    expect(() => enqueue.run('task_create', 'Contact', 'k3', 'pending')).toThrow(/CHECK/);
    expect(() => enqueue.run('task_create', 'Task', 'k4', 'lost')).toThrow(/CHECK/);
    expect(db.prepare('SELECT state, attempts, conflicts, host_users FROM outbox').get()).toEqual({
      state: 'pending',
      attempts: 0,
      conflicts: '[]',
      host_users: '{}',
    });
  });

  it('migration 7: keeps every saved channel version, still immutable, and lets only Update channels carry writes', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, appMigrations.slice(0, 6));
    db.exec(`
      INSERT INTO meeting_types (name, hosts, created_at, updated_at) VALUES ('Intro', '[]', 'x', 'x');
      INSERT INTO channels (version, created_at, updated_at) VALUES (2, 'x', 'x');
      INSERT INTO channel_versions (channel_id, version, meeting_type_id, name, kind, action,
        intercept_scope, rules, saved_at) VALUES
        (1, 1, 1, 'first', 'import', 'initialize', 'meeting_type', '{"a":1}', 's1'),
        (1, 2, 1, 'second', 'intercept', 'deactivate', 'all', '{"a":2}', 's2');
    `);
    applyMigrations(db, appMigrations);
    expect(db.prepare('SELECT * FROM channel_versions ORDER BY version').all()).toEqual([
      expect.objectContaining({
        name: 'first',
        kind: 'import',
        rules: '{"a":1}',
        update_spec: null,
        saved_at: 's1',
      }),
      expect.objectContaining({
        name: 'second',
        kind: 'intercept',
        intercept_scope: 'all',
        update_spec: null,
      }),
    ]);
    expect(db.prepare('SELECT log_tasks, log_events FROM meeting_types').get()).toEqual({
      log_tasks: 1,
      log_events: 1,
    });
    expect(() => db.exec("UPDATE channel_versions SET name = 'other'")).toThrow(/immutable/);
    expect(() => db.exec('DELETE FROM channel_versions')).toThrow(/immutable/);
    const save = db.prepare(
      `INSERT INTO channel_versions (channel_id, version, meeting_type_id, name, kind, action,
         intercept_scope, rules, update_spec, saved_at) VALUES (1, ?, 1, 'u', ?, ?, 'meeting_type', '{}', ?, 'x')`,
    );
    save.run(3, 'update', 'write_fields', '{"statuses":["booked"],"writes":[]}');
    expect(() => save.run(4, 'update', 'write_fields', null)).toThrow(/CHECK/);
    expect(() => save.run(5, 'import', 'initialize', '{}')).toThrow(/CHECK/);
    expect(() => save.run(6, 'import', 'write_fields', null)).toThrow(/CHECK/);
    expect(() => save.run(7, 'update', 'deactivate', '{}')).toThrow(/CHECK/);
    expect(() => save.run(8, 'export', 'write_fields', null)).toThrow(/CHECK/);
    expect(() => save.run(9, 'update', 'write_fields', '{}')).not.toThrow();
    expect(() => save.run(1, 'update', 'write_fields', '{}')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => save.run(10, 'update', 'write_fields', '{}')).not.toThrow();
    const fire = db.prepare(
      "INSERT INTO channel_update_firings (channel_id, channel_version, history_id, instance_id, lead_id, at) VALUES (1, 3, ?, 1, '00Q000000000001AAA', 'x')",
    );
    fire.run(1);
    expect(() => fire.run(1)).toThrow(/UNIQUE/);
  });

  it('migration 8: counts the outbox per state from the rows already there, then keeps them by triggers', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 7));
    const enqueue = db.prepare(
      `INSERT INTO outbox (kind, lead_id, object, field_values, idempotency_key, state, cause, created_at)
       VALUES ('lead_update', '00Q000000000001AAA', 'Lead', '{}', ?, ?, '{}', 'x')`,
    );
    enqueue.run('k1', 'sent');
    enqueue.run('k2', 'pending');
    enqueue.run('k3', 'pending');
    applyMigrations(db, appMigrations);
    const kept = () =>
      Object.fromEntries(
        (db.prepare('SELECT state, n FROM outbox_counts').all() as { state: string; n: number }[])
          .filter((row) => row.n !== 0)
          .map((row) => [row.state, row.n]),
      );
    const counted = () =>
      Object.fromEntries(
        (
          db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
            state: string;
            n: number;
          }[]
        ).map((row) => [row.state, row.n]),
      );
    expect(kept()).toEqual({ sent: 1, pending: 2 });
    enqueue.run('k4', 'pending');
    db.prepare("UPDATE outbox SET state = 'failed' WHERE idempotency_key = 'k2'").run();
    db.prepare("UPDATE outbox SET attempts = 2 WHERE idempotency_key = 'k3'").run();
    db.prepare("DELETE FROM outbox WHERE idempotency_key = 'k1'").run();
    expect(kept()).toEqual(counted());
    expect(kept()).toEqual({ pending: 2, failed: 1 });
  });

  it('migration 9: keeps every queued item, its id and the counts, and takes booking posts and instance events', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 8));
    const enqueue = db.prepare(
      `INSERT INTO outbox (kind, lead_id, object, field_values, idempotency_key, state, cause, created_at)
       VALUES ('lead_update', '00Q000000000001AAA', 'Lead', '{"Status":"x"}', ?, ?, '{}', 'x')`,
    );
    enqueue.run('k1', 'sent');
    enqueue.run('k2', 'pending');
    enqueue.run('k3', 'failed');
    db.prepare("DELETE FROM outbox WHERE idempotency_key = 'k3'").run();
    applyMigrations(db, appMigrations);
    expect(db.prepare('SELECT id, idempotency_key, state, field_values FROM outbox').all()).toEqual(
      [
        { id: 1, idempotency_key: 'k1', state: 'sent', field_values: '{"Status":"x"}' },
        { id: 2, idempotency_key: 'k2', state: 'pending', field_values: '{"Status":"x"}' },
      ],
    );
    const insert = db.prepare(
      `INSERT INTO outbox (kind, lead_id, object, field_values, idempotency_key, cause, created_at, booking_id)
       VALUES (?, ?, ?, '{}', ?, '{}', 'x', ?)`,
    );
    // A removed item's id is not given again.
    expect(insert.run('booking_post', null, 'Lead', 'b1', 7).lastInsertRowid).toBe(4);
    insert.run('instance_event', '00Q000000000001AAA', 'Webhook', 'e1', null);
    insert.run('event_create', '003000000000001AAA', 'Event', 'e2', null);
    expect(() => insert.run('lead_update', null, 'Lead', 'k5', null)).toThrow(/CHECK/);
    expect(() => insert.run('booking_post', null, 'Lead', 'k6', null)).toThrow(/CHECK/);
    expect(() => insert.run('lead_update', '00Q000000000001AAA', 'Lead', 'k7', 3)).toThrow(/CHECK/);
    expect(() => insert.run('lead_delete', '00Q000000000001AAA', 'Lead', 'k8', null)).toThrow(
      /CHECK/,
    );
    expect(() => insert.run('task_create', '00Q000000000001AAA', 'Account', 'k9', null)).toThrow(
      /CHECK/,
    );
    db.prepare("UPDATE outbox SET state = 'sent' WHERE idempotency_key = 'b1'").run();
    expect(
      Object.fromEntries(
        (
          db.prepare('SELECT state, n FROM outbox_counts WHERE n <> 0').all() as {
            state: string;
            n: number;
          }[]
        ).map((row) => [row.state, row.n]),
      ),
    ).toEqual({ sent: 2, pending: 3 });
  });

  it('migration 10: the platform inbox keeps one row per (source, external id, kind) and only known sources, kinds and states', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 9));
    applyMigrations(db, appMigrations.slice(0, 10));
    const insert = db.prepare(
      `INSERT INTO platform_events (source, kind, external_id, received_at, occurred_at, event, raw, state)
       VALUES (?, ?, ?, 'x', 'x', '{}', x'7b7d', ?)`,
    );
    insert.run('timerex', 'booked', 'ev-1', 'pending');
    insert.run('timerex', 'cancelled', 'ev-1', 'pending');
    insert.run('calendly', 'booked', 'ev-1', 'applied');
    expect(() => insert.run('timerex', 'booked', 'ev-1', 'pending')).toThrow(/UNIQUE/);
    expect(() => insert.run('zoom', 'booked', 'ev-2', 'pending')).toThrow(/CHECK/);
    expect(() => insert.run('generic', 'moved', 'ev-2', 'pending')).toThrow(/CHECK/);
    expect(() => insert.run('generic', 'booked', 'ev-2', 'done')).toThrow(/CHECK/);
    expect(
      db
        .prepare("SELECT id FROM platform_events WHERE state = 'pending' ORDER BY id")
        .pluck()
        .all(),
    ).toEqual([1, 2]);
  });

  it('migration 11: one booking per (source, external id), its outcome and record together, one settings row per calendar and one default', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 11));
    const insert = db.prepare(
      `INSERT INTO bookings (source, external_id, status, event, event_occurred_at, guest_email,
         inbox_id, outcome, record_kind, record_id, received_at, updated_at)
       VALUES ('timerex', ?, ?, '{}', 'x', 'a@b.c', 1, ?, ?, ?, 'x', 'x')`,
    );
    insert.run('e1', 'booked', 'created', 'lead', '00Q000000000001AAA');
    expect(() => insert.run('e1', 'booked', 'pending', null, null)).toThrow(/UNIQUE/);
    expect(() => insert.run('e2', 'invited', 'pending', null, null)).toThrow(/CHECK/);
    expect(() => insert.run('e3', 'booked', 'sent', null, null)).toThrow(/CHECK/);
    expect(() => insert.run('e4', 'booked', 'created', 'lead', null)).toThrow(/CHECK/);
    const save = db.prepare(
      `INSERT INTO booking_settings (calendar_id, settings, saved_at) VALUES (?, '{}', 'x')`,
    );
    save.run(null);
    save.run('cal-1');
    expect(() => save.run(null)).toThrow(/UNIQUE/);
    expect(() => save.run('cal-1')).toThrow(/UNIQUE/);
  });

  it('migration 12: a guest’s email finds cached Leads and instances by index, not by scanning', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 12));
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    expect(plan("SELECT id FROM leads WHERE lower(email) = 'a@b.c'")).toContain(
      'INDEX leads_email',
    );
    expect(plan("SELECT id FROM instances WHERE lower(email) = 'a@b.c'")).toContain(
      'INDEX instances_email',
    );
  });

  it('migration 13: an Update channel firing waits once per (channel, status entered); a sync page finds the ready ones without scanning the Leads', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 13));
    const wait = db.prepare(
      `INSERT INTO channel_update_waiting
         (channel_id, channel_name, history_id, lead_id, entered, since)
       VALUES (?, 'When booked', ?, '00Q000000000001AAA', '{}', 'x')`,
    );
    wait.run(1, 10);
    wait.run(2, 10);
    expect(() => wait.run(1, 10)).toThrow(/UNIQUE|PRIMARY KEY/);
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT w.channel_id FROM channel_update_waiting w
           JOIN leads l ON l.id = w.lead_id AND l.is_deleted = 0
           ORDER BY w.history_id, w.channel_id`,
        )
        .all() as { detail: string }[]
    ).map((row) => row.detail);
    expect(plan).toContainEqual(expect.stringMatching(/^SCAN w/));
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH l USING INDEX .*\(id=\?\)/));
  });

  it('migration 14: an outbox kind’s pending items and its next due time are found by index, keeping every item', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 13));
    db.prepare(
      `INSERT INTO outbox (kind, lead_id, object, field_values, idempotency_key, state, cause,
         created_at, next_attempt_at)
       VALUES ('lead_update', '00Q000000000001AAA', 'Lead', '{}', 'k1', 'pending', '{}', 'x', 'x')`,
    ).run();
    applyMigrations(db, appMigrations);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    expect(
      plan(`SELECT id FROM outbox WHERE kind = 'booking_post' AND state = 'pending'
            AND next_attempt_at <= 'x' ORDER BY id LIMIT 200`),
    ).toMatch(/INDEX outbox_pending_kind/);
    expect(
      plan(
        `SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending' AND kind = 'task_create'`,
      ),
    ).toContain('INDEX outbox_pending_kind_due');
    expect(
      db
        .prepare(
          "SELECT id FROM outbox INDEXED BY outbox_pending_kind WHERE kind = 'lead_update' AND state = 'pending'",
        )
        .pluck()
        .all(),
    ).toEqual([1]);
    // Indexes nothing asks any more cost every insert and settle.
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'outbox_%'")
      .pluck()
      .all();
    expect(indexes).not.toContain('outbox_due');
    expect(indexes).not.toContain('outbox_pending_updates');
  });

  it('migration 15: indexes the words of the live Leads already cached and of the log, counts the Leads, and reads the newest Leads and a search by index', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 14));
    const lead = db.prepare(
      `INSERT INTO leads (id, system_modstamp, is_deleted, name, email, company, fields)
       VALUES (?, 'x', ?, ?, ?, ?, '{}')`,
    );
    lead.run('00Q000000000001AAA', 0, 'Ada Lovelace', 'ada@engine.org', 'Engines');
    lead.run('00Q000000000002AAA', 1, 'Ada Deleted', 'gone@engine.org', 'Engines');
    lead.run('00Q000000000003AAA', 0, 'Alan Turing', null, null);
    db.prepare(
      `INSERT INTO log (time, kind, subject, details)
       VALUES ('x', 'lead.changed', '00Q000000000003AAA', '{"name":"Alan Turing"}')`,
    ).run();
    applyMigrations(db, appMigrations);
    expect(
      db.prepare("SELECT rowid FROM log_search WHERE log_search MATCH 'turing'").pluck().all(),
    ).toEqual([1]);
    const matches = (words: string) =>
      db
        .prepare(
          'SELECT id FROM leads WHERE rowid IN (SELECT rowid FROM leads_search WHERE leads_search MATCH ?) ORDER BY id',
        )
        .pluck()
        .all(words);
    expect(matches('ada')).toEqual(['00Q000000000001AAA']);
    expect(matches('engine')).toEqual(['00Q000000000001AAA']);
    expect(matches('turing')).toEqual(['00Q000000000003AAA']);
    expect(matches('gone')).toEqual([]);
    expect(db.prepare('SELECT live FROM lead_count').pluck().get()).toBe(2);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    expect(
      plan('SELECT * FROM leads WHERE is_deleted = 0 ORDER BY system_modstamp DESC, id LIMIT 50'),
    ).toMatch(/^SCAN leads USING INDEX leads_live_recent$/);
    expect(plan("SELECT rowid FROM leads_search WHERE leads_search MATCH 'ada'")).toContain(
      'VIRTUAL TABLE INDEX',
    );
  });

  it('migration 16: finds the errors already logged by time through an index of them alone, and keeps API calls per hour', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, appMigrations.slice(0, 15));
    const entry = db.prepare(
      'INSERT INTO log (time, kind, subject, details) VALUES (?, ?, NULL, ?)',
    );
    entry.run('2026-11-30T10:00:00.000Z', 'sync.failed', '{"code":"QUERY_TIMEOUT","message":"m"}');
    entry.run('2026-11-30T10:01:00.000Z', 'lead.changed', '{"field":"Status"}');
    applyMigrations(db, appMigrations);
    const errorsSince =
      "SELECT id FROM log WHERE json_extract(details, '$.code') IS NOT NULL AND time >= ?";
    expect(db.prepare(errorsSince).pluck().all('2026-11-30T00:00:00.000Z')).toEqual([1]);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${errorsSince}`).all('x') as { detail: string }[])
      .map((row) => row.detail)
      .join('; ');
    expect(plan).toBe('SEARCH log USING INDEX log_errors (time>?)');
    // Only error entries are in the index: its size follows the errors, not the Lead changes.
    expect(
      db
        .prepare(
          "SELECT COUNT(*) FROM log INDEXED BY log_errors WHERE json_extract(details, '$.code') IS NOT NULL AND time > ''",
        )
        .pluck()
        .get(),
    ).toBe(1);
    db.prepare(
      "INSERT INTO api_usage_hours (hour, calls) VALUES ('2026-11-30T10:00:00.000Z', 3)",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO api_usage_hours (hour, calls) VALUES ('2026-11-30T10:00:00.000Z', 1)")
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('refuses a database written by a newer Leadbridge', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, [
      { id: 1, name: 'one', up: () => {} },
      { id: 2, name: 'two', up: () => {} },
    ]);
    expect(() => applyMigrations(db, [{ id: 1, name: 'one', up: () => {} }])).toThrowError(
      expect.objectContaining({
        code: 'DATABASE_TOO_NEW',
        message:
          'The local database was written by a newer Leadbridge (schema 2). Update Leadbridge, or choose another data directory.',
      }),
    );
  });

  it('rejects a migration list that is out of order', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => applyMigrations(db, [{ id: 2, name: 'two', up: () => {} }])).toThrow(/expected 1/);
  });
});
