import { createStore } from 'zustand/vanilla';
import {
  bookingSettingsSchema,
  type BookingPreview,
  type BookingSettings,
  type FieldMapping,
  type MappingError,
  type MappingField,
  type MethodOutput,
} from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { MAPPING_KEY, suggestedMapping, type MappedObject } from './mapping-rules';
import { toUserError, type UserError } from './user-error';

export type BookingCalendar = MethodOutput<'booking-settings:list'>['calendars'][number];
/** The settings' switches and object choice: everything but the calendar and the rows. */
export type SettingsChoices = Pick<
  BookingSettings,
  'objectToLink' | 'createWhenMissing' | 'overwriteWhenFound' | 'createEvent'
>;

export interface MappingState {
  loaded: boolean;
  loadError: UserError | null;
  calendars: BookingCalendar[];
  /** What the host has saved: the default (calendarId null) and per calendar. */
  saved: BookingSettings[];
  fields: Record<MappedObject, MappingField[]>;
  describedAt: Record<MappedObject, string | null>;
  /** Why an object's fields could not be read (its rows cannot be offered until they are). */
  fieldsErrors: Record<MappedObject, UserError | null>;
  /** The calendar being edited; null is the default for every calendar without its own. */
  calendarId: string | null;
  draft: BookingSettings;
  /** The draft differs from what is saved for this calendar (or nothing is saved yet). */
  dirty: boolean;
  /** booking-settings:validate's answer for the current draft. */
  errors: MappingError[];
  /** A validation is scheduled or on its way: the errors shown may be of an older draft. */
  validating: boolean;
  validateError: UserError | null;
  saving: boolean;
  saveError: UserError | null;
  savedNote: string | null;
  preview: BookingPreview | null;
  /** The draft changed since the preview shown was made. */
  previewStale: boolean;
  previewing: boolean;
  previewError: UserError | null;

  /** Reads the saved settings, the calendars and both objects' fields; opens the default. */
  load(): Promise<void>;
  /** Reads only the known calendars (the meeting type form offers them). */
  loadCalendars(): Promise<void>;
  select(calendarId: string | null): void;
  edit(changes: Partial<SettingsChoices>): void;
  setRows(object: MappedObject, rows: FieldMapping[]): void;
  validateNow(): Promise<void>;
  /** Resolves to whether it saved; refused while the mapping has errors. */
  save(): Promise<boolean>;
  runPreview(): Promise<void>;
  /** Drops a calendar's own settings: it follows the default again. */
  removeSaved(): Promise<void>;
}

/** Long enough not to ask on every keystroke, short enough that an error shows as you type. */
export const MAPPING_VALIDATE_MS = 400;

const NO_FIELDS: Record<MappedObject, MappingField[]> = { Lead: [], Contact: [] };

/** A first mapping an admin can save as it is: create a Lead from the guest, with an Event. */
export function blankSettings(fields: Record<MappedObject, MappingField[]>): BookingSettings {
  return {
    calendarId: null,
    objectToLink: 'lead',
    createWhenMissing: true,
    overwriteWhenFound: false,
    createEvent: true,
    leadMapping: suggestedMapping(fields.Lead),
    contactMapping: suggestedMapping(fields.Contact),
  };
}

/** The settings a calendar starts from: its own, else a copy of the default, else a blank. */
export function settingsFor(
  calendarId: string | null,
  saved: readonly BookingSettings[],
  fields: Record<MappedObject, MappingField[]>,
): BookingSettings {
  const own = saved.find((settings) => settings.calendarId === calendarId);
  if (own) return own;
  const base = saved.find((settings) => settings.calendarId === null) ?? blankSettings(fields);
  return { ...base, calendarId };
}

/**
 * The draft as the contract takes it: an answer row whose question is not named yet goes
 * without its label, so the host reports it at its row instead of refusing the whole call.
 */
function forHost(draft: BookingSettings): BookingSettings {
  const clean = (rows: FieldMapping[]) =>
    rows.map((row) =>
      row.source.kind === 'booking' && row.source.label?.trim() === ''
        ? { ...row, source: { kind: 'booking' as const, field: row.source.field } }
        : row,
    );
  return {
    ...draft,
    leadMapping: clean(draft.leadMapping),
    contactMapping: clean(draft.contactMapping),
  };
}

