import { Group, Paper, Stack, Text } from '@mantine/core';
import type { HealthReport } from '../../../src-preload/contract';
import { HourBarChart } from '../../components/hour-bar-chart';
import { formatRelativeTime } from '../../format/format-relative-time';
import { useHealthStore, useSyncStore } from '../../stores/stores-context';
import { ApiBudgetBar } from '../sync-log/api-budget-bar';
import { leadbridgeShareText, orgUsedAtHour } from './health-look';

/** The org's API usage today, Leadbridge's share of it, and Leadbridge's calls hour by hour. */
export function ApiUsageSection({ usage, now }: { usage: HealthReport['apiUsage']; now: number }) {
  const loading = useHealthStore((state) => state.loading);
  const load = useHealthStore((state) => state.load);
  const disconnected = useSyncStore((state) => state.status?.state === 'disconnected');
  const orgUsedBy = new Map(usage.hours.map((hour) => [hour.hour, hour.orgUsed]));
  return (
    <Group align="stretch" gap="sm" wrap="wrap">
      <Paper withBorder p="md" component="section" aria-labelledby="health-api-title" w={380}>
        <Stack gap="xs">
          <Text fw={600} id="health-api-title">
            API usage today
          </Text>
          <ApiBudgetBar usage={usage.org} />
          {usage.org && (
            <Text size="xs" c="dimmed">
              Every call of the org over a rolling 24 hours, as Salesforce reported it{' '}
              {formatRelativeTime(usage.org.measuredAt, 'never', now)}.
            </Text>
          )}
          <Text size="sm" data-testid="health-share">
            {leadbridgeShareText(usage)}
          </Text>
        </Stack>
      </Paper>
      <HourBarChart
        title="Leadbridge’s calls per hour"
        noun="API call"
        hours={usage.hours.map((hour) => ({ hour: hour.hour, count: hour.calls }))}
        emptyText={
          disconnected
            ? 'Calls appear here once an org is connected'
            : 'No API calls in the last 24 hours'
        }
        loading={loading}
        error={null}
        onRetry={() => void load()}
        detail={(bucket) => orgUsedAtHour(orgUsedBy.get(bucket.hour) ?? null)}
      />
    </Group>
  );
}
