import { Badge } from '@mantine/core';
import { attentionText } from '../screens/outbox/outbox-look';
import { useOutboxStore } from '../stores/stores-context';

/** Failed writes wait on a person: the nav says how many, from any screen. */
export function OutboxAttentionBadge() {
  const failed = useOutboxStore((state) => state.status?.counts.failed ?? 0);
  const text = useOutboxStore((state) =>
    state.status ? attentionText(state.status.counts) : null,
  );
  if (text === null) return null;
  return (
    <Badge
      size="xs"
      color="red"
      variant="filled"
      circle={failed < 10}
      aria-label={text}
      title={text}
    >
      {failed.toLocaleString()}
    </Badge>
  );
}
