import {
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { MeetingType } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useMappingStore, useMeetingTypesStore } from '../../stores/stores-context';
import { calendarsToOffer, meetingTypeDraft } from './meeting-type-look';

/** A first check while typing; the host checks each address properly. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface MeetingTypeModalProps {
  /** The type being edited; null creates a new one. */
  editing: MeetingType | null;
  onClose(): void;
}

/** Create or edit a meeting type: its name, hosts and the booking calendar it stands for. */
export function MeetingTypeModal({ editing, onClose }: MeetingTypeModalProps) {
  const create = useMeetingTypesStore((state) => state.create);
  const update = useMeetingTypesStore((state) => state.update);
  const saving = useMeetingTypesStore((state) => state.saving);
  const saveError = useMeetingTypesStore((state) => state.saveError);
  const dismissSaveError = useMeetingTypesStore((state) => state.dismissSaveError);
  const [name, setName] = useState(editing?.name ?? '');
  const [hosts, setHosts] = useState<string[]>(editing?.hosts ?? []);
  const [calendarId, setCalendarId] = useState(editing?.calendar?.id ?? '');
  const [calendarName, setCalendarName] = useState(editing?.calendar?.name ?? '');
  // Both on for a new type: an admin sees in Salesforce what Leadbridge did, unless they opt out.
  const [activityLogging, setActivityLogging] = useState(
    editing?.activityLogging ?? { tasks: true, events: true },
  );

  const calendars = useMappingStore((state) => state.calendars);
  const loadCalendars = useMappingStore((state) => state.loadCalendars);
  const offered = calendarsToOffer(calendars, editing?.id ?? null);

  useEffect(() => {
    void loadCalendars();
  }, [loadCalendars]);

  const notEmail = hosts.find((host) => !LOOKS_LIKE_EMAIL.test(host));
  const calendarHalf = (calendarId.trim() === '') !== (calendarName.trim() === '');
  const ready = name.trim() !== '' && hosts.length > 0 && !notEmail && !calendarHalf;

  const submit = async () => {
    const draft = meetingTypeDraft({ name, hosts, calendarId, calendarName, activityLogging });
    const saved = editing ? await update(editing.id, draft) : await create(draft);
    if (saved) onClose();
  };

  const close = () => {
    dismissSaveError();
    onClose();
  };

  return (
    <Modal
      opened
      onClose={close}
      title={editing ? `Edit “${editing.name}”` : 'New meeting type'}
      size="md"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            description="What prospects are invited to, e.g. “Intro call”"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={120}
            required
            data-autofocus
          />
          <TagsInput
            label="Hosts"
            description="Email addresses of the people who hold the meeting; press Enter after each"
            value={hosts}
            onChange={setHosts}
            splitChars={[',', ' ', ';']}
            maxTags={20}
            error={notEmail ? `“${notEmail}” is not an email address` : undefined}
            clearable
            // Not `required`: the browser would check the empty text field, not the tags.
            withAsterisk
          />
          {offered.length > 0 && (
            <Select
              label="Booking calendar"
              description="One the meeting platform has sent bookings for, or type its id and name below"
              placeholder="Pick a calendar"
              data={offered}
              value={offered.some((option) => option.value === calendarId) ? calendarId : null}
              onChange={(picked) => {
                const calendar = calendars.find((candidate) => candidate.id === picked);
                setCalendarId(calendar?.id ?? '');
                setCalendarName(calendar?.name ?? '');
              }}
              clearable
            />
          )}
          <Group grow align="flex-start">
            <TextInput
              label="Booking calendar id"
              description="Optional, as on the meeting platform"
              value={calendarId}
              onChange={(event) => setCalendarId(event.currentTarget.value)}
              error={calendarHalf && calendarId.trim() === '' ? 'Give the id too' : undefined}
            />
            <TextInput
              label="Calendar name"
              description="Optional, as the platform shows it"
              value={calendarName}
              onChange={(event) => setCalendarName(event.currentTarget.value)}
              error={calendarHalf && calendarName.trim() === '' ? 'Give the name too' : undefined}
            />
          </Group>
          <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" size="sm" fw={500}>
              Activity on the Lead in Salesforce
            </Text>
            <Switch
              label="Log invites and emails as Tasks"
              description="Each attempt becomes a completed email Task on the Lead"
              checked={activityLogging.tasks}
              onChange={(event) =>
                setActivityLogging({ ...activityLogging, tasks: event.currentTarget.checked })
              }
            />
            <Switch
              label="Log booked meetings as Events"
              description="With the meeting’s start, end, host and URL"
              checked={activityLogging.events}
              onChange={(event) =>
                setActivityLogging({ ...activityLogging, events: event.currentTarget.checked })
              }
            />
          </Stack>
          {saveError && (
            <ApiErrorAlert
              title="The meeting type was not saved"
              error={saveError}
              onClose={dismissSaveError}
            />
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Channels of this type decide which Leads are invited.
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={saving} disabled={!ready}>
                {editing ? 'Save' : 'Create'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
