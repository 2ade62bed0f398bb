import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { InstanceSummary } from '../../../src-preload/contract';
import { toLocalInput } from '../../format/local-date-time';
import { useInstanceHistoryStore, useMeetingTypesStore } from '../../stores/stores-context';
import { bookingFromForm, nextWholeHour, type BookingForm as Form } from './booking-facts';

interface BookingFormProps {
  instance: InstanceSummary;
  /** The reason typed above, kept in the history with the booking. */
  reason: string;
  onDone(): void;
  onCancel(): void;
}

/**
 * "Mark booked" by hand, until the meeting platform reports bookings: the meeting's start,
 * its end (or length), the host — one of the meeting type's, whom Update channels can make
 * the Lead's owner — and the meeting URL.
 */
export function BookingForm({ instance, reason, onDone, onCancel }: BookingFormProps) {
  const setStatus = useInstanceHistoryStore((state) => state.setStatus);
  const changing = useInstanceHistoryStore((state) => state.changing);
  const hosts = useMeetingTypesStore(
    (state) => state.meetingTypes.find((type) => type.id === instance.meetingType.id)?.hosts,
  );
  const [form, setForm] = useState<Form>(() => ({
    start: toLocalInput(nextWholeHour(Date.now()).toISOString()),
    endBy: 'duration',
    durationMinutes: 30,
    end: '',
    hostEmail: hosts?.[0] ?? null,
    meetingUrl: '',
  }));
  const edit = (patch: Partial<Form>) => setForm((current) => ({ ...current, ...patch }));
  const checked = bookingFromForm(form);
  const problem =
    reason.trim() === '' ? 'Say why above (it is kept in the history).' : checked.problem;

  const submit = async () => {
    if (!checked.booking || problem) return;
    if (await setStatus('booked', reason.trim(), checked.booking)) onDone();
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label="Booking">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          The booked meeting
        </Text>
        <TextInput
          label="Starts"
          type="datetime-local"
          value={form.start}
          onChange={(event) => edit({ start: event.currentTarget.value })}
          required
        />
        <SegmentedControl
          aria-label="End by"
          size="xs"
          data={[
            { value: 'duration', label: 'Lasts' },
            { value: 'end', label: 'Ends at' },
          ]}
          value={form.endBy}
          onChange={(endBy) => edit({ endBy: endBy as Form['endBy'] })}
        />
        {form.endBy === 'duration' ? (
          <NumberInput
            label="Minutes"
            min={5}
            max={24 * 60}
            step={15}
            allowDecimal={false}
            value={form.durationMinutes}
            onChange={(minutes) =>
              edit({ durationMinutes: typeof minutes === 'number' ? minutes : '' })
            }
          />
        ) : (
          <TextInput
            label="Ends"
            type="datetime-local"
            value={form.end}
            onChange={(event) => edit({ end: event.currentTarget.value })}
          />
        )}
        <Select
          label="Host"
          description="Update channels can make this host’s Salesforce User the Lead’s owner"
          data={hosts ?? []}
          value={form.hostEmail}
          onChange={(hostEmail) => edit({ hostEmail })}
          placeholder={hosts?.length ? 'Choose the host' : 'This meeting type has no hosts'}
          allowDeselect={false}
          required
        />
        <TextInput
          label="Meeting URL"
          description="Optional; an Event on the Lead shows it as its location"
          placeholder="https://"
          value={form.meetingUrl}
          onChange={(event) => edit({ meetingUrl: event.currentTarget.value })}
        />
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c={problem ? 'dimmed' : 'teal'} aria-live="polite">
            {problem ?? 'Ready: the instance becomes booked.'}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button
              size="xs"
              disabled={problem !== null}
              loading={changing}
              onClick={() => void submit()}
            >
              Mark booked
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
