import {
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import type { OutboxItem } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { describeConflict, describeOutboxWrite, outboxSubject } from '../../format/outbox-words';
import { plural } from '../../format/plural';
import { useLeadTimelineStore, useOutboxStore } from '../../stores/stores-context';
import { causeText } from '../meetings/instance-look';
import { canDiscard, canRetry, describeOutcome, OUTBOX_STATE_LOOKS } from './outbox-look';
import { LoadMoreButton } from '../../components/load-more-button';
import { OUTBOX_PAGE_SIZE } from '../../stores/outbox-store';

/** The outbox's items, newest first, with Retry and Discard on the ticked ones. */
export function OutboxTable() {
  const items = useOutboxStore((state) => state.items);
  const total = useOutboxStore((state) => state.total);
  const loaded = useOutboxStore((state) => state.loaded);
  const loading = useOutboxStore((state) => state.loading);
  const loadingMore = useOutboxStore((state) => state.loadingMore);
  const loadMore = useOutboxStore((state) => state.loadMore);
  const filtered = useOutboxStore((state) => state.states.length > 0);
  const selected = useOutboxStore((state) => state.selected);
  const setSelected = useOutboxStore((state) => state.setSelected);
  const actionable = items.filter((item) => canRetry(item) || canDiscard(item));
  const allTicked = actionable.length > 0 && actionable.every((i) => selected.includes(i.id));

  return (
    <Paper withBorder component="section" aria-label="Outbox items">
      <SelectionBar />
      {items.length === 0 ? (
        <Center py={40} px="md">
          {!loaded || loading ? (
            <Loader size="sm" aria-label="Loading the outbox" />
          ) : (
            <Text size="sm" c="dimmed" ta="center" maw={520} data-testid="outbox-empty">
              {filtered
                ? 'No item in these states. Show all to see every item.'
                : 'Nothing written yet. Update channels and activity logging put their writes here: enable one in Channels, or mark an instance booked in Meetings.'}
            </Text>
          )}
        </Center>
      ) : (
        <Table fz="sm" verticalSpacing={6} aria-label="Outbox" aria-busy={loading} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>
                <Checkbox
                  size="xs"
                  aria-label="Tick every item that can be retried or discarded"
                  checked={allTicked}
                  indeterminate={!allTicked && selected.length > 0}
                  disabled={actionable.length === 0}
                  onChange={() => setSelected(allTicked ? [] : actionable.map((item) => item.id))}
                />
              </Table.Th>
              <Table.Th w="20%">Record</Table.Th>
              <Table.Th w="30%">Writes</Table.Th>
              <Table.Th w={100}>State</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th w={110}>When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <OutboxRow key={item.id} item={item} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMoreButton
        shown={items.length}
        total={total}
        pageSize={OUTBOX_PAGE_SIZE}
        loading={loadingMore}
        onLoad={() => void loadMore()}
      />
    </Paper>
  );
}

function SelectionBar() {
  const selected = useOutboxStore((state) => state.selected);
  const items = useOutboxStore((state) => state.items);
  const acting = useOutboxStore((state) => state.acting);
  const note = useOutboxStore((state) => state.actionNote);
  const error = useOutboxStore((state) => state.actionError);
  const dismiss = useOutboxStore((state) => state.dismissActionError);
  const retry = useOutboxStore((state) => state.retrySelected);
  const discard = useOutboxStore((state) => state.discardSelected);
  const ticked = items.filter((item) => selected.includes(item.id));
  const retryable = ticked.length > 0 && ticked.every(canRetry);
  const discardable = ticked.length > 0 && ticked.every(canDiscard);

  return (
    <Stack gap={4} px="sm" py={8}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="outbox-selected">
          {ticked.length === 0
            ? 'Tick failed or conflicting items to retry them, or pending ones to discard them.'
            : `${plural(ticked.length, 'item')} ticked`}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            disabled={!retryable || (acting !== null && acting !== 'retry')}
            loading={acting === 'retry'}
            title={retryable ? undefined : 'Only failed and conflict items can be retried'}
            onClick={() => void retry()}
          >
            Retry
          </Button>
          <Button
            size="xs"
            color="red"
            variant="light"
            disabled={!discardable || (acting !== null && acting !== 'discard')}
            loading={acting === 'discard'}
            title={
              discardable ? undefined : 'Sent, skipped and discarded items cannot be discarded'
            }
            onClick={() => void discard()}
          >
            Discard
          </Button>
        </Group>
      </Group>
      {note && (
        <Alert color="teal" variant="light" py={4} data-testid="outbox-action-note">
          <Text size="xs">{note}</Text>
        </Alert>
      )}
      {error && <ApiErrorAlert title="The outbox did not change" error={error} onClose={dismiss} />}
    </Stack>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const ticked = useOutboxStore((state) => state.selected.includes(item.id));
  const toggle = useOutboxStore((state) => state.toggle);
  const openLead = useLeadTimelineStore((state) => state.open);
  const look = OUTBOX_STATE_LOOKS[item.state];
  const actionable = canRetry(item) || canDiscard(item);
  const when = item.finishedAt ?? item.createdAt;
  const subject = outboxSubject(item);
  const leadId = subject.leadId;

  return (
    <Table.Tr data-outbox-item-id={item.id}>
      <Table.Td>
        <Checkbox
          size="xs"
          aria-label={`Tick item ${item.id}`}
          checked={ticked}
          disabled={!actionable}
          onChange={(event) => toggle(item.id, event.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        {leadId === null ? (
          <Text size="sm">{subject.text}</Text>
        ) : (
          <Button
            size="compact-xs"
            variant="subtle"
            px={0}
            onClick={() => void openLead(leadId)}
            title="Show the Lead’s timeline"
          >
            {subject.text}
          </Button>
        )}
        <Text size="xs" c="dimmed">
          {causeText(item.cause)}
        </Text>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{describeOutboxWrite(item)}</Table.Td>
      <Table.Td>
        <Tooltip label={look.hint} withArrow multiline w={240}>
          <Badge color={look.color} variant="light" radius="sm" tt="none">
            {look.label}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={item.state === 'failed' ? 'red' : undefined}>
          {describeOutcome(item, formatLogTime)}
        </Text>
        {item.conflicts.map((conflict) => (
          <Text key={conflict.field} size="xs" c="orange" data-testid="outbox-conflict">
            {describeConflict(conflict)}
          </Text>
        ))}
        {item.error && item.state !== 'pending' && (
          <Text size="xs" c="dimmed" ff="monospace">
            {item.error.code}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={formatFullTime(when)} withArrow>
          <Text size="sm" span>
            {formatLogTime(when)}
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}
