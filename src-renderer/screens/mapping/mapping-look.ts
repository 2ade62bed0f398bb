import type {
  BookingField,
  BookingObjectChoice,
  BookingSettings,
  MappingField,
} from '../../../src-preload/contract';
import type { WriteModes } from '../../stores/mapping-rules';
import type { BookingCalendar } from '../../stores/mapping-store';

/** The calendar picker's value for the default settings (a calendar id is never this). */
export const DEFAULT_CALENDAR = '(default)';

/**
 * The default first, then each known calendar with its meeting type and whether it has its
 * own settings, so an admin sees at a glance which calendars still follow the default.
 */
export function calendarOptions(
  calendars: readonly BookingCalendar[],
  saved: readonly Pick<BookingSettings, 'calendarId'>[],
): { value: string; label: string }[] {
  const own = new Set(saved.map((settings) => settings.calendarId));
  return [
    { value: DEFAULT_CALENDAR, label: 'Default (every calendar without its own settings)' },
    ...calendars.map((calendar) => ({
      value: calendar.id,
      label: [
        calendar.name,
        calendar.meetingType
          ? ` — meeting type “${calendar.meetingType.name}”`
          : ' — no meeting type',
        own.has(calendar.id) ? ' · own settings' : '',
      ].join(''),
    })),
  ];
}

/** The booking's facts in the admin's words, for the "from" side of a row. */
export const BOOKING_FIELD_LABELS: Record<BookingField, string> = {
  guest_name: 'Guest’s full name',
  guest_first_name: 'Guest’s first name',
  guest_last_name: 'Guest’s last name',
  guest_email: 'Guest’s email',
  guest_company: 'Guest’s company',
  guest_phone: 'Guest’s phone',
  comment: 'Guest’s comment',
  answer: 'Answer to a question',
  calendar_name: 'Calendar name',
  start: 'Meeting start',
  end: 'Meeting end',
  meeting_url: 'Meeting URL',
  host_user: 'Host (their Salesforce User)',
};

export const OBJECT_CHOICE_LABELS: Record<BookingObjectChoice, string> = {
  lead: 'Lead',
  contact: 'Contact',
  contact_else_lead: 'Contact if one exists, else Lead',
};

/** When a mapped field is written with these settings, in a few words. */
export function whenWritten(field: MappingField | undefined, modes: WriteModes): string {
  if (!field) return 'Not in Salesforce';
  const onCreate = modes.create && field.createable;
  const onOverwrite = modes.overwrite && field.updateable;
  if (onCreate && onOverwrite) return 'Creating and overwriting';
  if (onCreate) return modes.overwrite ? 'Creating only (not updateable)' : 'Creating';
  if (onOverwrite) return modes.create ? 'Overwriting only (not createable)' : 'Overwriting';
  if (!modes.create && !modes.overwrite) return 'Not written: creating and overwriting are off';
  return 'Never written with these settings';
}

/** "Lead Source (LeadSource)": the label first, the API name beside it when they differ. */
export function fieldTitle(field: Pick<MappingField, 'name' | 'label'>): string {
  return field.label !== field.name ? `${field.label} (${field.name})` : field.name;
}

/** The fields list's filter: part of the label or the API name, any case. */
export function matchesFieldFilter(
  field: Pick<MappingField, 'name' | 'label'>,
  filter: string,
): boolean {
  const needle = filter.trim().toLowerCase();
  return (
    needle === '' ||
    field.name.toLowerCase().includes(needle) ||
    field.label.toLowerCase().includes(needle)
  );
}
