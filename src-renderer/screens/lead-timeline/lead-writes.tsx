import { Anchor, Badge, Divider, Group, Stack, Text, Tooltip } from '@mantine/core';
import { hashForRoute } from '../../app/routes';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { describeConflict, describeOutboxWrite } from '../../format/outbox-words';
import { useLeadOutboxStore } from '../../stores/stores-context';
import { describeOutcome, OUTBOX_STATE_LOOKS } from '../outbox/outbox-look';

/** What Leadbridge wrote (or will write) to this Lead in Salesforce, and how each went. */
export function LeadWrites() {
  const items = useLeadOutboxStore((state) => state.items);
  const total = useLeadOutboxStore((state) => state.total);
  const error = useLeadOutboxStore((state) => state.error);

  if (items.length === 0 && !error) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Written to Salesforce">
      <Divider label={`Written to Salesforce (${total.toLocaleString()})`} labelPosition="left" />
      {error && <ApiErrorAlert title="Could not load what was written" error={error} />}
      {items.map((item) => {
        const look = OUTBOX_STATE_LOOKS[item.state];
        const when = item.finishedAt ?? item.createdAt;
        return (
          <Stack key={item.id} gap={0} data-testid="lead-write">
            <Group gap={6} wrap="nowrap">
              <Badge
                size="xs"
                color={look.color}
                variant="light"
                tt="none"
                radius="sm"
                style={{ flexShrink: 0 }}
              >
                {look.label}
              </Badge>
              <Text size="xs" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {describeOutboxWrite(item)}
              </Text>
            </Group>
            <Text size="xs" c={item.state === 'failed' ? 'red' : 'dimmed'}>
              {describeOutcome(item, formatLogTime)} ·{' '}
              <Tooltip label={formatFullTime(when)} withArrow>
                <span>{formatLogTime(when)}</span>
              </Tooltip>
            </Text>
            {item.conflicts.map((conflict) => (
              <Text key={conflict.field} size="xs" c="orange">
                {describeConflict(conflict)}
              </Text>
            ))}
          </Stack>
        );
      })}
      {total > items.length && (
        <Anchor href={hashForRoute('outbox')} size="xs">
          {(total - items.length).toLocaleString()} older in the Outbox →
        </Anchor>
      )}
    </Stack>
  );
}
