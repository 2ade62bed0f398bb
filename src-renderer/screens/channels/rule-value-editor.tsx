import { Group, MultiSelect, NumberInput, Select, TagsInput, Text, TextInput } from '@mantine/core';
import type { ValueEditorProps } from 'react-querybuilder';
import type {
  ConditionFieldInfo,
  ConditionOperator,
  ConditionScalar,
  RelativePeriod,
} from '../../../src-preload/contract';
import { OPERATOR_LOOKS, valueKindOf, type ValueKind } from './condition-operators';

const WIDTH = 220;

/** The field's describe, which the rule builder carries on each of its field options. */
export function fieldInfoOf(fieldData: unknown): ConditionFieldInfo | undefined {
  return (fieldData as { info?: ConditionFieldInfo } | undefined)?.info;
}

/** A value editor that fits the operator's shape and the field's type. */
export function RuleValueEditor(props: ValueEditorProps) {
  const info = fieldInfoOf(props.fieldData);
  const operator = props.operator as ConditionOperator;
  const shape = OPERATOR_LOOKS[operator]?.shape ?? 'one';
  const kind = valueKindOf(info);
  const onChange = props.handleOnChange as (value: unknown) => void;
  const value: unknown = props.value;

  switch (shape) {
    case 'none':
      return null;
    case 'one':
      return (
        <ScalarInput kind={kind} info={info} value={value} onChange={onChange} label="Value" />
      );
    case 'list':
      return <ListInput kind={kind} info={info} value={value} onChange={onChange} />;
    case 'pair': {
      const pair = Array.isArray(value) ? value : ['', ''];
      const between = operator === 'between';
      return (
        <Group gap={6} wrap="nowrap">
          <ScalarInput
            kind={kind}
            info={info}
            value={pair[0]}
            onChange={(first) => onChange([first, pair[1]])}
            label={between ? 'From' : 'Was'}
          />
          <Text size="sm" c="dimmed">
            {between ? 'and' : '→'}
          </Text>
          <ScalarInput
            kind={kind}
            info={info}
            value={pair[1]}
            onChange={(second) => onChange([pair[0], second])}
            label={between ? 'To' : 'Is now'}
          />
        </Group>
      );
    }
    case 'period':
      return <PeriodInput value={value} onChange={onChange} />;
  }
}

export interface InputProps {
  kind: ValueKind;
  /** Only its picklist values are read, so a Mapping row's field serves as well. */
  info: Pick<ConditionFieldInfo, 'picklistValues'> | undefined;
  value: unknown;
  onChange(value: ConditionScalar | ConditionScalar[]): void;
}

/** Picklist choices by API value (what rules compare), the label beside it when it differs. */
function picklistData(info: Pick<ConditionFieldInfo, 'picklistValues'> | undefined) {
  return (info?.picklistValues ?? []).map((entry) => ({
    value: entry.value,
    label: [
      entry.value,
      entry.label !== entry.value ? ` (${entry.label})` : '',
      entry.active ? '' : ' — inactive',
    ].join(''),
  }));
}

export function ScalarInput({
  kind,
  info,
  value,
  onChange,
  label,
}: InputProps & { label: string }) {
  const common = { 'aria-label': label, size: 'xs' as const, w: WIDTH };
  switch (kind) {
    case 'picklist':
    case 'multipicklist':
      return (
        <Select
          {...common}
          searchable
          placeholder="Pick a value"
          data={picklistData(info)}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(picked) => onChange(picked ?? '')}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          w={120}
          data={[
            { value: 'true', label: 'True' },
            { value: 'false', label: 'False' },
          ]}
          value={value === false ? 'false' : 'true'}
          onChange={(picked) => onChange(picked !== 'false')}
          allowDeselect={false}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          placeholder="A number"
          value={typeof value === 'number' ? value : ''}
          onChange={(number) => onChange(typeof number === 'number' ? number : '')}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'text':
      return (
        <TextInput
          {...common}
          placeholder="Some text"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

function ListInput({ kind, info, value, onChange }: InputProps) {
  const list = Array.isArray(value) ? value.map(String) : [];
  const common = { 'aria-label': 'Values', size: 'xs' as const, miw: WIDTH, maw: 420 };
  if (kind === 'picklist' || kind === 'multipicklist') {
    return (
      <MultiSelect
        {...common}
        searchable
        placeholder={list.length === 0 ? 'Pick values' : undefined}
        data={picklistData(info)}
        value={list}
        onChange={onChange}
      />
    );
  }
  return (
    <TagsInput
      {...common}
      placeholder={list.length === 0 ? 'Type a value, press Enter' : undefined}
      value={list}
      onChange={(typed) =>
        onChange(kind === 'number' ? typed.map(Number).filter(Number.isFinite) : typed)
      }
    />
  );
}

const UNITS: { value: RelativePeriod['unit']; label: string }[] = [
  { value: 'days', label: 'days' },
  { value: 'weeks', label: 'weeks' },
  { value: 'months', label: 'months' },
];

function PeriodInput({ value, onChange }: { value: unknown; onChange(value: unknown): void }) {
  const period = (value ?? {}) as Partial<RelativePeriod>;
  const unit = period.unit ?? 'days';
  return (
    <Group gap={6} wrap="nowrap">
      <NumberInput
        aria-label="How many"
        size="xs"
        w={80}
        min={1}
        max={1000}
        allowDecimal={false}
        value={period.amount ?? ''}
        onChange={(amount) => onChange({ amount: typeof amount === 'number' ? amount : 0, unit })}
      />
      <Select
        aria-label="Unit"
        size="xs"
        w={100}
        data={UNITS}
        value={unit}
        allowDeselect={false}
        onChange={(picked) => onChange({ amount: period.amount ?? 1, unit: picked ?? 'days' })}
      />
    </Group>
  );
}
