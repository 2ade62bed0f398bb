import { MultiSelect } from '@mantine/core';
import { logKindPrefixes } from '../../stores/log-kind-filter';
import { useLogStore } from '../../stores/stores-context';

const options = logKindPrefixes.map((prefix) => ({ value: prefix, label: prefix }));

export function LogKindSelect() {
  const kinds = useLogStore((state) => state.kinds);
  const setKinds = useLogStore((state) => state.setKinds);

  return (
    <MultiSelect
      aria-label="Filter by kind"
      placeholder={kinds.length === 0 ? 'All kinds' : undefined}
      data={options}
      value={kinds}
      onChange={(next) => void setKinds(next)}
      clearable
      size="xs"
      w={170}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
