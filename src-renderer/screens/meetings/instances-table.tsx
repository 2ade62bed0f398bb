import { Center, Loader, Table, Text, Tooltip } from '@mantine/core';
import type { InstanceSummary } from '../../../src-preload/contract';
import { formatFullTime } from '../../format/format-log-time';
import { formatShortTime } from '../../format/format-short-time';
import { INSTANCES_PAGE_SIZE } from '../../stores/instances-store';
import {
  useInstanceHistoryStore,
  useInstancesStore,
  useMeetingTypesStore,
} from '../../stores/stores-context';
import classes from '../leads/leads-table.module.css';
import { causeText, emptyInstancesText } from './instance-look';
import { InstanceStatusBadge } from './instance-status-badge';
import { LoadMoreButton } from '../../components/load-more-button';

export function InstancesTable() {
  const instances = useInstancesStore((state) => state.instances);
  const total = useInstancesStore((state) => state.total);
  const loaded = useInstancesStore((state) => state.loaded);
  const loading = useInstancesStore((state) => state.loading);
  const loadingMore = useInstancesStore((state) => state.loadingMore);
  const loadMore = useInstancesStore((state) => state.loadMore);
  const filtered = useInstancesStore(
    (state) => state.statuses.length > 0 || state.meetingTypeId !== null || state.query !== '',
  );
  const hasMeetingTypes = useMeetingTypesStore((state) => state.meetingTypes.length > 0);
  const open = useInstanceHistoryStore((state) => state.open);

  if (instances.length === 0) {
    return (
      <Center py={48} px="md" className={classes.empty}>
        {!loaded || loading ? (
          <Loader size="sm" aria-label="Loading instances" />
        ) : (
          <Text size="sm" c="dimmed" ta="center" maw={520} data-testid="instances-empty">
            {emptyInstancesText({ filtered, hasMeetingTypes })}
          </Text>
        )}
      </Center>
    );
  }

  return (
    <>
      <Table
        stickyHeader
        stickyHeaderOffset="var(--app-shell-header-offset, 0px)"
        highlightOnHover
        verticalSpacing={6}
        fz="sm"
        aria-label="Instances"
        aria-busy={loading}
        className={classes.table}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="26%">Lead</Table.Th>
            <Table.Th w="18%">Meeting type</Table.Th>
            <Table.Th w="16%">Status</Table.Th>
            <Table.Th w="40%">Last change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {instances.map((instance) => (
            <InstanceRow
              key={instance.id}
              instance={instance}
              onOpen={() => void open(instance.id)}
            />
          ))}
        </Table.Tbody>
      </Table>
      <LoadMoreButton
        shown={instances.length}
        total={total}
        pageSize={INSTANCES_PAGE_SIZE}
        loading={loadingMore}
        onLoad={() => void loadMore()}
      />
    </>
  );
}

function InstanceRow({ instance, onOpen }: { instance: InstanceSummary; onOpen(): void }) {
  const change = instance.lastChange;
  return (
    <Table.Tr onClick={onOpen} className={classes.row} data-instance-id={instance.id}>
      <Table.Td className={classes.cell}>
        {/* A real button, so the row opens from the keyboard too. */}
        <button type="button" className={classes.nameButton} aria-haspopup="dialog">
          {instance.name ?? instance.recordId}
        </button>
        <Text size="xs" c="dimmed" className={classes.cell}>
          {instance.email ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td className={classes.cell}>{instance.meetingType.name}</Table.Td>
      <Table.Td>
        <InstanceStatusBadge status={instance.status} />
      </Table.Td>
      <Table.Td className={classes.cell}>
        <Tooltip label={formatFullTime(change.at)} withArrow openDelay={300}>
          <Text size="sm" span>
            {formatShortTime(change.at)}
          </Text>
        </Tooltip>
        <Text size="xs" c="dimmed" className={classes.cell}>
          {causeText(change.cause)}: {change.reason}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
