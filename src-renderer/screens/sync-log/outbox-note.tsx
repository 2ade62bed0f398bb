import { Anchor, Group, Text } from '@mantine/core';
import { hashForRoute } from '../../app/routes';
import { describeCounts } from '../outbox/outbox-look';
import { OutboxStatusLine } from '../outbox/outbox-status-line';
import { useOutboxStore } from '../../stores/stores-context';

/** The write-back backlog beside the sync it follows: what waits, and the way to the Outbox. */
export function OutboxNote() {
  const counts = useOutboxStore((state) => state.status?.counts ?? null);
  return (
    <Group gap="xs" mt={6} data-testid="sync-outbox" aria-label="Write-back">
      <Text size="xs" fw={600} c="dimmed">
        Write-back
      </Text>
      <OutboxStatusLine />
      {counts && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {describeCounts(counts)} ·{' '}
          <Anchor href={hashForRoute('outbox')} size="xs">
            Open the Outbox
          </Anchor>
        </Text>
      )}
    </Group>
  );
}
