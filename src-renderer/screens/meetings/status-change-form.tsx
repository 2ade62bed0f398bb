import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { AdminInstanceStatus, InstanceSummary } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useInstanceHistoryStore } from '../../stores/stores-context';
import { adminActionLabel } from './instance-look';

/** An admin's manual status change: only what the status machine allows, with a reason. */
export function StatusChangeForm({ instance }: { instance: InstanceSummary }) {
  const setStatus = useInstanceHistoryStore((state) => state.setStatus);
  const changing = useInstanceHistoryStore((state) => state.changing);
  const changeError = useInstanceHistoryStore((state) => state.changeError);
  const dismissChangeError = useInstanceHistoryStore((state) => state.dismissChangeError);
  const [reason, setReason] = useState('');
  const [pressed, setPressed] = useState<AdminInstanceStatus | null>(null);

  if (instance.adminStatuses.length === 0) return null;

  const change = async (status: AdminInstanceStatus) => {
    setPressed(status);
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
            disabled={reason.trim() === '' || (changing && pressed !== status)}
            loading={changing && pressed === status}
            onClick={() => void change(status)}
          >
            {adminActionLabel(status, instance.isOpen)}
          </Button>
        ))}
      </Group>
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
