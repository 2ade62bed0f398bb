import { Badge, Tooltip } from '@mantine/core';
import { hostAwayLook, hostAwayMessage, syncStatusLook } from '../format/sync-state-look';
import { useHostLinkStore, useSyncStore } from '../stores/stores-context';

export function SyncStatusBadge() {
  const status = useSyncStore((state) => state.status);
  const error = useSyncStore((state) => state.error);
  const answering = useHostLinkStore((state) => state.link.state === 'open');

  const look = !answering
    ? hostAwayLook
    : status
      ? syncStatusLook(status)
      : { color: 'gray', label: error ? 'Unavailable' : 'Loading…' };
  const tooltip = !answering
    ? hostAwayMessage
    : (status?.message ?? error?.message ?? 'Asking the host for the sync status…');

  return (
    <Tooltip label={tooltip} multiline w={280} position="bottom-end" withArrow>
      <Badge
        aria-label="Sync status"
        aria-description={tooltip}
        color={look.color}
        variant="light"
        size="lg"
        radius="sm"
        tt="none"
        tabIndex={0}
      >
        {look.label}
      </Badge>
    </Tooltip>
  );
}
