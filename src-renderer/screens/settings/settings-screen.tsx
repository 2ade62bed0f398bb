import { Stack, Title } from '@mantine/core';
import { AppInfoCard } from './app-info-card';
import { SyncSettingsCard } from './sync-settings-card';

export function SettingsScreen() {
  return (
    <Stack gap="md">
      <Title order={2} fz="xl">
        Settings
      </Title>
      <SyncSettingsCard />
      <AppInfoCard />
    </Stack>
  );
}