export function createMappingStore(api: ApiClient, validateDelayMs = MAPPING_VALIDATE_MS) {
  const typing = createDebouncer(validateDelayMs);
  // Every edit or calendar change makes answers still on their way stale.
  let generation = 0;

  return createStore<MappingState>()((set, get) => {
    const validateNow = async () => {
      typing.cancel();
      const mine = ++generation;
      const parsed = bookingSettingsSchema.safeParse(forHost(get().draft));
      if (!parsed.success) {
        set({ validating: false, validateError: incomplete(parsed.error.issues[0]) });
        return;
      }
      set({ validating: true });
      try {
        const { errors } = await api.call('booking-settings:validate', parsed.data);
        if (mine !== generation) return;
        set({ errors, validating: false, validateError: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ validating: false, validateError: toUserError(error) });
      }
    };

    // One object's fields not readable (Contact never described) must not hide the other's.
    const fieldsOf = async (object: MappedObject) => {
      try {
        return { ...(await api.call('mapping:fields', { object })), error: null };
      } catch (error) {
        return { fields: [], describedAt: null, error: toUserError(error) };
      }
    };

    const open = (calendarId: string | null) => {
      typing.cancel();
      generation++;
      const { saved, fields } = get();
      const draft = settingsFor(calendarId, saved, fields);
      set({
        calendarId,
        draft,
        dirty: !saved.some((settings) => settings.calendarId === calendarId),
        errors: [],
        validating: true,
        validateError: null,
        saveError: null,
        savedNote: null,
        preview: null,
        previewStale: false,
        previewError: null,
      });
      void validateNow();
    };

    const changed = (draft: BookingSettings) => {
      generation++;
      set({
        draft,
        dirty: true,
        validating: true,
        previewStale: get().preview !== null,
        saveError: null,
        savedNote: null,
      });
      typing.schedule(() => void validateNow());
    };

    return {
      loaded: false,
      loadError: null,
      calendars: [],
      saved: [],
      fields: NO_FIELDS,
      describedAt: { Lead: null, Contact: null },
      fieldsErrors: { Lead: null, Contact: null },
      calendarId: null,
      draft: blankSettings(NO_FIELDS),
      dirty: false,
      errors: [],
      validating: false,
      validateError: null,
      saving: false,
      saveError: null,
      savedNote: null,
      preview: null,
      previewStale: false,
      previewing: false,
      previewError: null,

      async load() {
        const wasLoaded = get().loaded;
        try {
          const [list, lead, contact] = await Promise.all([
            api.call('booking-settings:list', {}),
            fieldsOf('Lead'),
            fieldsOf('Contact'),
          ]);
          set({
            loaded: true,
            loadError: null,
            calendars: list.calendars,
            saved: list.settings,
            fields: { Lead: lead.fields, Contact: contact.fields },
            describedAt: { Lead: lead.describedAt, Contact: contact.describedAt },
            fieldsErrors: { Lead: lead.error, Contact: contact.error },
          });
          // Coming back to the screen keeps the calendar being edited, and changes not saved yet.
          if (wasLoaded && get().dirty) void validateNow();
          else open(get().calendarId);
        } catch (error) {
          set({ loadError: toUserError(error) });
        }
      },

      async loadCalendars() {
        try {
          const list = await api.call('booking-settings:list', {});
          set({ calendars: list.calendars });
        } catch {
          // Only a convenience for the meeting type form: its id and name can still be typed.
        }
      },

      select: open,

      edit(changes) {
        changed({ ...get().draft, ...changes });
      },

      setRows(object, rows) {
        changed({ ...get().draft, [MAPPING_KEY[object]]: rows });
      },

      validateNow,

      async save() {
        const { saving, errors, validating, validateError, calendarId } = get();
        if (saving || validating || validateError !== null || errors.length > 0) return false;
        const mine = generation;
        set({ saving: true, saveError: null, savedNote: null });
        try {
          const stored = await api.call('booking-settings:save', forHost(get().draft));
          const saved = [
            ...get().saved.filter((settings) => settings.calendarId !== stored.calendarId),
            stored,
          ];
          set({ saving: false, saved, savedNote: savedNote(stored, get().calendars) });
          // An edit made while saving stays a change still to save.
          if (mine === generation && calendarId === stored.calendarId) set({ dirty: false });
          return true;
        } catch (error) {
          set({ saving: false, saveError: toUserError(error) });
          void validateNow();
          return false;
        }
      },

      async runPreview() {
        set({ previewing: true, previewError: null });
        // An edit made while the test is on its way is tested too: the panel shows what the
        // settings on screen would write, never an older draft's result, never nothing.
        for (;;) {
          const draft = get().draft;
          const parsed = bookingSettingsSchema.safeParse(forHost(draft));
          if (!parsed.success) {
            set({ previewing: false });
            await validateNow();
            return;
          }
          try {
            const preview = await api.call('booking-settings:preview', { settings: parsed.data });
            if (get().draft !== draft) continue;
            set({ preview, previewStale: false, previewing: false, errors: preview.errors });
          } catch (error) {
            set({ previewing: false, previewError: toUserError(error) });
          }
          return;
        }
      },

      async removeSaved() {
        const { calendarId, saving } = get();
        if (calendarId === null || saving) return;
        set({ saving: true, saveError: null });
        try {
          await api.call('booking-settings:delete', { calendarId });
          set({
            saving: false,
            saved: get().saved.filter((settings) => settings.calendarId !== calendarId),
          });
          open(calendarId);
          set({ savedNote: 'This calendar follows the default settings again.' });
        } catch (error) {
          set({ saving: false, saveError: toUserError(error) });
        }
      },
    };
  });
}

/** What the form must complete before the host can check it, in the admin's words. */
function incomplete(issue: { path: PropertyKey[]; message: string } | undefined): UserError {
  const [key, index] = issue?.path ?? [];
  const object = key === 'leadMapping' ? 'Lead' : key === 'contactMapping' ? 'Contact' : null;
  const where =
    object && typeof index === 'number'
      ? `Row ${index + 1} of the ${object} mapping`
      : 'The settings';
  return {
    code: 'MAPPING_INCOMPLETE',
    message: `${where} cannot be checked yet (${issue?.message ?? 'incomplete'}): complete it.`,
  };
}

function savedNote(stored: BookingSettings, calendars: readonly BookingCalendar[]): string {
  if (stored.calendarId === null) {
    return 'Saved. Bookings on calendars without their own settings are posted with these.';
  }
  const name = calendars.find((calendar) => calendar.id === stored.calendarId)?.name;
  return `Saved. Bookings on “${name ?? stored.calendarId}” are posted with these settings.`;
}

export type MappingStore = ReturnType<typeof createMappingStore>;
