import { MultiSelect } from '@mantine/core';
import { useMemo } from 'react';
import { logKindOptions } from '../../format/log-kind-options';
import { useLogStore } from '../../stores/stores-context';

/** Only the kinds the log holds can match: offering others would show an empty log. */
export function LogKindSelect() {
  const kinds = useLogStore((state) => state.kinds);
  const presentKinds = useLogStore((state) => state.presentKinds);
  const setKinds = useLogStore((state) => state.setKinds);
  const options = useMemo(() => logKindOptions(presentKinds), [presentKinds]);

  return (
    <MultiSelect
      aria-label="Filter by kind"
      placeholder={kinds.length === 0 ? 'All kinds' : undefined}
      data={options}
      value={kinds}
      onChange={(next) => void setKinds(next)}
      nothingFoundMessage="Nothing logged yet"
      searchable
      clearable
      size="xs"
      w={220}
      comboboxProps={{ withinPortal: true, width: 280, position: 'bottom-end' }}
    />
  );
}
