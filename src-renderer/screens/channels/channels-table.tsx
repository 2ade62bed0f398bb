import { Alert, Badge, Button, Group, Switch, Table, Text, Tooltip } from '@mantine/core';
import type { Channel } from '../../../src-preload/contract';
import { formatFullTime } from '../../format/format-log-time';
import { formatRelativeTime } from '../../format/format-relative-time';
import { useNow } from '../../components/use-now';
import { useChannelEditorStore, useChannelsStore } from '../../stores/stores-context';
import {
  channelRowLook,
  describeEffect,
  enableBlocker,
  KIND_COLORS,
  KIND_LABELS,
} from './channel-look';
import { ActionsColumnHeader } from '../../components/actions-column-header';

/** One meeting type's channels: whether each is on, what it does, and how often it fired. */
export function ChannelsTable({ channels }: { channels: Channel[] }) {
  return (
    <Table fz="sm" verticalSpacing={6} aria-label="Channels">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={80}>Enabled</Table.Th>
          <Table.Th w="30%">Channel</Table.Th>
          <Table.Th w={100}>Kind</Table.Th>
          <Table.Th>Does</Table.Th>
          <Table.Th w={120}>Last fired</Table.Th>
          <Table.Th w={70}>Fired</Table.Th>
          <ActionsColumnHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {channels.map((channel) => (
          <ChannelRow key={channel.id} channel={channel} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ChannelRow({ channel }: { channel: Channel }) {
  const setEnabled = useChannelsStore((state) => state.setEnabled);
  const busy = useChannelsStore((state) => state.busyChannelId === channel.id);
  const actionError = useChannelsStore((state) =>
    state.actionError?.channelId === channel.id ? state.actionError : null,
  );
  const dismiss = useChannelsStore((state) => state.dismissActionError);
  const openExisting = useChannelEditorStore((state) => state.openExisting);
  const fields = useChannelsStore((state) => state.fields);
  const now = useNow(30_000);
  const blocker = channel.enabled ? null : enableBlocker(channel);
  const look = channelRowLook(channel);

  return (
    <>
      <Table.Tr data-channel-id={channel.id}>
        <Table.Td>
          <Tooltip label={blocker} disabled={blocker === null} multiline w={300} withArrow>
            <span>
              <Switch
                aria-label={`Enable ${channel.name}`}
                checked={channel.enabled}
                disabled={busy || blocker !== null}
                onChange={(event) => void setEnabled(channel.id, event.currentTarget.checked)}
              />
            </span>
          </Tooltip>
        </Table.Td>
        <Table.Td>
          <Text size="sm" fw={600}>
            {channel.name}
          </Text>
          <Text size="xs" lineClamp={2} title={look.conditions} data-testid="channel-conditions">
            {look.conditions}
          </Text>
          <Text size="xs" c="dimmed" data-testid="channel-trigger">
            {look.trigger} · version {channel.version}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge variant="light" radius="sm" tt="none" color={KIND_COLORS[channel.kind]}>
            {KIND_LABELS[channel.kind]}
          </Badge>
        </Table.Td>
        <Table.Td data-testid="channel-effect">
          {describeEffect(channel, channel.meetingTypeName, fields)}
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {channel.lastFiredAt ? (
            <Text size="sm" title={formatFullTime(channel.lastFiredAt)}>
              {formatRelativeTime(channel.lastFiredAt, 'never', now)}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              never
            </Text>
          )}
        </Table.Td>
        <Table.Td data-testid="fire-count">{channel.fireCount.toLocaleString()}</Table.Td>
        <Table.Td>
          <Group justify="flex-end">
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => openExisting(channel)}
              aria-label={`Edit ${channel.name}`}
            >
              Edit
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {(channel.disabledReason || actionError || blocker) && (
        <Table.Tr>
          <Table.Td colSpan={7} pt={0}>
            {channel.disabledReason && (
              <Alert
                color="red"
                variant="light"
                py={6}
                title="Leadbridge disabled this channel"
                data-testid="disabled-reason"
              >
                <Text size="sm">{channel.disabledReason}</Text>
              </Alert>
            )}
            {!channel.disabledReason && blocker && (
              <Text size="xs" c="red">
                {blocker}
              </Text>
            )}
            {actionError && (
              <Alert
                color="red"
                variant="light"
                py={6}
                withCloseButton
                closeButtonLabel="Dismiss"
                onClose={dismiss}
                mt={4}
              >
                <Text size="sm">{actionError.message}</Text>
              </Alert>
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
