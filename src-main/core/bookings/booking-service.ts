import type { Database } from 'better-sqlite3';
import type {
  BookingPreview,
  BookingSettings,
  Channel,
  MappingError,
  MappingField,
  PlatformEvent,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { LogRepository } from '../store/log-repository';
import type { BookingLedger } from './booking-ledger';
import { BookingList, type BookingListQuery } from './booking-list';
import type { BookingPostQueue } from './booking-post-queue';
import { previewBooking, sampleBooking } from './booking-preview';
import type { BookingSettingsStore } from './booking-settings-store';
import { mappingFields } from './mapping-fields';
import { objectUses, validateBookingSettings } from './mapping-validation';
import type { BookingObject, DescribedObject, ObjectDescribes } from './object-describes';

export interface BookingServiceDependencies {
  db: Database;
  settings: BookingSettingsStore;
  describes: ObjectDescribes;
  ledger: BookingLedger;
  queue: BookingPostQueue;
  log: LogRepository;
  channels(): Channel[];
  /** The outbox's Retry (logged there); returns how many items went back to pending. */
  retryItems(itemIds: number[]): number;
  changed(bookingIds: number[]): void;
}

/** What the Bookings and Mapping screens ask of booking posting. */
export class BookingService {
  readonly #list: BookingList;

  constructor(private readonly deps: BookingServiceDependencies) {
    this.#list = new BookingList(deps.db);
  }

  list(query: BookingListQuery) {
    return this.#list.list(query);
  }

  /** Failed bookings posted again with the settings as they are now. */
  retry(bookingIds: number[]): number {
    const itemIds = this.deps.db.transaction(() => {
      this.deps.ledger.markPending(bookingIds);
      return this.deps.queue.itemsOf(bookingIds);
    })();
    const retried = this.deps.retryItems(itemIds);
    this.deps.changed(bookingIds);
    return retried;
  }

  listSettings() {
    return { settings: this.deps.settings.list(), calendars: this.#list.calendars() };
  }

  async validate(settings: BookingSettings): Promise<MappingError[]> {
    return validateBookingSettings(settings, await this.#describesFor(settings));
  }

  /** Refused (MAPPING_INVALID) while the mapping has a problem. */
  async save(settings: BookingSettings): Promise<BookingSettings> {
    const errors = await this.validate(settings);
    if (errors.length > 0) {
      throw new AppError(
        'MAPPING_INVALID',
        `The mapping cannot be saved yet: ${errors[0]!.message}${
          errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : ''
        }`,
      );
    }
    this.deps.settings.save(settings);
    this.deps.log.append('booking-settings.saved', null, {
      calendarId: settings.calendarId,
      objectToLink: settings.objectToLink,
      createWhenMissing: settings.createWhenMissing,
      overwriteWhenFound: settings.overwriteWhenFound,
      createEvent: settings.createEvent,
    });
    return settings;
  }

  delete(calendarId: string): void {
    if (!this.deps.settings.delete(calendarId)) {
      throw new AppError(
        'BOOKING_SETTINGS_NOT_FOUND',
        `No booking settings are saved for calendar ${calendarId}: nothing was deleted.`,
      );
    }
    this.deps.log.append('booking-settings.deleted', null, { calendarId });
  }

  async preview(settings: BookingSettings, sample?: PlatformEvent): Promise<BookingPreview> {
    const describes = await this.#describesFor(settings);
    const calendar =
      this.#list.calendars().find((known) => known.id === settings.calendarId) ?? null;
    return previewBooking(
      settings,
      sample ?? sampleBooking(calendar && { id: calendar.id, name: calendar.name }),
      describes,
      validateBookingSettings(settings, describes),
    );
  }

  async fields(
    object: BookingObject,
  ): Promise<{ fields: MappingField[]; describedAt: string | null }> {
    const described = await this.deps.describes.get(object);
    if (!described) return { fields: [], describedAt: null };
    const channels = object === 'Lead' ? this.deps.channels() : [];
    return { fields: mappingFields(described, channels), describedAt: described.describedAt };
  }

  async #describesFor(
    settings: BookingSettings,
  ): Promise<Partial<Record<BookingObject, DescribedObject | undefined>>> {
    const describes: Partial<Record<BookingObject, DescribedObject | undefined>> = {};
    for (const { object } of objectUses(settings)) {
      describes[object] = await this.deps.describes.get(object);
    }
    return describes;
  }
}
