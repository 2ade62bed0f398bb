import { Group, Stack, Text } from '@mantine/core';
import { LabelledProgress } from '../../components/labelled-progress';
import type { SyncStatus } from '../../../src-preload/contract';
import { apiUsageLook } from '../../format/api-usage-look';
import { formatRelativeTime } from '../../format/format-relative-time';

interface ApiUsageMeterProps {
  usage: SyncStatus['apiUsage'];
  now: number;
}

export function ApiUsageMeter({ usage, now }: ApiUsageMeterProps) {
  if (!usage) {
    return (
      <Text size="sm" c="dimmed">
        Not measured yet: Salesforce reports it with Leadbridge’s first API call.
      </Text>
    );
  }
  const look = apiUsageLook(usage.used, usage.max);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500} data-testid="api-usage-label">
          {look.label}
        </Text>
        <Text size="xs" c="dimmed">
          measured {formatRelativeTime(usage.measuredAt, 'never', now)}
        </Text>
      </Group>
      <LabelledProgress
        value={look.percent}
        color={look.color}
        size="lg"
        label="API usage today"
        valueText={look.label}
      />
      {look.color !== 'blue' && (
        <Text size="xs" c={look.color === 'red' ? 'red' : 'yellow'}>
          {look.color === 'red'
            ? 'Nearly all of today’s API calls are used: Salesforce refuses calls, sync included, once none are left.'
            : 'Most of today’s API calls are used. Other integrations in the org share this allocation.'}
        </Text>
      )}
    </Stack>
  );
}
