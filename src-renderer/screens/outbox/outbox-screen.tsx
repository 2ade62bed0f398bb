import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CountChipFilter } from '../../components/count-chip-filter';
import { useOutboxStore } from '../../stores/stores-context';
import { LeadTimelineDrawer } from '../lead-timeline/lead-timeline-drawer';
import { OUTBOX_STATE_LOOKS, OUTBOX_STATES_SHOWN, reasonLabel } from './outbox-look';
import { OutboxStatusLine } from './outbox-status-line';
import { OutboxTable } from './outbox-table';

/** Everything Leadbridge writes to Salesforce: what waits, what went, and what needs a person. */
export function OutboxScreen() {
  const load = useOutboxStore((state) => state.load);
  const refreshStatus = useOutboxStore((state) => state.refreshStatus);
  const error = useOutboxStore((state) => state.error);

  // The worker drains in the background: open on the current state.
  useEffect(() => {
    void load();
    void refreshStatus();
  }, [load, refreshStatus]);

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} fz="xl">
          Outbox
        </Title>
        <Text size="sm" c="dimmed">
          Everything Leadbridge writes to Salesforce: Lead fields from Update channels, and Tasks
          and Events on the Lead. Failed writes wait here for you to fix the cause and retry.
        </Text>
      </div>
      <Paper withBorder p="sm" component="section" aria-label="Outbox status">
        <Stack gap="xs">
          <OutboxStatusLine />
          <StateFilter />
          <Reasons />
        </Stack>
      </Paper>
      {error && <ApiErrorAlert title="Could not read the outbox" error={error} />}
      <OutboxTable />
      <LeadTimelineDrawer showOpenInLeads />
    </Stack>
  );
}

/** The states as chips with their counts; none chosen shows every item. */
function StateFilter() {
  const states = useOutboxStore((state) => state.states);
  const counts = useOutboxStore((state) => state.counts ?? state.status?.counts ?? null);
  const setStates = useOutboxStore((state) => state.setStates);
  return (
    <CountChipFilter
      label="Show items that are"
      shown={OUTBOX_STATES_SHOWN}
      looks={OUTBOX_STATE_LOOKS}
      counts={counts}
      value={states}
      onChange={(picked) => void setStates(picked)}
    />
  );
}

/** Why items failed, conflicted or were skipped, by Salesforce's code, most frequent first. */
function Reasons() {
  const reasons = useOutboxStore((state) => state.reasons);
  if (reasons.length === 0) return null;
  const sorted = [...reasons].sort((a, b) => b.count - a.count);
  return (
    <Group gap={6} aria-label="Counts by reason" data-testid="outbox-reasons">
      <Text size="xs" c="dimmed">
        By reason:
      </Text>
      {sorted.map((reason) => (
        <Badge
          key={`${reason.state}:${reason.code}`}
          size="sm"
          variant="light"
          radius="sm"
          tt="none"
          color={OUTBOX_STATE_LOOKS[reason.state].color}
          title={reason.code}
        >
          {reasonLabel(reason)}: {reason.count.toLocaleString()}
        </Badge>
      ))}
    </Group>
  );
}
