import { Badge, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { HealthErrorGroup, HealthReport } from '../../../src-preload/contract';
import { describeLogEntry } from '../../format/describe-log-entry';
import { formatFullTime } from '../../format/format-log-time';
import { formatRelativeTime } from '../../format/format-relative-time';
import { useHealthStore } from '../../stores/stores-context';
import { errorMessage, retryLabel, timesText } from './health-look';

/** The last 7 days' errors, one row per reason, newest first. */
export function ErrorGroupsSection({
  errors,
  now,
}: {
  errors: HealthReport['errors'];
  now: number;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="health-errors-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} fz="md" id="health-errors-title">
            Errors in the last 7 days
          </Title>
          <Text size="xs" c="dimmed">
            grouped by reason, newest first
          </Text>
        </Group>
        {errors.groups.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="health-no-errors">
            No errors in the last 7 days. Failed syncs, writes Salesforce refused and bookings that
            could not be posted appear here, grouped by reason, with what to do and a Retry where
            one helps.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {errors.groups.map((group) => (
              <ErrorGroupRow key={group.code} group={group} now={now} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ErrorGroupRow({ group, now }: { group: HealthErrorGroup; now: number }) {
  const retrying = useHealthStore((state) => state.retrying);
  const note = useHealthStore((state) => state.retryNotes[group.code]);
  const retry = useHealthStore((state) => state.retry);
  const { newest } = group;
  // A Lead's name where the entry knows it, else what the entry is about.
  const about = describeLogEntry(newest).subject;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      bg="var(--mantine-color-red-0)"
      aria-label={`${group.code}, ${timesText(group.count)}`}
      data-testid="health-error-group"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge color="red" variant="filled" radius="sm" tt="none">
              {group.code}
            </Badge>
            <Text size="sm" fw={600}>
              {timesText(group.count)}
            </Text>
            <Text size="xs" c="dimmed" title={formatFullTime(newest.time)}>
              latest {formatRelativeTime(newest.time, 'never', now)}
            </Text>
          </Group>
          <Text size="sm" data-testid="health-error-message">
            {errorMessage(newest.details, group.code)}
          </Text>
          <Text size="xs" c="dimmed">
            In{' '}
            {group.kinds.map((kind, index) => (
              <span key={kind}>
                {index > 0 && ', '}
                <Code fz="xs">{kind}</Code>
              </span>
            ))}
            {about && <> · latest about {about}</>}
          </Text>
          {note && (
            <Text size="xs" c={note.failed ? 'red.8' : 'teal.8'} data-testid="health-retry-note">
              {note.text}
            </Text>
          )}
        </Stack>
        {group.retry && (
          <Button
            size="xs"
            variant="white"
            color="red"
            style={{ flexShrink: 0 }}
            loading={retrying === group.code}
            disabled={retrying !== null && retrying !== group.code}
            onClick={() => void retry(group)}
          >
            {retryLabel(group.retry)}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
