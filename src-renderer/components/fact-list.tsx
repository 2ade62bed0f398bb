import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
}

/** Label / value rows as a description list, so each value is read with its label. */
interface FactListProps {
  facts: Fact[];
  labelWidth?: number;
}

export function FactList({ facts, labelWidth = 140 }: FactListProps) {
  return (
    <Box
      component="dl"
      m={0}
      style={{
        display: 'grid',
        gridTemplateColumns: `${labelWidth}px minmax(0, 1fr)`,
        columnGap: 'var(--mantine-spacing-sm)',
        rowGap: 6,
        alignItems: 'baseline',
      }}
    >
      {facts.map((fact) => (
        <FactRow key={fact.label} {...fact} />
      ))}
    </Box>
  );
}

function FactRow({ label, value }: Fact) {
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Box component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {typeof value === 'string' ? <Text size="sm">{value}</Text> : value}
      </Box>
    </>
  );
}
