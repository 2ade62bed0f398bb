import { Group, MultiSelect, Select } from '@mantine/core';
import { instanceStatuses, type InstanceStatus } from '../../../src-preload/contract';
import { SearchInput } from '../../components/search-input';
import { useInstancesStore, useMeetingTypesStore } from '../../stores/stores-context';
import { instanceStatusLook } from './instance-look';

const statusOptions = instanceStatuses.map((status) => ({
  value: status,
  label: instanceStatusLook(status).label,
}));

export function InstanceFilters() {
  const statuses = useInstancesStore((state) => state.statuses);
  const meetingTypeId = useInstancesStore((state) => state.meetingTypeId);
  const queryText = useInstancesStore((state) => state.queryText);
  const setStatuses = useInstancesStore((state) => state.setStatuses);
  const setMeetingType = useInstancesStore((state) => state.setMeetingType);
  const setQueryText = useInstancesStore((state) => state.setQueryText);
  const setQuery = useInstancesStore((state) => state.setQuery);
  const meetingTypes = useMeetingTypesStore((state) => state.meetingTypes);

  return (
    <Group gap="xs" wrap="wrap">
      <SearchInput
        label="Search instances"
        placeholder="Lead name, email or Id"
        value={queryText}
        onChange={setQueryText}
        onSubmit={(text) => void setQuery(text)}
        width={260}
      />
      <MultiSelect
        aria-label="Filter by status"
        placeholder={statuses.length === 0 ? 'All statuses' : undefined}
        data={statusOptions}
        value={statuses}
        onChange={(next) => void setStatuses(next as InstanceStatus[])}
        clearable
        size="xs"
        w={240}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        aria-label="Filter by meeting type"
        placeholder="All meeting types"
        data={meetingTypes.map((type) => ({ value: String(type.id), label: type.name }))}
        value={meetingTypeId === null ? null : String(meetingTypeId)}
        onChange={(value) => void setMeetingType(value === null ? null : Number(value))}
        clearable
        size="xs"
        w={200}
        comboboxProps={{ withinPortal: true }}
      />
    </Group>
  );
}
