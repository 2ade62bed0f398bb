import { Box, Stack, Text } from '@mantine/core';
import type { SyncStatus } from '../../../src-preload/contract';
import { apiUsageLook } from '../../format/api-usage-look';
import { LabelledProgress } from '../../components/labelled-progress';

type ApiUsage = NonNullable<SyncStatus['apiUsage']>;

/**
 * Today's API calls against the org's allocation, with a tick at Leadbridge's own cap: the
 * point where background sync pauses to leave calls for the org's other integrations.
 */
export function ApiBudgetBar({ usage }: { usage: ApiUsage | null }) {
  if (!usage) {
    return (
      <Stack gap={2}>
        <Text size="sm">Not measured yet</Text>
        <Text size="xs" c="dimmed">
          Salesforce reports it at the first sync
        </Text>
      </Stack>
    );
  }
  const look = apiUsageLook(usage.used, usage.max);
  const overCap = look.percent >= usage.capPercent;
  const color = overCap ? 'red' : look.color;
  const cap = Math.min(100, Math.max(0, usage.capPercent));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} data-testid="sync-api-usage">
        {look.label}
      </Text>
      <Box pos="relative" maw={220}>
        <LabelledProgress
          value={look.percent}
          color={color}
          size="sm"
          label="API usage today"
          valueText={`${look.label}; background sync pauses at ${usage.capPercent}%`}
        />
        <Box
          aria-hidden
          pos="absolute"
          top={-3}
          bottom={-3}
          w={2}
          bg="var(--mantine-color-gray-7)"
          style={{ left: `calc(${cap}% - 1px)`, borderRadius: 1 }}
        />
      </Box>
      <Text size="xs" c={overCap ? 'red' : 'dimmed'}>
        {overCap
          ? `Over the ${usage.capPercent}% cap: only Sync now runs today`
          : `Background sync pauses at ${usage.capPercent}%`}
      </Text>
    </Stack>
  );
}
