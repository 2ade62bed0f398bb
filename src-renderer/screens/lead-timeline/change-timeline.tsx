import { Badge, Group, Text, Timeline, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import type { LeadChange } from '../../../src-preload/contract';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { changeLook, newestFirst } from './change-look';

interface ChangeTimelineProps {
  changes: LeadChange[];
  /** What else to show under a change (the channels' decisions on it). */
  renderBelow?: (change: LeadChange) => ReactNode;
}

export function ChangeTimeline({ changes, renderBelow }: ChangeTimelineProps) {
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes recorded yet. Each sync that finds this Lead changed in Salesforce adds an entry
        here.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label="Changes" data-testid="lead-changes">
      {newestFirst(changes).map((change) => {
        const look = changeLook(change);
        return (
          <Timeline.Item
            key={change.id}
            data-change-id={change.id}
            color={look.color}
            title={
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {look.title}
                  </Text>
                  <Badge size="xs" variant="light" color={look.color} radius="sm" tt="none">
                    {look.kindLabel}
                  </Badge>
                </Group>
                <Tooltip label={formatFullTime(change.detectedAt)} withArrow>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatLogTime(change.detectedAt)}
                  </Text>
                </Tooltip>
              </Group>
            }
          >
            {look.values && (
              <Text size="sm" mt={2} style={{ overflowWrap: 'anywhere' }}>
                <Text span c="dimmed">
                  {look.values.from}
                </Text>
                {' → '}
                <Text span fw={500}>
                  {look.values.to}
                </Text>
              </Text>
            )}
            {renderBelow?.(change)}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
