import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useNow } from '../../components/use-now';
import { useHealthStore } from '../../stores/stores-context';
import { ApiUsageSection } from './api-usage-section';
import { BacklogAndReconcile } from './backlog-and-reconcile';
import { ErrorGroupsSection } from './error-groups-section';

/** Is the sync healthy? API usage, recent errors, the outbox backlog, the last reconciliation. */
export function HealthScreen() {
  const start = useHealthStore((state) => state.start);
  const report = useHealthStore((state) => state.report);
  const error = useHealthStore((state) => state.error);
  // The report's own time when the window's clock is behind it (it ticks every 30 s):
  // an error logged a moment ago is never "in 2 seconds".
  const now = Math.max(useNow(), report ? Date.parse(report.at) : 0);

  // Followed only while open: every error logged re-reads the whole report.
  useEffect(() => start(), [start]);

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} fz="xl">
          Sync health
        </Title>
        <Text size="sm" c="dimmed">
          How Leadbridge’s link with Salesforce is doing: the org’s API calls and Leadbridge’s part
          of them, what went wrong this week and what to do about it, what waits to be written, and
          what the last reconciliation found.
        </Text>
      </div>
      {error && <ApiErrorAlert title="Could not read the sync health" error={error} />}
      {report ? (
        <>
          <ApiUsageSection usage={report.apiUsage} now={now} />
          <ErrorGroupsSection errors={report.errors} now={now} />
          <BacklogAndReconcile report={report} now={now} />
        </>
      ) : (
        !error && (
          <Center h={200}>
            <Loader size="sm" aria-label="Loading the sync health" />
          </Center>
        )
      )}
    </Stack>
  );
}
