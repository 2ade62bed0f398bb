import { Chip, Group, Text } from '@mantine/core';

/** How a value shows as a chip or a badge: its word, its colour, and what it means on hover. */
export interface ChipLook {
  /** The filter's and the badge's word. */
  label: string;
  color: string;
  hint: string;
}

/**
 * Chips that filter a list by a state, each with how many rows are in that state;
 * none chosen shows every row, and "Show all" clears the choice.
 */
export function CountChipFilter<V extends string>({
  label,
  shown,
  looks,
  counts,
  value,
  onChange,
}: {
  /** What the chips choose, for a screen reader: "Show items that are". */
  label: string;
  /** The values in the order a person reads them. */
  shown: readonly V[];
  looks: Record<V, ChipLook>;
  counts: Record<V, number> | null;
  value: V[];
  onChange(value: V[]): void;
}) {
  return (
    <Chip.Group multiple value={value} onChange={(picked) => onChange(picked as V[])}>
      <Group gap={6} aria-label={label}>
        {shown.map((each) => (
          <Chip
            key={each}
            value={each}
            size="xs"
            color={looks[each].color}
            title={looks[each].hint}
          >
            {looks[each].label} {(counts?.[each] ?? 0).toLocaleString()}
          </Chip>
        ))}
        {value.length > 0 && (
          <Text
            size="xs"
            c="blue"
            component="button"
            type="button"
            onClick={() => onChange([])}
            style={{ background: 'none', border: 0, cursor: 'pointer' }}
          >
            Show all
          </Text>
        )}
      </Group>
    </Chip.Group>
  );
}
