import { Text } from '@mantine/core';
import { useConnectionStore } from '../stores/stores-context';

/** Who Leadbridge acts as, so nobody syncs the wrong org without noticing. */
export function ConnectedUser() {
  const username = useConnectionStore((state) =>
    state.status?.state === 'connected' ? (state.status.org?.username ?? null) : null,
  );
  if (!username) return null;
  return (
    <Text
      size="xs"
      c="dimmed"
      title="Connected Salesforce user"
      truncate
      maw={260}
      visibleFrom="sm"
    >
      {username}
    </Text>
  );
}
