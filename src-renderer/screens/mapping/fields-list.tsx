import {
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { formatShortTime } from '../../format/format-short-time';
import type { MappedObject } from '../../stores/mapping-rules';
import { useMappingStore } from '../../stores/stores-context';
import { matchesFieldFilter } from './mapping-look';

const yes = (on: boolean) => (on ? 'Yes' : '—');

/** Every Lead and Contact field, as Salesforce describes it, and which channels use it. */
export function FieldsList() {
  const [object, setObject] = useState<MappedObject>('Lead');
  const [filter, setFilter] = useState('');
  const fields = useMappingStore((state) => state.fields[object]);
  const describedAt = useMappingStore((state) => state.describedAt[object]);
  const shown = useMemo(
    () => fields.filter((field) => matchesFieldFilter(field, filter)),
    [fields, filter],
  );

  return (
    <Paper withBorder p="md" component="section" aria-label="Salesforce fields">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={3} fz="md">
              Salesforce fields
            </Title>
            <Text size="xs" c="dimmed">
              {describedAt
                ? `As Salesforce described them ${formatShortTime(describedAt)}.`
                : 'Not described yet.'}
            </Text>
          </div>
          <Group gap="sm">
            <SegmentedControl
              size="xs"
              aria-label="Object"
              data={['Lead', 'Contact']}
              value={object}
              onChange={(value) => setObject(value as MappedObject)}
            />
            <TextInput
              size="xs"
              w={220}
              aria-label="Filter fields"
              placeholder="Label or API name"
              value={filter}
              onChange={(event) => setFilter(event.currentTarget.value)}
            />
          </Group>
        </Group>
        <Table fz="sm" verticalSpacing={4} striped aria-label={`${object} fields`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>API name</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Createable</Table.Th>
              <Table.Th>Updateable</Table.Th>
              <Table.Th>Formula</Table.Th>
              <Table.Th>Used by channels</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((field) => (
              <Table.Tr key={field.name} data-field={field.name}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm">{field.label}</Text>
                    {field.required && (
                      <Badge size="xs" color="red" variant="light" radius="sm" tt="none">
                        Required
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {field.name}
                </Table.Td>
                <Table.Td>
                  {field.type}
                  {field.length ? `(${field.length})` : ''}
                </Table.Td>
                <Table.Td>{yes(field.createable)}</Table.Td>
                <Table.Td>{yes(field.updateable)}</Table.Td>
                <Table.Td>{yes(field.calculated)}</Table.Td>
                <Table.Td>
                  {object === 'Contact'
                    ? '—'
                    : field.usedByChannels.map((channel) => channel.name).join(', ') || '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {shown.length === 0 && (
          <Text size="sm" c="dimmed">
            {fields.length === 0 ? 'No field known yet.' : 'No field matches.'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
