import { Badge, Group, Text } from '@mantine/core';
import { useOutboxStore } from '../../stores/stores-context';

const HELD_LABELS = {
  paused: 'Held: sync paused',
  'api-budget': 'Held: API budget',
  disconnected: 'Held: not connected',
} as const;

/** The worker's own sentence, with a badge saying whether it is sending or held, and why. */
export function OutboxStatusLine() {
  const status = useOutboxStore((state) => state.status);
  if (!status) {
    return (
      <Text size="sm" c="dimmed">
        Loading the outbox…
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      {status.draining && (
        <Badge color="blue" variant="light" radius="sm" tt="none">
          Sending
        </Badge>
      )}
      {status.heldBy && (
        <Badge color="yellow" variant="light" radius="sm" tt="none">
          {HELD_LABELS[status.heldBy]}
        </Badge>
      )}
      <Text size="sm" data-testid="outbox-message">
        {status.message}
      </Text>
    </Group>
  );
}
