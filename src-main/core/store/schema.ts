import type { Migration } from './migrations';
import { bookingsMigration } from '../bookings/bookings-migration';

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
  {
    id: 2,
    name: 'lead cache and timing events',
    up: (db) =>
      db.exec(`
        -- One row per Salesforce Lead; the searchable columns are copies of fields.
        CREATE TABLE leads (
          id TEXT PRIMARY KEY,
          system_modstamp TEXT NOT NULL,
          is_deleted INTEGER NOT NULL DEFAULT 0,
          name TEXT,
          email TEXT,
          company TEXT,
          status TEXT,
          fields TEXT NOT NULL
        );
        -- No index on name/email/company: the search matches inside them (LIKE '%…%'),
        -- which no index serves, and every index would slow the import down.
        -- Timing events for channels. '' stands for "no field" (created, deleted) so the
        -- unique index can de-duplicate every kind of event.
        CREATE TABLE lead_changes (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          lead_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'deleted')),
          field TEXT NOT NULL DEFAULT '',
          old_value TEXT,
          new_value TEXT,
          system_modstamp TEXT NOT NULL,
          detected_at TEXT NOT NULL
        );
        -- SystemModstamp has whole seconds: two saves of one field in the same second differ
        -- by value, so the value is part of what makes an event unique.
        CREATE UNIQUE INDEX lead_changes_unique
          ON lead_changes (lead_id, system_modstamp, kind, field, coalesce(new_value, ''));
        CREATE INDEX lead_changes_lead ON lead_changes (lead_id, id);
        CREATE INDEX lead_changes_time ON lead_changes (detected_at);
        CREATE TABLE sync_state (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `),
  },
  {
    id: 3,
    name: 'merged and converted leads',
    up: (db) =>
      db.exec(`
        -- A converted Lead stays in Salesforce, read-only: the cache keeps it, marked.
        ALTER TABLE leads ADD COLUMN is_converted INTEGER NOT NULL DEFAULT 0;
        UPDATE leads SET is_converted = 1 WHERE json_extract(fields, '$.IsConverted') = 1;
        -- SQLite cannot widen a CHECK in place: the events move to a table that allows the
        -- two new kinds, ids kept.
        CREATE TABLE lead_changes_v3 (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          lead_id TEXT NOT NULL,
          kind TEXT NOT NULL
            CHECK (kind IN ('created', 'changed', 'deleted', 'merged', 'converted')),
          field TEXT NOT NULL DEFAULT '',
          old_value TEXT,
          new_value TEXT,
          system_modstamp TEXT NOT NULL,
          detected_at TEXT NOT NULL
        );
        INSERT INTO lead_changes_v3 SELECT * FROM lead_changes;
        DROP TABLE lead_changes;
        ALTER TABLE lead_changes_v3 RENAME TO lead_changes;
        CREATE UNIQUE INDEX lead_changes_unique
          ON lead_changes (lead_id, system_modstamp, kind, field, coalesce(new_value, ''));
        CREATE INDEX lead_changes_lead ON lead_changes (lead_id, id);
        CREATE INDEX lead_changes_time ON lead_changes (detected_at);
      `),
  },
  {
    id: 4,
    name: 'meeting types and instances',
    up: (db) =>
      db.exec(`
        CREATE TABLE meeting_types (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL,
          hosts TEXT NOT NULL,
          calendar_id TEXT,
          calendar_name TEXT,
          archived_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        -- Two live types with one name would be two rows nobody can tell apart in a picker.
        CREATE UNIQUE INDEX meeting_types_live_name
          ON meeting_types (name COLLATE NOCASE) WHERE archived_at IS NULL;
        CREATE TABLE instances (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          record_id TEXT NOT NULL,
          record_kind TEXT NOT NULL CHECK (record_kind IN ('lead', 'contact')),
          email TEXT,
          meeting_type_id INTEGER NOT NULL REFERENCES meeting_types (id),
          status TEXT NOT NULL CHECK (status IN ('initialized', 'activated', 'invited', 'booked',
            'rescheduled', 'completed', 'no_show', 'declined', 'cancelled', 'deactivated',
            'needs_attention')),
          booked_start TEXT,
          booked_end TEXT,
          host_email TEXT,
          meeting_url TEXT,
          opened_at TEXT NOT NULL,
          closed_at TEXT,
          changed_at TEXT NOT NULL
        );
        -- At most one open instance per record and meeting type, whatever the code above does.
        CREATE UNIQUE INDEX instances_one_open ON instances (record_id, meeting_type_id)
          WHERE status IN ('initialized', 'activated', 'invited', 'booked', 'rescheduled',
            'needs_attention');
        CREATE INDEX instances_record ON instances (record_id);
        CREATE INDEX instances_changed ON instances (changed_at, id);
        CREATE INDEX instances_status ON instances (status, changed_at);
        -- Serves the open-instance count per type and search by type (and status).
        CREATE INDEX instances_type ON instances (meeting_type_id, status, changed_at);
        -- Every status an instance entered: when, why and by what (cause_kind, id, name).
        CREATE TABLE instance_history (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          instance_id INTEGER NOT NULL REFERENCES instances (id),
          from_status TEXT,
          to_status TEXT NOT NULL,
          at TEXT NOT NULL,
          reason TEXT NOT NULL,
          cause_kind TEXT NOT NULL CHECK (cause_kind IN ('channel', 'admin', 'platform', 'system')),
          cause_id TEXT,
          cause_name TEXT
        );
        CREATE INDEX instance_history_instance ON instance_history (instance_id, id);
        -- The history is the record of what happened: only ever appended to.
        CREATE TRIGGER instance_history_no_update BEFORE UPDATE ON instance_history
          BEGIN SELECT RAISE(ABORT, 'instance history is append-only'); END;
        CREATE TRIGGER instance_history_no_delete BEFORE DELETE ON instance_history
          BEGIN SELECT RAISE(ABORT, 'instance history is append-only'); END;
      `),
  },
  {
    id: 5,
    name: 'channels, their decisions and the runner cursor',
    up: (db) =>
      db.exec(`
        -- A channel's current state; what decides whether it fires lives in its versions.
        CREATE TABLE channels (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          version INTEGER NOT NULL,
          enabled INTEGER NOT NULL DEFAULT 0,
          disabled_reason TEXT,
          -- Deleted channels stay: their decisions name them.
          deleted_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        -- Every saved version, immutable: a decision names the version that made it.
        CREATE TABLE channel_versions (
          channel_id INTEGER NOT NULL REFERENCES channels (id),
          version INTEGER NOT NULL,
          meeting_type_id INTEGER NOT NULL REFERENCES meeting_types (id),
          name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('import', 'intercept')),
          action TEXT NOT NULL
            CHECK (action IN ('initialize', 'initialize_and_activate', 'deactivate')),
          intercept_scope TEXT NOT NULL CHECK (intercept_scope IN ('meeting_type', 'all')),
          rules TEXT NOT NULL,
          saved_at TEXT NOT NULL,
          PRIMARY KEY (channel_id, version)
        );
        CREATE TRIGGER channel_versions_no_update BEFORE UPDATE ON channel_versions
          BEGIN SELECT RAISE(ABORT, 'a saved channel version is immutable'); END;
        CREATE TRIGGER channel_versions_no_delete BEFORE DELETE ON channel_versions
          BEGIN SELECT RAISE(ABORT, 'a saved channel version is immutable'); END;
        -- A channel's decision on a change of a Lead (stored against the change's first
        -- timing event) that did something or says something: it fired, or it is a Replay,
        -- or the change was skipped for a reason (the Lead left, an echo of our own write).
        -- No AUTOINCREMENT (decisions are never deleted, so ids are never reused) and no
        -- reference to lead_changes: "Delete cached leads" empties it, and the decisions stay
        -- the record of what Leadbridge did.
        CREATE TABLE channel_decisions (
          id INTEGER PRIMARY KEY,
          channel_id INTEGER NOT NULL,
          channel_version INTEGER NOT NULL,
          change_id INTEGER NOT NULL,
          lead_id TEXT NOT NULL,
          matched INTEGER NOT NULL,
          fired INTEGER NOT NULL,
          effect TEXT NOT NULL CHECK (effect IN ('none', 'initialized', 'activated',
            'deactivated', 'already_open', 'nothing_open')),
          instance_id INTEGER,
          reason TEXT,
          replay INTEGER NOT NULL DEFAULT 0,
          at TEXT NOT NULL
        );
        -- A change is decided once per channel, whatever the runner does; Replay adds more.
        CREATE UNIQUE INDEX channel_decisions_once
          ON channel_decisions (change_id, channel_id) WHERE replay = 0;
        CREATE INDEX channel_decisions_lead ON channel_decisions (lead_id, id);
        -- Serves the fire count and last fired time on the Channels screen.
        CREATE INDEX channel_decisions_fired ON channel_decisions (channel_id, at) WHERE fired = 1;
        -- The plain outcomes of one change, one row for all channels: which channels did not
        -- fire, each with whether its conditions held (already, before the change). A sync of
        -- 5,000 changes with 20 channels makes 100,000 decisions, nearly all of them these: a
        -- row each would cost more than the sync itself. Reading expands them into decisions.
        CREATE TABLE channel_misses (
          change_id INTEGER PRIMARY KEY,
          lead_id TEXT NOT NULL,
          at TEXT NOT NULL,
          -- JSON [[channel id, version, matched 0/1], …]
          channels TEXT NOT NULL
        );
        CREATE INDEX channel_misses_lead ON channel_misses (lead_id);
        -- The last timing event the runner has decided on. Events recorded before channels
        -- existed are history, not work: the cursor starts after them.
        CREATE TABLE channel_cursor (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          last_change_id INTEGER NOT NULL
        );
        INSERT INTO channel_cursor (id, last_change_id)
          SELECT 1, coalesce(MAX(id), 0) FROM lead_changes;
        -- Values Leadbridge itself is writing to Salesforce (write-back fills it): their echo
        -- in a later sync is not a person's change, so channels do not see it.
        CREATE TABLE expected_echoes (
          lead_id TEXT NOT NULL,
          field TEXT NOT NULL,
          value TEXT,
          until TEXT NOT NULL,
          PRIMARY KEY (lead_id, field)
        );
      `),
  },
  {
    id: 6,
    name: 'write-back outbox',
    up: (db) =>
      db.exec(`
        -- Every write Leadbridge owes Salesforce, queued in the transaction of the decision that
        -- caused it, and kept with its outcome (the Outbox view lists them).
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('lead_update', 'task_create', 'event_create')),
          lead_id TEXT NOT NULL,
          object TEXT NOT NULL CHECK (object IN ('Lead', 'Task', 'Event')),
          -- JSON: field API name → value to write.
          field_values TEXT NOT NULL,
          -- JSON: field API name → host email, resolved to the active User's Id when sending.
          host_users TEXT NOT NULL DEFAULT '{}',
          -- JSON: field API name → the value the cached Lead held when Leadbridge decided.
          basis TEXT NOT NULL DEFAULT '{}',
          -- A decision made twice (a replay, a crash before the caller's cursor moved) queues once.
          idempotency_key TEXT NOT NULL UNIQUE,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'conflict',
            'failed', 'skipped', 'discarded')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT,
          -- Set (and committed) before a request whose outcome may be lost (a crash, a dropped
          -- connection), cleared with the outcome: an item still marked when it is next taken
          -- is looked up in Salesforce before it is sent again.
          in_flight_since TEXT,
          error_code TEXT,
          error_message TEXT,
          -- The Id Salesforce gave a created Task or Event.
          result_id TEXT,
          -- JSON [{field, ours, basis, theirs}]: fields not written because a person changed them.
          conflicts TEXT NOT NULL DEFAULT '[]',
          -- JSON {kind, id, name}: what decided the write.
          cause TEXT NOT NULL,
          instance_id INTEGER,
          created_at TEXT NOT NULL,
          finished_at TEXT
        );
        -- Serves the worker's "what is due now".
        CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
        CREATE INDEX outbox_state ON outbox (state, id);
        CREATE INDEX outbox_lead ON outbox (lead_id, id);
      `),
  },
  {
    id: 7,
    name: 'update channels and activity logging',
    up: (db) =>
      db.exec(`
        -- Which activities Leadbridge records on the Lead per meeting type (on by default, as
        -- for a new type; nothing is written before an attempt or a booking happens).
        ALTER TABLE meeting_types ADD COLUMN log_tasks INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE meeting_types ADD COLUMN log_events INTEGER NOT NULL DEFAULT 1;
        -- SQLite cannot widen a CHECK in place: the versions move to a table that allows the
        -- Update kind and keeps its statuses and writes, every saved version kept as it was.
        CREATE TABLE channel_versions_v7 (
          channel_id INTEGER NOT NULL REFERENCES channels (id),
          version INTEGER NOT NULL,
          meeting_type_id INTEGER NOT NULL REFERENCES meeting_types (id),
          name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('import', 'intercept', 'update')),
          action TEXT NOT NULL CHECK (action IN ('initialize', 'initialize_and_activate',
            'deactivate', 'write_fields')),
          intercept_scope TEXT NOT NULL CHECK (intercept_scope IN ('meeting_type', 'all')),
          rules TEXT NOT NULL,
          -- JSON {statuses, writes}: an Update channel's, and only its.
          update_spec TEXT,
          saved_at TEXT NOT NULL,
          PRIMARY KEY (channel_id, version),
          CHECK ((kind = 'update') = (update_spec IS NOT NULL)),
          CHECK ((kind = 'update') = (action = 'write_fields'))
        );
        INSERT INTO channel_versions_v7 (channel_id, version, meeting_type_id, name, kind, action,
            intercept_scope, rules, saved_at)
          SELECT channel_id, version, meeting_type_id, name, kind, action, intercept_scope, rules,
            saved_at FROM channel_versions;
        -- DROP TABLE fires no DELETE trigger: the old table's guards go with it.
        DROP TABLE channel_versions;
        ALTER TABLE channel_versions_v7 RENAME TO channel_versions;
        CREATE TRIGGER channel_versions_no_update BEFORE UPDATE ON channel_versions
          BEGIN SELECT RAISE(ABORT, 'a saved channel version is immutable'); END;
        CREATE TRIGGER channel_versions_no_delete BEFORE DELETE ON channel_versions
          BEGIN SELECT RAISE(ABORT, 'a saved channel version is immutable'); END;
        -- An Update channel fired on a status an instance entered (one history entry): the
        -- write it queued (none when it had nothing to write), for its fire count and the log.
        CREATE TABLE channel_update_firings (
          id INTEGER PRIMARY KEY,
          channel_id INTEGER NOT NULL,
          channel_version INTEGER NOT NULL,
          history_id INTEGER NOT NULL,
          instance_id INTEGER NOT NULL,
          lead_id TEXT NOT NULL,
          outbox_item_id INTEGER,
          at TEXT NOT NULL
        );
        -- A status entered fires a channel once, whatever runs twice.
        CREATE UNIQUE INDEX channel_update_firings_once
          ON channel_update_firings (channel_id, history_id);
        -- Serves the fire count and last fired time on the Channels screen.
        CREATE INDEX channel_update_firings_channel ON channel_update_firings (channel_id, at);
      `),
  },
  {
    id: 8,
    name: 'outbox status and next batch without reading the table',
    up: (db) =>
      db.exec(`
        -- The status the tray and the Sync screen show after every batch: items per state kept
        -- by triggers (counting them read every row of a table that keeps every write), and
        -- the last finished write through an index.
        CREATE TABLE outbox_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO outbox_counts (state, n) VALUES ('pending', 0), ('sent', 0), ('conflict', 0),
          ('failed', 0), ('skipped', 0), ('discarded', 0);
        UPDATE outbox_counts SET n = (SELECT COUNT(*) FROM outbox WHERE outbox.state = outbox_counts.state);
        CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox BEGIN
          UPDATE outbox_counts SET n = n + 1 WHERE state = NEW.state;
        END;
        CREATE TRIGGER outbox_counts_update AFTER UPDATE OF state ON outbox
          WHEN OLD.state <> NEW.state BEGIN
          UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state;
          UPDATE outbox_counts SET n = n + 1 WHERE state = NEW.state;
        END;
        CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox BEGIN
          UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state;
        END;
        CREATE INDEX outbox_finished ON outbox (finished_at) WHERE state IN ('sent', 'conflict');
        -- The next batch: pending Lead updates in the order they were decided.
        CREATE INDEX outbox_pending_updates ON outbox (id)
          WHERE kind = 'lead_update' AND state = 'pending';
      `),
  },
  {
    id: 9,
    name: 'outbox carries booking posts and instance events',
    up: (db) =>
      db.exec(`
        -- SQLite cannot widen a CHECK in place: the outbox moves to a table that also takes
        -- booking posts (to a Lead or Contact found by email, so no record until then) and
        -- instance events for the meeting platform, every queued item kept as it was.
        CREATE TABLE outbox_v9 (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('lead_update', 'task_create', 'event_create',
            'booking_post', 'instance_event')),
          -- The record written or named (WhoId); null only for a booking post not yet posted.
          lead_id TEXT CHECK (lead_id IS NOT NULL OR kind = 'booking_post'),
          object TEXT NOT NULL CHECK (object IN ('Lead', 'Contact', 'Task', 'Event', 'Webhook')),
          field_values TEXT NOT NULL,
          host_users TEXT NOT NULL DEFAULT '{}',
          basis TEXT NOT NULL DEFAULT '{}',
          idempotency_key TEXT NOT NULL UNIQUE,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'conflict',
            'failed', 'skipped', 'discarded')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT,
          in_flight_since TEXT,
          error_code TEXT,
          error_message TEXT,
          result_id TEXT,
          conflicts TEXT NOT NULL DEFAULT '[]',
          cause TEXT NOT NULL,
          instance_id INTEGER,
          created_at TEXT NOT NULL,
          finished_at TEXT,
          -- The booking a booking post posts.
          booking_id INTEGER CHECK ((booking_id IS NOT NULL) = (kind = 'booking_post'))
        );
        INSERT INTO outbox_v9 (id, kind, lead_id, object, field_values, host_users, basis,
            idempotency_key, state, attempts, next_attempt_at, in_flight_since, error_code,
            error_message, result_id, conflicts, cause, instance_id, created_at, finished_at)
          SELECT id, kind, lead_id, object, field_values, host_users, basis, idempotency_key,
            state, attempts, next_attempt_at, in_flight_since, error_code, error_message,
            result_id, conflicts, cause, instance_id, created_at, finished_at FROM outbox;
        -- Ids are never reused, even those of items removed before the move.
        DELETE FROM sqlite_sequence WHERE name = 'outbox_v9';
        INSERT INTO sqlite_sequence (name, seq)
          SELECT 'outbox_v9', seq FROM sqlite_sequence WHERE name = 'outbox';
        -- DROP TABLE fires no DELETE trigger: outbox_counts keeps its figures.
        DROP TABLE outbox;
        ALTER TABLE outbox_v9 RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
        CREATE INDEX outbox_state ON outbox (state, id);
        CREATE INDEX outbox_lead ON outbox (lead_id, id);
        CREATE INDEX outbox_booking ON outbox (booking_id) WHERE booking_id IS NOT NULL;
        CREATE INDEX outbox_finished ON outbox (finished_at) WHERE state IN ('sent', 'conflict');
        CREATE INDEX outbox_pending_updates ON outbox (id)
          WHERE kind = 'lead_update' AND state = 'pending';
        CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox BEGIN
          UPDATE outbox_counts SET n = n + 1 WHERE state = NEW.state;
        END;
        CREATE TRIGGER outbox_counts_update AFTER UPDATE OF state ON outbox
          WHEN OLD.state <> NEW.state BEGIN
          UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state;
          UPDATE outbox_counts SET n = n + 1 WHERE state = NEW.state;
        END;
        CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox BEGIN
          UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state;
        END;
      `),
  },
  {
    id: 10,
    name: 'platform inbox',
    up: (db) =>
      db.exec(`
        -- Every webhook the meeting platform sent, stored before it is answered and applied
        -- later in id order. A platform's retry or a repeat of the same fact stores nothing:
        -- one row per (source, the platform's id, what happened).
        CREATE TABLE platform_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          source TEXT NOT NULL CHECK (source IN ('timerex', 'calendly', 'generic', 'manual')),
          kind TEXT NOT NULL CHECK (kind IN ('booked', 'rescheduled', 'cancelled', 'no_show',
            'completed', 'invite_sent', 'email_sent')),
          external_id TEXT NOT NULL,
          received_at TEXT NOT NULL,
          occurred_at TEXT NOT NULL,
          -- The normalised PlatformEvent (JSON) and the body exactly as it arrived.
          event TEXT NOT NULL,
          raw BLOB NOT NULL,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'failed')),
          outcome TEXT,
          error_code TEXT,
          error_message TEXT,
          meeting_type_id INTEGER,
          instance_id INTEGER,
          applied_at TEXT,
          UNIQUE (source, external_id, kind)
        );
        CREATE INDEX platform_events_pending ON platform_events (id) WHERE state = 'pending';
        CREATE INDEX platform_events_state ON platform_events (state, id);
      `),
  },
  bookingsMigration,
  {
    id: 12,
    name: 'guests found by email',
    up: (db) =>
      db.exec(`
        -- Every booking and attempt the meeting platform reports names its guest by email
        -- only: the applier looks up the cached Leads and the open instances with it. Without
        -- these, each event scans the whole cache (~30 ms per 100,000 Leads).
        CREATE INDEX leads_email ON leads (lower(email));
        CREATE INDEX instances_email ON instances (lower(email));
      `),
  },
  {
    id: 13,
    name: 'update channel firings waiting for their lead',
    up: (db) =>
      db.exec(`
        -- An Update channel fired on a status entered while its Lead was not cached yet (a
        -- new guest's booking posted a Lead the sync has not brought): the status entered, as
        -- the instance was then, waits here until the sync caches the Lead, and fires then.
        -- Found after each sync page by reading these few rows, each Lead by its key: no
        -- index on lead_id, which would invite a scan of the Leads instead.
        CREATE TABLE channel_update_waiting (
          channel_id INTEGER NOT NULL,
          -- As the log names it, should the channel be disabled before the Lead arrives.
          channel_name TEXT NOT NULL,
          history_id INTEGER NOT NULL,
          lead_id TEXT NOT NULL,
          entered TEXT NOT NULL,
          since TEXT NOT NULL,
          PRIMARY KEY (channel_id, history_id)
        ) WITHOUT ROWID;
      `),
  },
  {
    id: 14,
    name: 'pending outbox items found per kind',
    up: (db) =>
      db.exec(`
        -- The worker and the outbound sender each ask, per kind, for the due items in the
        -- order they were queued and for when the next one falls due. A backlog (writes held
        -- while disconnected) must not make every question read all pending items.
        CREATE INDEX outbox_pending_kind ON outbox (kind, id) WHERE state = 'pending';
        CREATE INDEX outbox_pending_kind_due ON outbox (kind, next_attempt_at)
          WHERE state = 'pending';
        -- Served by these now: every insert and settle kept them up to date for nothing.
        DROP INDEX outbox_pending_updates;
        DROP INDEX outbox_due;
      `),
  },
  {
    id: 15,
    name: 'leads and log searched, and leads counted, without scanning',
    up: (db) =>
      db.exec(`
        -- Searching by name, email or company matched LIKE '%…%', a scan of every Lead (about
        -- 1 s over 1,000,000). Words are indexed instead, and a search matches them from their
        -- start: the index holds only live Leads, so it counts matches without reading them.
        CREATE VIRTUAL TABLE leads_search USING fts5 (
          name, email, company,
          content = 'leads', content_rowid = 'rowid',
          tokenize = 'unicode61 remove_diacritics 2',
          -- Column sizes serve only ranking (bm25), which the search does not use: not
          -- writing them takes a quarter off what the index costs each imported Lead.
          columnsize = 0
        );
        INSERT INTO leads_search (rowid, name, email, company)
          SELECT rowid, name, email, company FROM leads WHERE is_deleted = 0;
        -- The number of live Leads, which the sync status shows from start-up on: counting
        -- them scans the table (about 0.3 s per 1,000,000 Leads), so it is kept instead.
        CREATE TABLE lead_count (live INTEGER NOT NULL);
        INSERT INTO lead_count SELECT COUNT(*) FROM leads WHERE is_deleted = 0;
        -- Both kept by triggers, so every way of writing a Lead (import, sync page, removal,
        -- wipe) keeps them in step. An external-content index forgets a row given its old
        -- values. Rows are named by the rowid of leads, which has no INTEGER PRIMARY KEY:
        -- never VACUUM this database (it may renumber them) without rebuilding the index after.
        CREATE TRIGGER leads_live_insert AFTER INSERT ON leads WHEN new.is_deleted = 0
        BEGIN
          INSERT INTO leads_search (rowid, name, email, company)
            VALUES (new.rowid, new.name, new.email, new.company);
          UPDATE lead_count SET live = live + 1;
        END;
        -- Emptying the cache at once (another org, "Delete cached leads") marks the count -1
        -- and drops the whole index after: forgetting 1,000,000 rows one by one took ~13 s.
        CREATE TRIGGER leads_live_delete AFTER DELETE ON leads
          WHEN old.is_deleted = 0 AND (SELECT live FROM lead_count) >= 0
        BEGIN
          INSERT INTO leads_search (leads_search, rowid, name, email, company)
            VALUES ('delete', old.rowid, old.name, old.email, old.company);
          UPDATE lead_count SET live = live - 1;
        END;
        CREATE TRIGGER leads_live_update AFTER UPDATE OF is_deleted, name, email, company ON leads
          WHEN old.is_deleted IS NOT new.is_deleted OR old.name IS NOT new.name
            OR old.email IS NOT new.email OR old.company IS NOT new.company
        BEGIN
          INSERT INTO leads_search (leads_search, rowid, name, email, company)
            SELECT 'delete', old.rowid, old.name, old.email, old.company WHERE old.is_deleted = 0;
          INSERT INTO leads_search (rowid, name, email, company)
            SELECT new.rowid, new.name, new.email, new.company WHERE new.is_deleted = 0;
          UPDATE lead_count SET live = live + (new.is_deleted = 0) - (old.is_deleted = 0)
            WHERE old.is_deleted IS NOT new.is_deleted;
        END;
        -- The log's search read every entry's details (LIKE '%…%', ~30 ms per 100,000
        -- entries, twice: page and count). Their words are indexed as the Leads' are; the log
        -- is append-only, so inserting is the only write to follow. Entries are also found by
        -- their subject, and by the Leads whose cached name or email matches.
        CREATE VIRTUAL TABLE log_search USING fts5 (
          details, content = 'log', content_rowid = 'id',
          tokenize = 'unicode61 remove_diacritics 2', columnsize = 0
        );
        INSERT INTO log_search (log_search) VALUES ('rebuild');
        CREATE TRIGGER log_search_insert AFTER INSERT ON log
        BEGIN
          INSERT INTO log_search (rowid, details) VALUES (new.id, new.details);
        END;
        CREATE INDEX log_subject ON log (subject);
        -- The Leads screen opens on the newest changes: read from here, not sorted from all.
        CREATE INDEX leads_live_recent ON leads (system_modstamp DESC, id) WHERE is_deleted = 0;
      `),
  },
  {
    id: 16,
    name: 'sync health: API calls per hour and errors found by time',
    up: (db) =>
      db.exec(`
        -- Salesforce reports the org's usage (a rolling 24 hours) on every answer, but not
        -- who made the calls: Leadbridge counts its own per hour, beside the org's latest
        -- figure of that hour, so the Sync health screen shows a trend and Leadbridge's share.
        CREATE TABLE api_usage_hours (
          hour TEXT PRIMARY KEY,
          calls INTEGER NOT NULL DEFAULT 0,
          org_used INTEGER,
          org_max INTEGER,
          measured_at TEXT
        ) WITHOUT ROWID;
        -- An error entry carries the code of its AppError. The log grows by every Lead
        -- change, so the last days' errors are found by this index, not by reading the log.
        CREATE INDEX log_errors ON log (time) WHERE json_extract(details, '$.code') IS NOT NULL;
      `),
  },
  {
    id: 17,
    name: 'bookings found by their Event',
    up: (db) =>
      db.exec(`
        -- Each drain of the outbox asks which bookings the Events it settled belong to.
        CREATE INDEX bookings_event_item ON bookings (event_item_id) WHERE event_item_id IS NOT NULL;
      `),
  },
];
