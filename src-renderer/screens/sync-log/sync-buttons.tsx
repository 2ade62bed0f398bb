import { Button, Group } from '@mantine/core';
import { useSyncStore } from '../../stores/stores-context';

export function SyncButtons() {
  const status = useSyncStore((state) => state.status);
  const pending = useSyncStore((state) => state.pending);
  const syncNow = useSyncStore((state) => state.syncNow);
  const pause = useSyncStore((state) => state.pause);
  const resume = useSyncStore((state) => state.resume);
  const reconcile = useSyncStore((state) => state.reconcile);
  const busyWith = (action: typeof pending) => pending !== null && pending !== action;

  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        onClick={() => void syncNow()}
        loading={pending === 'sync:now'}
        disabled={!status || busyWith('sync:now')}
      >
        Sync now
      </Button>
      <Button
        size="xs"
        variant="default"
        onClick={() => void reconcile()}
        loading={pending === 'sync:reconcile'}
        disabled={!status || busyWith('sync:reconcile')}
        title="Compare every Lead with Salesforce: fetch what is missing or older, remove what is gone"
      >
        Reconcile now
      </Button>
      {status?.paused ? (
        <Button
          size="xs"
          variant="default"
          onClick={() => void resume()}
          loading={pending === 'sync:resume'}
          disabled={busyWith('sync:resume')}
        >
          Resume
        </Button>
      ) : (
        <Button
          size="xs"
          variant="default"
          onClick={() => void pause()}
          loading={pending === 'sync:pause'}
          disabled={!status || busyWith('sync:pause')}
        >
          Pause
        </Button>
      )}
    </Group>
  );
}
