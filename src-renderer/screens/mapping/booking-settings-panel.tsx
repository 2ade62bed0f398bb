import { Button, Group, Paper, SegmentedControl, Select, Stack, Switch, Text } from '@mantine/core';
import type { BookingObjectChoice } from '../../../src-preload/contract';
import { useMappingStore } from '../../stores/stores-context';
import { calendarOptions, DEFAULT_CALENDAR, OBJECT_CHOICE_LABELS } from './mapping-look';

/** Which calendar's settings are edited, the object a booking links to, and the three switches. */
export function BookingSettingsPanel() {
  const calendars = useMappingStore((state) => state.calendars);
  const saved = useMappingStore((state) => state.saved);
  const calendarId = useMappingStore((state) => state.calendarId);
  const draft = useMappingStore((state) => state.draft);
  const select = useMappingStore((state) => state.select);
  const edit = useMappingStore((state) => state.edit);
  const removeSaved = useMappingStore((state) => state.removeSaved);
  const saving = useMappingStore((state) => state.saving);
  const hasOwn = saved.some((settings) => settings.calendarId === calendarId);
  const calendar = calendars.find((candidate) => candidate.id === calendarId);
  const defaultSaved = saved.some((settings) => settings.calendarId === null);

  return (
    <Paper withBorder p="md" component="section" aria-label="Booking settings">
      <Stack gap="md">
        <Group align="flex-end" gap="md">
          <Select
            label="Booking calendar"
            w={420}
            data={calendarOptions(calendars, saved)}
            value={calendarId ?? DEFAULT_CALENDAR}
            onChange={(picked) => picked && select(picked === DEFAULT_CALENDAR ? null : picked)}
            allowDeselect={false}
            searchable
          />
          {calendarId !== null && hasOwn && (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              disabled={saving}
              onClick={() => void removeSaved()}
            >
              Use the default settings instead
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" data-testid="calendar-note">
          {calendarId === null
            ? defaultSaved
              ? 'The default: bookings on every calendar without its own settings are posted with these.'
              : 'Nothing saved yet: bookings are not posted until these default settings are saved.'
            : hasOwn
              ? 'This calendar has its own settings.'
              : 'This calendar follows the default settings until you save its own (they start as a copy).'}
        </Text>
        {calendar && calendar.meetingType === null && (
          <Text size="xs" c="orange" data-testid="calendar-without-meeting-type">
            No meeting type stands for this calendar: its bookings are posted, but move no instance.
            Pick it on a meeting type in Meetings.
          </Text>
        )}
        <div>
          <Text size="sm" fw={500} mb={4}>
            Link the booking to
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Link the booking to"
            data={Object.entries(OBJECT_CHOICE_LABELS).map(([value, label]) => ({ value, label }))}
            value={draft.objectToLink}
            onChange={(value) => edit({ objectToLink: value as BookingObjectChoice })}
          />
        </div>
        <Stack gap="xs">
          <Switch
            label="Create a record when none has the guest’s email"
            description={
              draft.objectToLink === 'contact'
                ? 'A new Contact'
                : 'A new Lead (Leads and Contacts are found by email; converted Leads are ignored)'
            }
            checked={draft.createWhenMissing}
            onChange={(event) => edit({ createWhenMissing: event.currentTarget.checked })}
          />
          <Switch
            label="Overwrite the mapped fields when one exists"
            description="Off: a record found is left untouched (its Event is still added)"
            checked={draft.overwriteWhenFound}
            onChange={(event) => edit({ overwriteWhenFound: event.currentTarget.checked })}
          />
          <Switch
            label="Create an Event for the meeting"
            description="On the record, with the meeting’s time and its URL as the location"
            checked={draft.createEvent}
            onChange={(event) => edit({ createEvent: event.currentTarget.checked })}
          />
        </Stack>
      </Stack>
    </Paper>
  );
}
