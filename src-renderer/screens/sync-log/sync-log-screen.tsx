import { Group, Stack, Title } from '@mantine/core';
import { LeadTimelineDrawer } from '../lead-timeline/lead-timeline-drawer';
import { ActivityLogPanel } from './activity-log-panel';
import { ChangesPerHourChart } from './changes-per-hour-chart';
import { SyncStatusCard } from './sync-status-card';

export function SyncLogScreen() {
  return (
    <Stack
      gap="sm"
      // The log fills what is left of the window and scrolls inside itself.
      h="calc(100dvh - var(--app-shell-header-offset, 0px) - 2 * var(--mantine-spacing-md))"
    >
      <Title order={2} fz="xl">
        Sync &amp; Log
      </Title>
      <Group align="stretch" gap="sm" wrap="nowrap">
        <SyncStatusCard />
        <ChangesPerHourChart />
      </Group>
      <ActivityLogPanel />
      <LeadTimelineDrawer showOpenInLeads />
    </Stack>
  );
}
