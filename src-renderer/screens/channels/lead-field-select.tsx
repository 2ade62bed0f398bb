import { Group, Select, Text } from '@mantine/core';

interface LeadFieldSelectProps {
  /** The fields to offer, by API name with their label. */
  fields: readonly { name: string; label: string }[];
  value: string | null;
  onChange(name: string): void;
  disabled?: boolean;
  testID?: string;
  /** The object the fields belong to, for the "nothing found" line (Lead by default). */
  objectName?: string;
}

/**
 * Lead fields by label with the API name beside it; searching finds either. The rule builder
 * and an Update channel's writes pick fields with it, so both read the same.
 */
export function LeadFieldSelect({
  fields,
  value,
  onChange,
  disabled,
  testID,
  objectName = 'Lead',
}: LeadFieldSelectProps) {
  const data = fields.map((field) => ({
    value: field.name,
    label: field.label !== field.name ? `${field.label} (${field.name})` : field.name,
    fieldLabel: field.label,
  }));
  // A field renamed or deleted in Salesforce stays visible, so the admin sees what to replace.
  if (value && !data.some((item) => item.value === value)) {
    data.unshift({
      value,
      label: `${value} (not in Salesforce)`,
      fieldLabel: `${value} (not in Salesforce)`,
    });
  }
  const byValue = new Map(data.map((item) => [item.value, item]));
  return (
    <Select
      aria-label="Field"
      size="xs"
      w={260}
      searchable
      placeholder="Choose a field"
      nothingFoundMessage={`No ${objectName} field by that name`}
      data={data}
      value={value || null}
      onChange={(picked) => picked && onChange(picked)}
      allowDeselect={false}
      disabled={disabled}
      data-testid={testID}
      renderOption={({ option }) => (
        <Group gap={8} wrap="nowrap" justify="space-between" w="100%" data-api-name={option.value}>
          <Text size="xs">{byValue.get(option.value)?.fieldLabel ?? option.value}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {option.value}
          </Text>
        </Group>
      )}
    />
  );
}
