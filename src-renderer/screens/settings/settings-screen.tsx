import { Stack, Title } from '@mantine/core';
import { AppInfoCard } from './app-info-card';
import { MeetingPlatformCard } from './meeting-platform-card';
import { SyncSettingsCard } from './sync-settings-card';

export function SettingsScreen() {
  return (
    <Stack gap="md">
      <Title order={2} fz="xl">
        Settings
      </Title>
      <SyncSettingsCard />
      <MeetingPlatformCard />
      <AppInfoCard />
    </Stack>
  );
}
