import type { Database } from 'better-sqlite3';
import { bookingSettingsSchema, type BookingSettings } from '../../../src-preload/contract';
import type { Clock } from '../ports';

/** Booking settings per calendar, and the default for every other calendar. */
export class BookingSettingsStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The default first, then each calendar's. */
  list(): BookingSettings[] {
    const rows = this.db
      .prepare(
        `SELECT settings FROM booking_settings
         ORDER BY calendar_id IS NOT NULL, calendar_id`,
      )
      .pluck()
      .all() as string[];
    return rows.map(parse);
  }

  /** The calendar's own settings, else the default; undefined when neither is saved. */
  forCalendar(calendarId: string | null): BookingSettings | undefined {
    const row = this.db
      .prepare(
        `SELECT settings FROM booking_settings
         WHERE calendar_id = ? OR calendar_id IS NULL
         ORDER BY calendar_id IS NULL LIMIT 1`,
      )
      .pluck()
      .get(calendarId) as string | undefined;
    return row === undefined ? undefined : parse(row);
  }

  save(settings: BookingSettings): void {
    this.db
      .prepare(
        `INSERT INTO booking_settings (calendar_id, settings, saved_at) VALUES (?, ?, ?)
         ON CONFLICT (coalesce(calendar_id, '')) DO UPDATE SET settings = excluded.settings,
           saved_at = excluded.saved_at`,
      )
      .run(settings.calendarId, JSON.stringify(settings), new Date(this.clock.now()).toISOString());
  }

  /** Removes a calendar's own settings (its bookings then take the default). */
  delete(calendarId: string): boolean {
    return (
      this.db.prepare('DELETE FROM booking_settings WHERE calendar_id = ?').run(calendarId)
        .changes === 1
    );
  }
}

function parse(text: string): BookingSettings {
  return bookingSettingsSchema.parse(JSON.parse(text));
}
