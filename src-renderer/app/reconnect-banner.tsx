import { Alert, Anchor, Text } from '@mantine/core';
import { useConnectionStore } from '../stores/stores-context';
import { hashForRoute } from './routes';

/**
 * Shown on every other screen (Connection has its own panel) while Salesforce refuses the sign-in: background work has stopped,
 * and a person on any screen must learn it (the desktop app also sends a notification).
 */
export function ReconnectBanner() {
  const status = useConnectionStore((state) => state.status);
  if (status?.state !== 'reconnect-needed') return null;
  return (
    <Alert color="red" variant="light" mb="md" title="Reconnect needed" role="alert">
      <Text size="sm">
        {status.message}{' '}
        <Anchor href={hashForRoute('connection')} size="sm">
          Open Connection to connect again
        </Anchor>
      </Text>
    </Alert>
  );
}
