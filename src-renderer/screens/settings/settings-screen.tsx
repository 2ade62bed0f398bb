import { Stack } from '@mantine/core';
import { NotBuiltScreen } from '../not-built/not-built-screen';
import { AppInfoCard } from './app-info-card';

export function SettingsScreen() {
  return (
    <Stack gap="md">
      <NotBuiltScreen
        title="Settings"
        purpose="Sync and connection settings"
        description="Choose the sync interval, the Salesforce scopes Leadbridge asks for, and the connected app's client id."
      />
      <AppInfoCard />
    </Stack>
  );
}
