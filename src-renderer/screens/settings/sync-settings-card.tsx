import { Center, Loader, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useSettingsStore } from '../../stores/stores-context';
import { SettingsForm } from './settings-form';

export function SyncSettingsCard() {
  const settings = useSettingsStore((state) => state.settings);
  const loadError = useSettingsStore((state) => state.loadError);
  const load = useSettingsStore((state) => state.load);

  // The tray or another window may have changed them since this window last read them.
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Paper withBorder p="md" maw={720} component="section" aria-labelledby="settings-form-title">
      <Title order={3} fz="md" mb="md" id="settings-form-title">
        Sync and sign-in
      </Title>
      <Stack gap="sm">
        {loadError && <ApiErrorAlert title="Could not read the settings" error={loadError} />}
        {!settings && !loadError && (
          <Center py="md">
            <Loader size="sm" aria-label="Loading settings" />
          </Center>
        )}
        {settings && (
          // Keyed by the saved values: after a save or a re-read the form starts from them.
          <SettingsForm key={JSON.stringify(settings)} saved={settings} />
        )}
      </Stack>
    </Paper>
  );
}
