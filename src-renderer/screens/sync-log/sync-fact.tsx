import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface SyncFactProps {
  label: string;
  children: ReactNode;
  /** A smaller line under the value: how long, how many, how often. */
  note?: ReactNode;
}

/** One labelled figure of the status card; the label is a real label for screen readers. */
export function SyncFact({ label, children, note }: SyncFactProps) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }} role="group" aria-label={label}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text component="div" size="sm" fw={500}>
        {children}
      </Text>
      {note && (
        <Text component="div" size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Stack>
  );
}
