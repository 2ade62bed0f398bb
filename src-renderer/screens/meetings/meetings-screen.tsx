import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { plural } from '../../format/plural';
import { useInstancesStore, useMeetingTypesStore } from '../../stores/stores-context';
import { LeadTimelineDrawer } from '../lead-timeline/lead-timeline-drawer';
import { InstanceFilters } from './instance-filters';
import { InstanceHistoryDrawer } from './instance-history-drawer';
import { InstancesTable } from './instances-table';
import { MeetingTypesPanel } from './meeting-types-panel';

export function MeetingsScreen() {
  const loadMeetingTypes = useMeetingTypesStore((state) => state.load);
  const refresh = useInstancesStore((state) => state.refresh);
  const total = useInstancesStore((state) => state.total);
  const loaded = useInstancesStore((state) => state.loaded);
  const error = useInstancesStore((state) => state.error);
  const dismissError = useInstancesStore((state) => state.dismissError);

  // Channels and the meeting platform change instances at any time: open on the current state.
  useEffect(() => {
    void loadMeetingTypes();
    void refresh();
  }, [loadMeetingTypes, refresh]);

  return (
    <Stack gap="sm">
      <Title order={2} fz="xl">
        Meetings
      </Title>
      <MeetingTypesPanel />
      <Paper withBorder component="section" aria-label="Instances">
        <Group justify="space-between" px="sm" py={8} gap="sm">
          <Group gap="sm">
            <Title order={3} fz="md">
              Instances
            </Title>
            <InstanceFilters />
          </Group>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="instances-total">
            {loaded ? plural(total, 'instance') : 'Loading…'}
          </Text>
        </Group>
        {error && (
          <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-xs)' }}>
            <ApiErrorAlert
              title="Could not list the instances"
              error={error}
              onClose={dismissError}
            />
          </div>
        )}
        <InstancesTable />
      </Paper>
      <InstanceHistoryDrawer />
      <LeadTimelineDrawer showOpenInLeads />
    </Stack>
  );
}
