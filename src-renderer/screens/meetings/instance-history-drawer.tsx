import {
  Button,
  Center,
  Divider,
  Drawer,
  Loader,
  Stack,
  Text,
  Timeline,
  Tooltip,
} from '@mantine/core';
import { useEffect } from 'react';
import type { InstanceHistoryEntry, InstanceSummary } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FactList } from '../../components/fact-list';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { useInstanceHistoryStore, useLeadTimelineStore } from '../../stores/stores-context';
import { AttemptButtons } from './attempt-buttons';
import { causeText, instanceStatusLook } from './instance-look';
import { InstanceStatusBadge } from './instance-status-badge';
import { StatusChangeForm } from './status-change-form';

export function InstanceHistoryDrawer() {
  const instanceId = useInstanceHistoryStore((state) => state.instanceId);
  const history = useInstanceHistoryStore((state) => state.history);
  const loading = useInstanceHistoryStore((state) => state.loading);
  const error = useInstanceHistoryStore((state) => state.error);
  const close = useInstanceHistoryStore((state) => state.close);
  const open = useInstanceHistoryStore((state) => state.open);

  // A drawer left open on this screen should not greet the user again on the next visit.
  useEffect(() => close, [close]);

  return (
    <Drawer
      opened={instanceId !== null}
      onClose={close}
      position="right"
      size={480}
      title={
        <Text fw={600} size="lg" component="span">
          {history ? (history.instance.name ?? history.instance.recordId) : 'Instance'}
        </Text>
      }
      closeButtonProps={{ 'aria-label': 'Close the history' }}
    >
      {error ? (
        <Stack gap="sm" align="flex-start">
          <ApiErrorAlert title="Could not load this instance" error={error} />
          {instanceId !== null && (
            <Button size="xs" variant="default" onClick={() => void open(instanceId)}>
              Try again
            </Button>
          )}
        </Stack>
      ) : !history ? (
        <Center py="xl">{loading && <Loader size="sm" aria-label="Loading the history" />}</Center>
      ) : (
        <Stack gap="md">
          <InstanceFacts instance={history.instance} />
          <StatusChangeForm key={history.instance.id} instance={history.instance} />
          <AttemptButtons instance={history.instance} />
          <Divider label={`History (${history.history.length})`} labelPosition="left" />
          <HistoryTimeline entries={history.history} />
        </Stack>
      )}
    </Drawer>
  );
}

function InstanceFacts({ instance }: { instance: InstanceSummary }) {
  const openLead = useLeadTimelineStore((state) => state.open);
  const dash = (value: string | null) => value ?? '—';
  const time = (value: string | null) => (value ? formatFullTime(value) : '—');
  return (
    <FactList
      labelWidth={120}
      facts={[
        { label: 'Status', value: <InstanceStatusBadge status={instance.status} /> },
        { label: 'Meeting type', value: instance.meetingType.name },
        { label: 'Email', value: dash(instance.email) },
        {
          label: instance.recordKind === 'lead' ? 'Lead Id' : 'Contact Id',
          value: (
            <Text size="sm" ff="monospace">
              {instance.recordId}
            </Text>
          ),
        },
        ...(instance.bookedStart
          ? [
              {
                label: 'Meeting',
                value: `${time(instance.bookedStart)} – ${time(instance.bookedEnd)}`,
              },
              { label: 'Host', value: dash(instance.hostEmail) },
              { label: 'Meeting URL', value: dash(instance.meetingUrl) },
            ]
          : []),
        { label: 'Opened', value: time(instance.openedAt) },
        ...(instance.closedAt ? [{ label: 'Closed', value: time(instance.closedAt) }] : []),
        ...(instance.recordKind === 'lead'
          ? [
              {
                label: 'Lead',
                value: (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => void openLead(instance.recordId)}
                  >
                    Show the Lead’s timeline
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function HistoryTimeline({ entries }: { entries: InstanceHistoryEntry[] }) {
  return (
    <Timeline
      bulletSize={12}
      lineWidth={2}
      aria-label="Status history"
      data-testid="instance-history"
    >
      {entries.map((entry) => {
        const look = instanceStatusLook(entry.to);
        return (
          <Timeline.Item
            key={entry.id}
            color={look.color}
            title={
              <Text size="sm" fw={600}>
                {entry.from
                  ? `${instanceStatusLook(entry.from).label} → ${look.label}`
                  : `Started as ${look.label}`}
              </Text>
            }
          >
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {entry.reason}
            </Text>
            <Tooltip label={formatFullTime(entry.at)} withArrow>
              <Text size="xs" c="dimmed">
                {causeText(entry.cause)} · {formatLogTime(entry.at)}
              </Text>
            </Tooltip>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
