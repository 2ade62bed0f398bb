import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import type {
  BookingField,
  FieldMapping,
  MappingError,
  MappingField,
} from '../../../src-preload/contract';
import {
  MAPPING_KEY,
  offeredFields,
  rowForField,
  splitErrors,
  type MappedObject,
  type WriteModes,
} from '../../stores/mapping-rules';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useMappingStore } from '../../stores/stores-context';
import { valueKindOf } from '../channels/condition-operators';
import { LeadFieldSelect } from '../channels/lead-field-select';
import { ScalarInput } from '../channels/rule-value-editor';
import { BOOKING_FIELD_LABELS, whenWritten } from './mapping-look';
import { ActionsColumnHeader } from '../../components/actions-column-header';

const FIXED = 'fixed';

/** One object's rows: Salesforce field ← a booking fact or a fixed value, with their errors. */
export function MappingRowsEditor({ object, modes }: { object: MappedObject; modes: WriteModes }) {
  const rows = useMappingStore((state) => state.draft[MAPPING_KEY[object]]);
  const fields = useMappingStore((state) => state.fields[object]);
  const errors = useMappingStore((state) => state.errors);
  const fieldsError = useMappingStore((state) => state.fieldsErrors[object]);
  const setRows = useMappingStore((state) => state.setRows);
  const offered = useMemo(() => offeredFields(fields, modes), [fields, modes]);
  const byName = useMemo(() => new Map(fields.map((field) => [field.name, field])), [fields]);
  const { byRow, whole } = useMemo(() => splitErrors(errors, object), [errors, object]);

  const replace = (index: number, row: FieldMapping) =>
    setRows(
      object,
      rows.map((r, i) => (i === index ? row : r)),
    );
  const remove = (index: number) =>
    setRows(
      object,
      rows.filter((_, i) => i !== index),
    );
  const used = new Set(rows.map((row) => row.field));
  const unused = offered.filter((field) => !used.has(field.name));
  // A required field still unmapped is the one the admin most likely needs next.
  const next = unused.find((field) => field.required && modes.create) ?? unused[0];

  return (
    <Paper withBorder p="md" component="section" aria-label={`${object} fields to fill`}>
      <Stack gap="sm">
        <div>
          <Title order={3} fz="md">
            {object} fields
          </Title>
          <Text size="xs" c="dimmed">
            {modesText(object, modes)} Only {offeredText(modes)} fields are offered.
          </Text>
        </div>
        {fieldsError && (
          <ApiErrorAlert title={`${object} fields could not be read`} error={fieldsError} />
        )}
        {whole.length > 0 && (
          <Alert color="red" variant="light" py="xs" data-testid={`mapping-errors-${object}`}>
            <List size="sm" spacing={2}>
              {whole.map((error) => {
                const missing =
                  error.code === 'REQUIRED_FIELD_UNMAPPED' && error.field !== null
                    ? byName.get(error.field)
                    : undefined;
                return (
                  <List.Item key={`${error.code}-${error.field ?? ''}`}>
                    {error.message}{' '}
                    {missing && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setRows(object, [...rows, rowForField(missing)])}
                      >
                        Map {missing.label}
                      </Button>
                    )}
                  </List.Item>
                );
              })}
            </List>
          </Alert>
        )}
        {rows.length > 0 && (
          <Table verticalSpacing={6} fz="sm" aria-label={`${object} mapping`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="32%">Salesforce field</Table.Th>
                <Table.Th>From the booking</Table.Th>
                <Table.Th w={170}>Written when</Table.Th>
                <ActionsColumnHeader w={36} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => (
                <MappingRow
                  key={index}
                  object={object}
                  index={index}
                  row={row}
                  field={byName.get(row.field)}
                  offered={offered}
                  modes={modes}
                  errors={byRow.get(index) ?? []}
                  onChange={(changed) => replace(index, changed)}
                  onRemove={() => remove(index)}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <Button
            size="compact-xs"
            variant="light"
            disabled={!next}
            onClick={() => next && setRows(object, [...rows, rowForField(next)])}
          >
            + Field
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

interface MappingRowProps {
  object: MappedObject;
  index: number;
  row: FieldMapping;
  field: MappingField | undefined;
  offered: MappingField[];
  modes: WriteModes;
  errors: MappingError[];
  onChange(row: FieldMapping): void;
  onRemove(): void;
}

function MappingRow({
  object,
  index,
  row,
  field,
  offered,
  modes,
  errors,
  onChange,
  onRemove,
}: MappingRowProps) {
  const { source } = row;
  const facts = field?.bookingFields ?? [];
  // A fact that no longer fits stays visible, with its error, so the admin sees what to change.
  const shownFacts =
    source.kind === 'booking' && !facts.includes(source.field) ? [...facts, source.field] : facts;
  const setSource = (picked: string) => {
    if (picked === FIXED) {
      const first = field?.picklistValues.find((entry) => entry.active)?.value;
      onChange({ ...row, source: { kind: 'fixed', value: first ?? '' } });
    } else {
      const fact = picked as BookingField;
      onChange({
        ...row,
        source:
          fact === 'answer'
            ? { kind: 'booking', field: fact, label: '' }
            : { kind: 'booking', field: fact },
      });
    }
  };

  return (
    <Table.Tr data-mapping-row={`${object}-${index}`} style={{ verticalAlign: 'top' }}>
      <Table.Td>
        <LeadFieldSelect
          objectName={object}
          fields={offered}
          value={row.field}
          onChange={(name) => {
            const picked = offered.find((candidate) => candidate.name === name);
            if (picked) onChange(rowForField(picked));
          }}
        />
        <Group gap={6} mt={4}>
          <Text size="xs" c="dimmed">
            {field ? `${field.type}${field.length ? `(${field.length})` : ''}` : 'unknown'}
          </Text>
          {field?.required && (
            <Badge
              size="xs"
              color="red"
              variant="light"
              radius="sm"
              tt="none"
              title="Must be given when creating"
            >
              Required
            </Badge>
          )}
        </Group>
        {errors.map((error) => (
          <Text
            key={error.code}
            size="xs"
            c="red"
            mt={4}
            role="alert"
            data-testid="mapping-row-error"
          >
            {error.message}
          </Text>
        ))}
      </Table.Td>
      <Table.Td>
        <Group gap={6} align="flex-start" wrap="wrap">
          <Select
            aria-label="From"
            size="xs"
            w={220}
            data={[
              ...shownFacts.map((fact) => ({ value: fact, label: BOOKING_FIELD_LABELS[fact] })),
              { value: FIXED, label: 'A fixed value' },
            ]}
            value={source.kind === 'fixed' ? FIXED : source.field}
            onChange={(picked) => picked && setSource(picked)}
            allowDeselect={false}
          />
          {source.kind === 'booking' && source.field === 'answer' && (
            <TextInput
              aria-label="Question"
              size="xs"
              w={220}
              placeholder="The question’s label, as on the form"
              value={source.label ?? ''}
              onChange={(event) =>
                onChange({ ...row, source: { ...source, label: event.currentTarget.value } })
              }
            />
          )}
          {source.kind === 'fixed' && (
            <ScalarInput
              kind={valueKindOf(field)}
              info={field}
              value={source.value}
              onChange={(value) =>
                onChange({
                  ...row,
                  source: {
                    kind: 'fixed',
                    value: Array.isArray(value) ? (value[0] ?? null) : value,
                  },
                })
              }
              label="Fixed value"
            />
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {/* Level with the text in the row's inputs. */}
        <Text size="xs" c="dimmed" pt={6}>
          {whenWritten(field, modes)}
        </Text>
      </Table.Td>
      <Table.Td>
        <CloseButton size="sm" aria-label={`Remove ${row.field}`} onClick={onRemove} />
      </Table.Td>
    </Table.Tr>
  );
}

function modesText(object: MappedObject, modes: WriteModes): string {
  if (modes.create && modes.overwrite)
    return `Written on a ${object} Leadbridge creates and on one it finds.`;
  if (modes.create)
    return `Written on a ${object} Leadbridge creates; a ${object} found is left untouched.`;
  if (modes.overwrite) return `Written on a ${object} Leadbridge finds (it never creates one).`;
  return `Not written: creating and overwriting are both off (only the Event is added).`;
}

function offeredText(modes: WriteModes): string {
  if (modes.create && modes.overwrite) return 'createable or updateable';
  if (modes.create) return 'createable';
  if (modes.overwrite) return 'updateable';
  return 'writable';
}
