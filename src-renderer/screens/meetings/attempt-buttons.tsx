import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { AttemptKind, InstanceSummary } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useInstanceHistoryStore } from '../../stores/stores-context';

const ATTEMPTS: { kind: AttemptKind; label: string }[] = [
  { kind: 'invite', label: 'Record invite' },
  { kind: 'email', label: 'Record email' },
];

/**
 * An invite or email sent to the prospect outside Leadbridge, recorded by hand until the
 * meeting platform reports them: the first invite makes the instance invited, and with Task
 * logging on, each becomes a Task on the Lead.
 */
export function AttemptButtons({ instance }: { instance: InstanceSummary }) {
  const recordAttempt = useInstanceHistoryStore((state) => state.recordAttempt);
  const recording = useInstanceHistoryStore((state) => state.recording);
  const note = useInstanceHistoryStore((state) => state.attemptNote);
  const error = useInstanceHistoryStore((state) => state.attemptError);
  const dismiss = useInstanceHistoryStore((state) => state.dismissChangeError);

  if (!instance.isOpen) return null;

  return (
    <Stack gap={6} component="section" aria-label="Record an attempt">
      <Text size="sm" fw={600}>
        Record an attempt
      </Text>
      <Group gap="xs">
        {ATTEMPTS.map(({ kind, label }) => (
          <Button
            key={kind}
            size="xs"
            variant="light"
            loading={recording === kind}
            disabled={recording !== null && recording !== kind}
            onClick={() => void recordAttempt(kind)}
          >
            {label}
          </Button>
        ))}
      </Group>
      {note && (
        <Alert color="teal" variant="light" py={4} data-testid="attempt-note">
          <Text size="xs">{note}</Text>
        </Alert>
      )}
      {error && (
        <ApiErrorAlert title="The attempt was not recorded" error={error} onClose={dismiss} />
      )}
    </Stack>
  );
}
