import { Button, Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useConnectionStore, useHostLinkStore, useSyncStore } from '../../stores/stores-context';
import { syncActionsBlock } from './sync-actions-block';

export function SyncButtons() {
  const status = useSyncStore((state) => state.status);
  const pending = useSyncStore((state) => state.pending);
  const syncNow = useSyncStore((state) => state.syncNow);
  const pause = useSyncStore((state) => state.pause);
  const resume = useSyncStore((state) => state.resume);
  const reconcile = useSyncStore((state) => state.reconcile);
  const link = useHostLinkStore((state) => state.link);
  const connection = useConnectionStore((state) => state.status?.state ?? null);
  const reasonId = useId();
  const blocked = syncActionsBlock(link, connection);
  const busyWith = (action: typeof pending) => pending !== null && pending !== action;
  const unavailable = (action: typeof pending) => !status || blocked !== null || busyWith(action);
  const describedBy = blocked ? reasonId : undefined;

  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs" wrap="nowrap">
        <Button
          size="xs"
          onClick={() => void syncNow()}
          loading={pending === 'sync:now'}
          disabled={unavailable('sync:now')}
          aria-describedby={describedBy}
        >
          Sync now
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => void reconcile()}
          loading={pending === 'sync:reconcile'}
          disabled={unavailable('sync:reconcile')}
          aria-describedby={describedBy}
          title="Compare every Lead with Salesforce: fetch what is missing or older, remove what is gone"
        >
          Reconcile now
        </Button>
        {status?.paused ? (
          // Resuming needs no org: a pause kept from before a disconnect must stay undoable.
          <Button
            size="xs"
            variant="default"
            onClick={() => void resume()}
            loading={pending === 'sync:resume'}
            disabled={link.state !== 'open' || busyWith('sync:resume')}
          >
            Resume
          </Button>
        ) : (
          <Button
            size="xs"
            variant="default"
            onClick={() => void pause()}
            loading={pending === 'sync:pause'}
            disabled={unavailable('sync:pause')}
            aria-describedby={describedBy}
          >
            Pause
          </Button>
        )}
      </Group>
      {blocked && (
        <Text size="xs" c="dimmed" id={reasonId} data-testid="sync-actions-reason">
          {blocked}
        </Text>
      )}
    </Stack>
  );
}
