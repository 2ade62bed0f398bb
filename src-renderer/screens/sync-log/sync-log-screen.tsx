import { Stack, Title } from '@mantine/core';
import { ActivityLogPanel } from './activity-log-panel';
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
      <SyncStatusCard />
      <ActivityLogPanel />
    </Stack>
  );
}
