import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useConnectionStore } from '../../stores/stores-context';

interface DisconnectModalProps {
  opened: boolean;
  onClose(): void;
}

export function DisconnectModal({ opened, onClose }: DisconnectModalProps) {
  const pending = useConnectionStore((state) => state.pending);
  const disconnect = useConnectionStore((state) => state.disconnect);
  const error = useConnectionStore((state) =>
    state.actionError?.action === 'disconnect' ? state.actionError : null,
  );
  const dismissError = useConnectionStore((state) => state.dismissActionError);
  const [deleting, setDeleting] = useState(false);
  const busy = pending === 'disconnect';

  const choose = async (deleteCache: boolean) => {
    setDeleting(deleteCache);
    await disconnect(deleteCache);
    // On success this card is replaced by the Connect form; on failure the error stays here.
  };
  const close = () => {
    if (busy) return;
    dismissError();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Disconnect from Salesforce?" centered size={560}>
      <Stack gap="md">
        <Text size="sm">
          Both choices revoke Leadbridge’s Salesforce token and stop syncing: Salesforce accepts no
          calls from Leadbridge until someone connects again.
        </Text>
        <Text size="sm">
          Keep the leads cached on this computer so a later reconnect to this org starts from them
          (signing in to a different org replaces them), or delete them now.
        </Text>
        {error && (
          <ApiErrorAlert title="Could not disconnect" error={error} onClose={dismissError} />
        )}
        <Group justify="flex-end" gap="sm" wrap="nowrap">
          <Button variant="default" onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button
            variant="light"
            onClick={() => void choose(false)}
            loading={busy && !deleting}
            disabled={busy && deleting}
          >
            Keep cached leads
          </Button>
          <Button
            color="red"
            onClick={() => void choose(true)}
            loading={busy && deleting}
            disabled={busy && !deleting}
          >
            Delete cached leads
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
