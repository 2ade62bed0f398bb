import type { Migration } from '../store/migrations';

/** Migration 11: the bookings the meeting platform reported, and how each is posted. */
export const bookingsMigration: Migration = {
  id: 11,
  name: 'bookings and booking settings',
  up: (db) =>
    db.exec(`
      -- One row per booking on the platform, whatever number of events reported it.
      CREATE TABLE bookings (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        -- The platform's current id of the booking (a reschedule may give it a new one).
        external_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'rescheduled', 'cancelled', 'no_show',
          'completed')),
        -- The PlatformEvent (JSON) that last gave the booking its time: what is posted.
        event TEXT NOT NULL,
        -- When that event happened on the platform: an older one delivered late changes nothing.
        event_occurred_at TEXT NOT NULL,
        calendar_id TEXT,
        calendar_name TEXT,
        guest_email TEXT NOT NULL,
        guest_name TEXT,
        guest_company TEXT,
        start TEXT,
        "end" TEXT,
        meeting_type_id INTEGER,
        instance_id INTEGER,
        -- The platform_events row last recorded into it.
        inbox_id INTEGER NOT NULL,
        post_item_id INTEGER,
        outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'created',
          'updated', 'untouched', 'not_created', 'failed')),
        record_kind TEXT CHECK (record_kind IN ('lead', 'contact')),
        record_id TEXT,
        error_code TEXT,
        error_message TEXT,
        -- The outbox event_create of the meeting's Event, when the settings create one.
        event_item_id INTEGER,
        received_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        posted_at TEXT,
        UNIQUE (source, external_id),
        CHECK ((record_kind IS NULL) = (record_id IS NULL))
      );
      CREATE INDEX bookings_outcome ON bookings (outcome, id);
      CREATE INDEX bookings_guest ON bookings (guest_email COLLATE NOCASE);
      -- Every id a booking was reported under, the ones before a reschedule too: a late event
      -- about the old id finds the same booking.
      CREATE TABLE booking_keys (
        source TEXT NOT NULL,
        external_id TEXT NOT NULL,
        booking_id INTEGER NOT NULL REFERENCES bookings (id),
        PRIMARY KEY (source, external_id)
      ) WITHOUT ROWID;
      -- Per booking calendar, and one default (calendar_id NULL).
      CREATE TABLE booking_settings (
        calendar_id TEXT,
        settings TEXT NOT NULL,
        saved_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX booking_settings_calendar ON booking_settings (coalesce(calendar_id, ''));
      -- Describes of objects the sync does not cache (Contact), for the Mapping screen.
      CREATE TABLE object_describes (
        object TEXT PRIMARY KEY,
        describe TEXT NOT NULL,
        fetched_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `),
};
