import { Badge, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { PlatformStatus } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { plural } from '../../format/plural';
import { usePlatformStore } from '../../stores/stores-context';
import { EVENT_KIND_LABELS, receivedOutcome, SOURCE_LABELS } from './platform-look';

/** The most recent webhooks received, and what applying each did. */
export function ReceivedEventsTable({ received }: { received: PlatformStatus['received'] }) {
  const events = usePlatformStore((state) => state.events);
  const error = usePlatformStore((state) => state.eventsError);

  return (
    <Stack gap="xs" component="section" aria-label="Recent received events">
      <Group justify="space-between">
        <Title order={4} fz="sm">
          Recent received events
        </Title>
        <Text size="xs" c="dimmed">
          {plural(received.total, 'event')} received
          {received.pending > 0 ? ` · ${received.pending.toLocaleString()} not applied yet` : ''}
          {received.failed > 0 ? ` · ${received.failed.toLocaleString()} failed` : ''}
        </Text>
      </Group>
      {error && <ApiErrorAlert title="Could not read the received events" error={error} />}
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing received yet. Turn the receiver on and give each platform its address above.
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4} aria-label="Received events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Received</Table.Th>
              <Table.Th w={150}>From</Table.Th>
              <Table.Th>Guest</Table.Th>
              <Table.Th>Calendar</Table.Th>
              <Table.Th>Outcome</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map(({ id, receivedAt, event, ...applied }) => {
              const outcome = receivedOutcome(applied);
              return (
                <Table.Tr key={id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={formatFullTime(receivedAt)} withArrow>
                      <Text size="sm" span>
                        {formatLogTime(receivedAt)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" radius="sm" tt="none" mr={4}>
                      {EVENT_KIND_LABELS[event.kind]}
                    </Badge>
                    <Text size="xs" c="dimmed" span>
                      {SOURCE_LABELS[event.source]}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{event.guest.email}</Table.Td>
                  <Table.Td>{event.calendar?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={outcome.color}>
                      {outcome.text}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
