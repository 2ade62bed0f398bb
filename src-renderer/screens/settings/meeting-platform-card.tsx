import { Center, Divider, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { usePlatformStore } from '../../stores/stores-context';
import { OutboundForm } from './outbound-form';
import { PlatformSecrets } from './platform-secrets';
import { ReceivedEventsTable } from './received-events-table';
import { ReceiverForm } from './receiver-form';

/** Settings → Meeting platform: the webhook receiver, its secrets, and the outbound events. */
export function MeetingPlatformCard() {
  const status = usePlatformStore((state) => state.status);
  const loadError = usePlatformStore((state) => state.loadError);
  const load = usePlatformStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Paper withBorder p="md" maw={900} component="section" aria-labelledby="platform-title">
      <Title order={3} fz="md" mb={4} id="platform-title">
        Meeting platform
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        TimeRex, Calendly or any other scheduling tool tells Leadbridge about bookings, invites and
        cancellations through webhooks; Leadbridge tells it when an instance is activated or
        deactivated.
      </Text>
      {loadError && (
        <ApiErrorAlert title="Could not read the meeting platform settings" error={loadError} />
      )}
      {!status && !loadError && (
        <Center py="md">
          <Loader size="sm" aria-label="Loading the meeting platform settings" />
        </Center>
      )}
      {status && (
        <Stack gap="lg">
          {/* Keyed by the saved values: after a save or an event the form starts from them. */}
          <ReceiverForm key={JSON.stringify(status.receiver)} receiver={status.receiver} />
          <Divider />
          <PlatformSecrets secrets={status.secrets} />
          <Divider />
          <OutboundForm key={JSON.stringify(status.outbound)} outbound={status.outbound} />
          <Divider />
          <ReceivedEventsTable received={status.received} />
        </Stack>
      )}
    </Paper>
  );
}
