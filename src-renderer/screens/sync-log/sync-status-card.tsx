import { Badge, Divider, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useNow } from '../../components/use-now';
import { formatFullTime } from '../../format/format-log-time';
import { formatRelativeTime } from '../../format/format-relative-time';
import { reconcileCost, reconcileDrift } from '../../format/reconcile-look';
import { syncProgressLook } from '../../format/format-sync-progress';
import { hostAwayLook, hostAwayMessage, syncStatusLook } from '../../format/sync-state-look';
import { ConnectionLinkText } from '../../components/connection-link-text';
import { useHostLinkStore, useSyncStore } from '../../stores/stores-context';
import { ApiBudgetBar } from './api-budget-bar';
import { lastRunNote } from './last-run-note';
import { NextSyncCountdown } from './next-sync-countdown';
import { OutboxNote } from './outbox-note';
import { SyncButtons } from './sync-buttons';
import { SyncFact } from './sync-fact';
import { SyncProgressBar } from './sync-progress-bar';

export function SyncStatusCard() {
  const status = useSyncStore((state) => state.status);
  const error = useSyncStore((state) => state.error);
  const dismissError = useSyncStore((state) => state.dismissError);
  const answering = useHostLinkStore((state) => state.link.state === 'open');
  const now = useNow();

  const look = !answering ? hostAwayLook : status ? syncStatusLook(status) : null;
  const syncing = answering && status?.state === 'syncing';
  const progress = syncing && status?.progress ? syncProgressLook(status.progress) : null;
  // While a sync runs, the progress figures say more than the host's one-line message, unless
  // that message says a call failed and is being asked again.
  const message = !answering
    ? `${hostAwayMessage} The figures below are from before it stopped.`
    : ((status?.retry ? null : progress?.label) ?? status?.message ?? 'Loading sync status…');

  return (
    <Paper withBorder p="md" component="section" aria-label="Sync" style={{ flex: 1, minWidth: 0 }}>
      {/* In a narrow window the buttons go below the message rather than squeeze it. */}
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600}>Sync</Text>
            {look && (
              <Badge color={look.color} variant="light" radius="sm" tt="none">
                {look.label}
              </Badge>
            )}
          </Group>
          <Text
            size="sm"
            c={!status ? 'dimmed' : answering && status.state === 'error' ? 'red.8' : undefined}
            data-testid="sync-message"
          >
            <ConnectionLinkText text={message} />
          </Text>
        </Stack>
        <SyncButtons />
      </Group>

      {syncing && (
        <Stack mt="sm">
          <SyncProgressBar look={progress} />
        </Stack>
      )}

      {error && (
        <Stack mt="sm">
          <ApiErrorAlert title="Sync request failed" error={error} onClose={dismissError} />
        </Stack>
      )}

      {status && (
        <>
          <Divider my="sm" />
          <SimpleGrid minColWidth="8.5rem" autoFlow="auto-fit" spacing="lg">
            <SyncFact
              label="Last sync"
              note={status.lastRun ? lastRunNote(status.lastRun) : undefined}
            >
              {status.lastSyncAt ? (
                <Tooltip label={formatFullTime(status.lastSyncAt)} withArrow>
                  {/* The clock ticks every 30 s: a sync that just ended is newer than it. */}
                  <span>
                    {formatRelativeTime(
                      status.lastSyncAt,
                      'Never',
                      Math.max(now, Date.parse(status.lastSyncAt)),
                    )}
                  </span>
                </Tooltip>
              ) : (
                'Never'
              )}
            </SyncFact>
            <SyncFact label="Schedule" note={`Every ${status.intervalMinutes} min`}>
              {answering ? <NextSyncCountdown status={status} /> : 'Unknown'}
            </SyncFact>
            <SyncFact label="Cached leads">
              <span data-testid="cached-leads">{status.cachedLeads.toLocaleString()}</span>
            </SyncFact>
            <SyncFact label="API usage today">
              <ApiBudgetBar usage={status.apiUsage} />
            </SyncFact>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="sm" data-testid="last-reconcile">
            {status.lastReconcile
              ? `Last reconcile ${formatRelativeTime(
                  status.lastReconcile.at,
                  'just now',
                  Math.max(now, Date.parse(status.lastReconcile.at)),
                )}: ${reconcileDrift(status.lastReconcile)} · ${reconcileCost(status.lastReconcile)}`
              : `Not reconciled yet. ${status.state === 'disconnected' ? 'Once an org is connected, ' : ''}Leadbridge compares every Lead with Salesforce daily, or when you click Reconcile now.`}
          </Text>
          <OutboxNote />
        </>
      )}
    </Paper>
  );
}
