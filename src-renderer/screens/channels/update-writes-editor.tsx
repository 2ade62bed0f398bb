import {
  Button,
  Checkbox,
  CloseButton,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import {
  instanceStatuses,
  type ConditionFieldInfo,
  type ConditionScalar,
  type FieldWrite,
  type FieldWriteSource,
  type InstanceStatus,
} from '../../../src-preload/contract';
import { fromLocalInput, toLocalInput } from '../../format/local-date-time';
import { NEW_UPDATE_SPEC } from '../../stores/channel-editor-store';
import { useChannelEditorStore, useChannelsStore } from '../../stores/stores-context';
import { instanceStatusLook } from '../meetings/instance-look';
import { valueKindOf } from './condition-operators';
import { LeadFieldSelect } from './lead-field-select';
import { ScalarInput } from './rule-value-editor';
import {
  blankFixedValue,
  errorsByWrite,
  updateableFields,
  WRITE_SOURCE_LABELS,
  withSource,
  writeForField,
} from './update-writes';

/** A form field's problem, once the admin has changed it or tried to save or preview. */
function useUpdateError(field: 'statuses' | 'writes'): string | undefined {
  return useChannelEditorStore((state) =>
    state.attempted || state.touched[field] ? state.formErrors[field] : undefined,
  );
}

/** The statuses that fire an Update channel. */
export function UpdateStatusesSelect() {
  const statuses = useChannelEditorStore(
    (state) => (state.draft.update ?? NEW_UPDATE_SPEC).statuses,
  );
  const editUpdate = useChannelEditorStore((state) => state.editUpdate);
  const error = useUpdateError('statuses');
  return (
    <MultiSelect
      label="Fires when an instance becomes"
      description="Each time an instance of this meeting type enters one of these statuses"
      w={420}
      data={instanceStatuses.map((status) => ({
        value: status,
        label: instanceStatusLook(status).label,
      }))}
      value={statuses}
      onChange={(picked) => editUpdate({ statuses: picked as InstanceStatus[] })}
      error={error}
      required
    />
  );
}

/** An Update channel's writes: a row per Lead field, where its value comes from, and the value. */
export function UpdateWritesEditor() {
  const writes = useChannelEditorStore((state) => (state.draft.update ?? NEW_UPDATE_SPEC).writes);
  const ruleErrors = useChannelEditorStore((state) => state.ruleErrors);
  const editUpdate = useChannelEditorStore((state) => state.editUpdate);
  const fields = useChannelsStore((state) => state.fields);
  const offered = useMemo(() => updateableFields(fields), [fields]);
  const byName = useMemo(() => new Map(fields.map((field) => [field.name, field])), [fields]);
  const errors = useMemo(() => errorsByWrite(ruleErrors), [ruleErrors]);
  const formError = useUpdateError('writes');

  const replace = (index: number, write: FieldWrite) =>
    editUpdate({ writes: writes.map((w, i) => (i === index ? write : w)) });
  const remove = (index: number) => editUpdate({ writes: writes.filter((_, i) => i !== index) });
  const used = new Set(writes.map((write) => write.field));
  const unused = offered.filter((field) => !used.has(field.name));
  // Status first: "when booked, Status = Meeting Booked" is the channel most admins build.
  const nextField = unused.find((field) => field.name === 'Status') ?? unused[0];
  const add = () => nextField && editUpdate({ writes: [...writes, writeForField(nextField)] });

  return (
    <Stack gap="xs" component="section" aria-label="Fields to write">
      <Title order={3} fz="sm">
        Fields to write
      </Title>
      <Text size="xs" c="dimmed">
        Only the fields Salesforce lets Leadbridge update are offered. A field a person changed
        after Leadbridge decided is left alone and shown as a conflict in the Outbox.
      </Text>
      {writes.map((write, index) => (
        <WriteRow
          key={index}
          index={index}
          write={write}
          info={byName.get(write.field)}
          offered={offered}
          errors={errors.get(index) ?? []}
          onChange={(next) => replace(index, next)}
          onRemove={() => remove(index)}
        />
      ))}
      <Group gap="sm">
        <Button size="compact-xs" variant="light" onClick={add} disabled={!nextField}>
          + Field to write
        </Button>
        {formError && (
          <Text size="sm" c="red" role="alert">
            {formError}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

interface WriteRowProps {
  index: number;
  write: FieldWrite;
  info: ConditionFieldInfo | undefined;
  offered: ConditionFieldInfo[];
  errors: string[];
  onChange(write: FieldWrite): void;
  onRemove(): void;
}

function WriteRow({ index, write, info, offered, errors, onChange, onRemove }: WriteRowProps) {
  // A source the field no longer takes stays visible beside its error.
  const sources: FieldWriteSource[] = info?.writeSources.includes(write.source)
    ? info.writeSources
    : [write.source, ...(info?.writeSources ?? [])];
  return (
    <Paper withBorder p={6} data-testid="field-write" aria-label={`Write ${index + 1}`}>
      <Group gap={6} wrap="wrap" align="center">
        <LeadFieldSelect
          fields={offered}
          value={write.field}
          onChange={(name) => {
            const picked = offered.find((field) => field.name === name);
            if (picked) onChange(writeForField(picked));
          }}
        />
        <Text size="sm" c="dimmed">
          =
        </Text>
        <Select
          aria-label="Value from"
          size="xs"
          w={220}
          data={sources.map((source) => ({ value: source, label: WRITE_SOURCE_LABELS[source] }))}
          value={write.source}
          onChange={(source) =>
            source && onChange(withSource(write, source as FieldWriteSource, info))
          }
          allowDeselect={false}
        />
        {write.source === 'fixed' && (
          <FixedValueInput
            info={info}
            value={write.value ?? null}
            onChange={(value) => onChange({ ...write, value })}
          />
        )}
        <CloseButton
          size="sm"
          aria-label={`Remove write ${index + 1}`}
          title="Remove this field"
          onClick={onRemove}
          ml="auto"
        />
      </Group>
      {errors.length > 0 && (
        <div role="alert" data-testid="write-error">
          {errors.map((message) => (
            <Text key={message} size="xs" c="red">
              {message}
            </Text>
          ))}
        </div>
      )}
    </Paper>
  );
}

interface FixedValueInputProps {
  info: ConditionFieldInfo | undefined;
  value: ConditionScalar | null;
  onChange(value: ConditionScalar | null): void;
}

/**
 * A fixed value typed by the field: its picklist's values, a date, a date and time, a number,
 * true or false, or text; "Clear it" writes empty when the field may be empty.
 */
function FixedValueInput({ info, value, onChange }: FixedValueInputProps) {
  const clearing = value === null;
  return (
    <Group gap={6} wrap="nowrap">
      {!clearing &&
        (info?.type === 'datetime' ? (
          <TextInput
            aria-label="Value"
            size="xs"
            w={220}
            type="datetime-local"
            value={toLocalInput(typeof value === 'string' ? value : null)}
            onChange={(event) => onChange(fromLocalInput(event.currentTarget.value) ?? '')}
          />
        ) : (
          <ScalarInput
            kind={valueKindOf(info)}
            info={info}
            value={value}
            onChange={(next) => onChange(Array.isArray(next) ? (next[0] ?? '') : next)}
            label="Value"
          />
        ))}
      {info?.nillable && (
        <Checkbox
          size="xs"
          label="Clear it"
          checked={clearing}
          onChange={(event) => onChange(event.currentTarget.checked ? null : blankFixedValue(info))}
        />
      )}
    </Group>
  );
}
