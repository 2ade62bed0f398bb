import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { HealthReport } from '../../../src-preload/contract';
import { FactList } from '../../components/fact-list';
import { formatFullTime } from '../../format/format-log-time';
import { formatRelativeTime } from '../../format/format-relative-time';
import { reconcileCost, reconcileDrift } from '../../format/reconcile-look';
import { hashForRoute } from '../../app/routes';
import { nextReconcileText } from './health-look';

/** What waits to be written, and the daily comparison of every Lead with Salesforce. */
export function BacklogAndReconcile({ report, now }: { report: HealthReport; now: number }) {
  return (
    <Group align="stretch" gap="sm" wrap="wrap">
      <OutboxBacklog outbox={report.outbox} now={now} />
      <Reconciliation reconcile={report.reconcile} now={now} />
    </Group>
  );
}

function OutboxBacklog({ outbox, now }: { outbox: HealthReport['outbox']; now: number }) {
  const { counts } = outbox;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="health-outbox-title" w={380}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} fz="md" id="health-outbox-title">
            Outbox backlog
          </Title>
          <Anchor href={hashForRoute('outbox')} size="sm">
            Open Outbox
          </Anchor>
        </Group>
        <Text size="sm" data-testid="health-outbox-message">
          {outbox.message}
        </Text>
        <FactList
          labelWidth={150}
          facts={[
            { label: 'Waiting to be sent', value: counts.pending.toLocaleString() },
            { label: 'Failed (need Retry)', value: counts.failed.toLocaleString() },
            { label: 'Conflicts', value: counts.conflict.toLocaleString() },
            {
              label: 'Last write',
              value: formatRelativeTime(outbox.lastSentAt, 'nothing sent yet', now),
            },
          ]}
        />
      </Stack>
    </Paper>
  );
}

function Reconciliation({ reconcile, now }: { reconcile: HealthReport['reconcile']; now: number }) {
  const { last } = reconcile;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="health-reconcile-title" w={380}>
      <Stack gap="xs">
        <Title order={3} fz="md" id="health-reconcile-title">
          Last reconciliation
        </Title>
        {reconcile.running && (
          <Text size="sm" c="blue">
            Reconciling with Salesforce now…
          </Text>
        )}
        {last ? (
          <FactList
            labelWidth={110}
            facts={[
              {
                label: 'Ran',
                value: (
                  <span title={formatFullTime(last.at)}>
                    {formatRelativeTime(last.at, 'never', now)}
                  </span>
                ),
              },
              { label: 'Drift found', value: reconcileDrift(last) },
              { label: 'Cost', value: reconcileCost(last) },
              { label: 'Next', value: nextReconcileText(reconcile.dueAt, now) },
            ]}
          />
        ) : (
          <Text size="sm" c="dimmed" data-testid="health-no-reconcile">
            No reconciliation yet. Once a day Leadbridge compares every Lead Id and SystemModstamp
            with Salesforce and fixes what drifted; what it found appears here. Reconcile now on
            Sync &amp; Log runs one at once.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
