import { Alert, Text } from '@mantine/core';
import type { UserError } from '../stores/user-error';
import { ConnectionLinkText } from './connection-link-text';

interface ApiErrorAlertProps {
  title: string;
  error: UserError;
  onClose?: () => void;
}

/** The host's message is the content; the code is there for support, not for reading. */
export function ApiErrorAlert({ title, error, onClose }: ApiErrorAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      withCloseButton={onClose !== undefined}
      closeButtonLabel="Dismiss"
      onClose={onClose}
      py="xs"
    >
      <Text size="sm">
        <ConnectionLinkText text={error.message} />
      </Text>
      <Text size="xs" c="dimmed" ff="monospace" mt={4}>
        {error.code}
      </Text>
    </Alert>
  );
}
