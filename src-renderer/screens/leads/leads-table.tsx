import { Badge, Center, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import type { LeadSummary } from '../../../src-preload/contract';
import { formatFullTime } from '../../format/format-log-time';
import { formatShortTime } from '../../format/format-short-time';
import { LEADS_PAGE_SIZE } from '../../stores/leads-store';
import { useLeadsStore, useLeadTimelineStore } from '../../stores/stores-context';
import { leadMarks } from './lead-marks';
import classes from './leads-table.module.css';
import { LoadMoreButton } from '../../components/load-more-button';

export function LeadsTable() {
  const leads = useLeadsStore((state) => state.leads);
  const total = useLeadsStore((state) => state.total);
  const query = useLeadsStore((state) => state.query);
  const loaded = useLeadsStore((state) => state.loaded);
  const loading = useLeadsStore((state) => state.loading);
  const loadingMore = useLeadsStore((state) => state.loadingMore);
  const loadMore = useLeadsStore((state) => state.loadMore);
  const open = useLeadTimelineStore((state) => state.open);

  if (leads.length === 0) {
    return (
      <Center py={48} px="md" className={classes.empty}>
        {!loaded || loading ? (
          <Loader size="sm" aria-label="Loading leads" />
        ) : (
          <Text size="sm" c="dimmed" ta="center">
            {query === ''
              ? 'No leads cached yet. Connect an org; the first sync imports your Leads.'
              : `No cached lead matches “${query}”.`}
          </Text>
        )}
      </Center>
    );
  }

  return (
    <>
      <Table
        stickyHeader
        // The page scrolls under the app's fixed header; the table's header stops below it.
        stickyHeaderOffset="var(--app-shell-header-offset, 0px)"
        highlightOnHover
        verticalSpacing={6}
        fz="sm"
        aria-label="Leads"
        aria-busy={loading}
        className={classes.table}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="18%">Name</Table.Th>
            <Table.Th w="28%">Email</Table.Th>
            <Table.Th w="18%">Company</Table.Th>
            <Table.Th w="18%">Status</Table.Th>
            <Table.Th w="18%">Last modified</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => (
            <LeadRow key={lead.id} lead={lead} onOpen={() => void open(lead.id)} />
          ))}
        </Table.Tbody>
      </Table>
      <LoadMoreButton
        shown={leads.length}
        total={total}
        pageSize={LEADS_PAGE_SIZE}
        loading={loadingMore}
        onLoad={() => void loadMore()}
      />
    </>
  );
}

function LeadRow({ lead, onOpen }: { lead: LeadSummary; onOpen(): void }) {
  const dash = (value: string | null) => value ?? '—';
  return (
    <Table.Tr onClick={onOpen} className={classes.row} data-lead-id={lead.id}>
      <Table.Td className={classes.cell}>
        {/* A real button, so the row opens from the keyboard too. */}
        <button type="button" className={classes.nameButton} aria-haspopup="dialog">
          {lead.name ?? lead.id}
        </button>
      </Table.Td>
      <Table.Td className={classes.cell}>{dash(lead.email)}</Table.Td>
      <Table.Td className={classes.cell}>{dash(lead.company)}</Table.Td>
      <Table.Td className={classes.cell}>
        <Group gap={6} wrap="nowrap">
          <span className={classes.cell}>{dash(lead.status)}</span>
          {leadMarks(lead).map((mark) => (
            <Tooltip key={mark.label} label={mark.hint} withArrow openDelay={300}>
              <Badge size="xs" variant="light" color={mark.color} radius="sm" tt="none">
                {mark.label}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      </Table.Td>
      <Table.Td className={classes.cell}>
        <Tooltip label={formatFullTime(lead.systemModstamp)} withArrow openDelay={300}>
          <span>{formatShortTime(lead.systemModstamp)}</span>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}
