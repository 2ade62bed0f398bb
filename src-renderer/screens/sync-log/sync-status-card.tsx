import { Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useNow } from '../../components/use-now';
import { formatFullTime } from '../../format/format-log-time';
import { formatRelativeTime } from '../../format/format-relative-time';
import { syncStateLook } from '../../format/sync-state-look';
import { useSyncStore } from '../../stores/stores-context';

export function SyncStatusCard() {
  const status = useSyncStore((state) => state.status);
  const pending = useSyncStore((state) => state.pending);
  const error = useSyncStore((state) => state.error);
  const { syncNow, pause, resume, dismissError } = useSyncStore((state) => state);
  const now = useNow();

  const look = status ? syncStateLook[status.state] : null;

  return (
    <Paper withBorder p="sm" component="section" aria-label="Sync">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600}>Sync</Text>
            {look && (
              <Badge color={look.color} variant="light" radius="sm" tt="none">
                {look.label}
              </Badge>
            )}
          </Group>
          <Text size="sm" c={status ? undefined : 'dimmed'}>
            {status?.message ?? 'Loading sync status…'}
          </Text>
          {status && (
            <Group gap="lg" wrap="wrap">
              <Fact label="Last sync" iso={status.lastSyncAt} fallback="Never" now={now} />
              <Fact
                label="Next sync"
                iso={status.nextSyncAt}
                fallback={status.paused ? 'Paused' : 'Not scheduled'}
                now={now}
              />
              <Text size="xs" c="dimmed">
                Interval{' '}
                <Text span size="xs" c="var(--mantine-color-text)" fw={500}>
                  every {status.intervalMinutes} min
                </Text>
              </Text>
            </Group>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            onClick={() => void syncNow()}
            loading={pending === 'sync:now'}
            disabled={!status || (pending !== null && pending !== 'sync:now')}
          >
            Sync now
          </Button>
          {status?.paused ? (
            <Button
              size="xs"
              variant="default"
              onClick={() => void resume()}
              loading={pending === 'sync:resume'}
              disabled={pending !== null && pending !== 'sync:resume'}
            >
              Resume
            </Button>
          ) : (
            <Button
              size="xs"
              variant="default"
              onClick={() => void pause()}
              loading={pending === 'sync:pause'}
              disabled={!status || (pending !== null && pending !== 'sync:pause')}
            >
              Pause
            </Button>
          )}
        </Group>
      </Group>
      {error && (
        <Stack mt="sm">
          <ApiErrorAlert title="Sync request failed" error={error} onClose={dismissError} />
        </Stack>
      )}
    </Paper>
  );
}

interface FactProps {
  label: string;
  iso: string | null;
  fallback: string;
  now: number;
}

function Fact({ label, iso, fallback, now }: FactProps) {
  const value = (
    <Text span size="xs" c="var(--mantine-color-text)" fw={500}>
      {formatRelativeTime(iso, fallback, now)}
    </Text>
  );
  return (
    <Text size="xs" c="dimmed">
      {label}{' '}
      {iso ? (
        <Tooltip label={formatFullTime(iso)} withArrow>
          {value}
        </Tooltip>
      ) : (
        value
      )}
    </Text>
  );
}
