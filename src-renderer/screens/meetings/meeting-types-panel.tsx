import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { activityLoggingText } from './meeting-type-look';
import { useState } from 'react';
import type { MeetingType } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useMeetingTypesStore } from '../../stores/stores-context';
import { ArchiveMeetingTypeModal } from './archive-meeting-type-modal';
import { MeetingTypeModal } from './meeting-type-modal';
import { ActionsColumnHeader } from '../../components/actions-column-header';

type Dialog =
  { kind: 'edit'; meetingType: MeetingType | null } | { kind: 'archive'; meetingType: MeetingType };

export function MeetingTypesPanel() {
  const meetingTypes = useMeetingTypesStore((state) => state.meetingTypes);
  const loaded = useMeetingTypesStore((state) => state.loaded);
  const loadError = useMeetingTypesStore((state) => state.loadError);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  return (
    <Paper withBorder component="section" aria-label="Meeting types">
      <Group justify="space-between" px="sm" py={8}>
        <Title order={3} fz="md">
          Meeting types
        </Title>
        <Button size="xs" onClick={() => setDialog({ kind: 'edit', meetingType: null })}>
          New meeting type
        </Button>
      </Group>
      {loadError && (
        <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-xs)' }}>
          <ApiErrorAlert title="Could not load the meeting types" error={loadError} />
        </div>
      )}
      {loaded && meetingTypes.length === 0 ? (
        <Text size="sm" c="dimmed" px="sm" pb="sm">
          No meeting types yet. A meeting type is what prospects are invited to (“Intro call”,
          “Product demo”) and who hosts it; create one, then give it channels.
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={6} aria-label="Meeting types">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Hosts</Table.Th>
              <Table.Th>Booking calendar</Table.Th>
              <Table.Th>Logs on the Lead</Table.Th>
              <Table.Th>Open instances</Table.Th>
              <ActionsColumnHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meetingTypes.map((type) => (
              <Table.Tr key={type.id} data-meeting-type-id={type.id}>
                <Table.Td fw={500}>{type.name}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {type.hosts.map((host) => (
                      <Badge key={host} variant="light" color="gray" radius="sm" tt="none">
                        {host}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{type.calendar ? type.calendar.name : '—'}</Table.Td>
                <Table.Td data-testid="activity-logging">
                  {activityLoggingText(type.activityLogging)}
                </Table.Td>
                <Table.Td>{type.openInstances.toLocaleString()}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setDialog({ kind: 'edit', meetingType: type })}
                      aria-label={`Edit ${type.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setDialog({ kind: 'archive', meetingType: type })}
                      aria-label={`Archive ${type.name}`}
                    >
                      Archive
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {dialog?.kind === 'edit' && (
        <MeetingTypeModal editing={dialog.meetingType} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'archive' && (
        <ArchiveMeetingTypeModal meetingType={dialog.meetingType} onClose={() => setDialog(null)} />
      )}
    </Paper>
  );
}
