import { Text, Tooltip } from '@mantine/core';
import { formatFullTime } from '../../format/format-log-time';
import { formatRelativeTime } from '../../format/format-relative-time';

interface TimeFactProps {
  iso: string | null;
  fallback: string;
  now: number;
}

/** "3 minutes ago", with the exact local time on hover. */
export function TimeFact({ iso, fallback, now }: TimeFactProps) {
  const text = (
    <Text span size="sm">
      {formatRelativeTime(iso, fallback, now)}
    </Text>
  );
  if (!iso) return text;
  return (
    <Tooltip label={formatFullTime(iso)} withArrow>
      {text}
    </Tooltip>
  );
}
