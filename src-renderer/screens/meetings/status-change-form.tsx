import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { AdminInstanceStatus, InstanceSummary } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useInstanceHistoryStore } from '../../stores/stores-context';
import { BookingForm } from './booking-form';
import { adminActionLabel } from './instance-look';

/** An admin's manual status change: only what the status machine allows, with a reason. */
export function StatusChangeForm({ instance }: { instance: InstanceSummary }) {
  const setStatus = useInstanceHistoryStore((state) => state.setStatus);
  const changing = useInstanceHistoryStore((state) => state.changing);
  const changeError = useInstanceHistoryStore((state) => state.changeError);
  const dismissChangeError = useInstanceHistoryStore((state) => state.dismissChangeError);
  const [reason, setReason] = useState('');
  const [pressed, setPressed] = useState<AdminInstanceStatus | null>(null);
  const [booking, setBooking] = useState(false);

  if (instance.adminStatuses.length === 0) return null;

  const change = async (status: AdminInstanceStatus) => {
    setPressed(status);
    // A booking needs the meeting's facts: its button opens their form instead.
    if (status === 'booked') {
      setBooking(true);
      return;
    }
    if (await setStatus(status, reason.trim())) setReason('');
  };

  return (
    <Stack gap={6} component="section" aria-label="Change the status">
      <Text size="sm" fw={600}>
        Change the status
      </Text>
      <Textarea
        aria-label="Reason"
        description="Required: say why; it is kept in the instance’s history"
        placeholder="Why (kept in the history), e.g. “Met them at the conference”"
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        maxLength={500}
        autosize
        minRows={2}
      />
      <Group gap="xs">
        {instance.adminStatuses.map((status) => (
          <Button
            key={status}
            size="xs"
            variant={status === 'deactivated' ? 'light' : 'filled'}
            color={status === 'deactivated' ? 'red' : undefined}
            disabled={
              (status !== 'booked' && reason.trim() === '') ||
              (changing && pressed !== status) ||
              booking
            }
            loading={changing && pressed === status && !booking}
            onClick={() => void change(status)}
          >
            {adminActionLabel(status, instance.isOpen)}
          </Button>
        ))}
      </Group>
      {booking && (
        <BookingForm
          instance={instance}
          reason={reason}
          onDone={() => {
            setBooking(false);
            setReason('');
          }}
          onCancel={() => setBooking(false)}
        />
      )}
      {changeError && (
        <ApiErrorAlert
          title="The status was not changed"
          error={changeError}
          onClose={dismissChangeError}
        />
      )}
    </Stack>
  );
}
