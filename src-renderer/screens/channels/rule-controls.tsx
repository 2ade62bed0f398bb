import {
  Button,
  Checkbox,
  CloseButton,
  Group,
  SegmentedControl,
  Select,
  Text,
} from '@mantine/core';
import type {
  ActionProps,
  CombinatorSelectorProps,
  FieldSelectorProps,
  NotToggleProps,
  OperatorSelectorProps,
} from 'react-querybuilder';
import { toFlatOptionArray } from 'react-querybuilder';
import type { ConditionOperator } from '../../../src-preload/contract';
import { pathKey } from './channel-look';
import { OPERATOR_LOOKS } from './condition-operators';
import { fieldInfoOf } from './rule-value-editor';

/** What the builder hands every control besides react-querybuilder's own props. */
export interface RuleBuilderContext {
  /** Validation messages by the path of their rule or group (see pathKey). */
  errors: Map<string, string[]>;
}

function errorsAt(context: unknown, path: readonly number[]): string[] {
  return (context as RuleBuilderContext | undefined)?.errors.get(pathKey(path)) ?? [];
}

/** A rule's or group's problems on a line of their own below it (the row wraps). */
function InlineErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert" data-testid="rule-error" style={{ flexBasis: '100%' }}>
      {messages.map((message) => (
        <Text key={message} size="xs" c="red.7">
          {message}
        </Text>
      ))}
    </div>
  );
}

/** Fields by label with the API name beside it; searching finds either. */
export function FieldSelector(props: FieldSelectorProps) {
  const data = toFlatOptionArray(props.options).map((option) => {
    const info = fieldInfoOf(option);
    const name = option.name;
    return {
      value: name,
      label: info && info.label !== name ? `${info.label} (${name})` : name,
      apiName: name,
      fieldLabel: info?.label ?? name,
    };
  });
  // A field renamed or deleted in Salesforce stays visible, so the admin sees what to replace.
  if (props.value && !data.some((item) => item.value === props.value)) {
    data.unshift({
      value: props.value,
      label: `${props.value} (not in Salesforce)`,
      apiName: props.value,
      fieldLabel: `${props.value} (not in Salesforce)`,
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
      nothingFoundMessage="No Lead field by that name"
      data={data}
      value={props.value ?? null}
      onChange={(picked) => picked && props.handleOnChange(picked)}
      allowDeselect={false}
      disabled={props.disabled}
      data-testid={props.testID}
      renderOption={({ option }) => {
        const item = byValue.get(option.value);
        return (
          <Group
            gap={8}
            wrap="nowrap"
            justify="space-between"
            w="100%"
            data-api-name={option.value}
          >
            <Text size="xs">{item?.fieldLabel ?? option.value}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {option.value}
            </Text>
          </Group>
        );
      }}
    />
  );
}

export function OperatorSelector(props: OperatorSelectorProps) {
  const data = toFlatOptionArray(props.options).map((option) => ({
    value: option.name,
    label: option.label,
  }));
  // An operator the field no longer offers stays visible beside its error.
  const current = props.value as ConditionOperator | undefined;
  if (current && !data.some((item) => item.value === current)) {
    data.unshift({ value: current, label: OPERATOR_LOOKS[current]?.label ?? current });
  }
  return (
    <Select
      aria-label="Operator"
      size="xs"
      w={170}
      data={data}
      value={props.value ?? null}
      onChange={(picked) => picked && props.handleOnChange(picked)}
      allowDeselect={false}
      disabled={props.disabled}
      data-testid={props.testID}
    />
  );
}

export function CombinatorSelector(props: CombinatorSelectorProps) {
  return (
    <SegmentedControl
      aria-label="Match"
      size="xs"
      data={[
        { value: 'and', label: 'All of these (AND)' },
        { value: 'or', label: 'Any of these (OR)' },
      ]}
      value={props.value ?? 'and'}
      onChange={props.handleOnChange}
      disabled={props.disabled}
      data-testid={props.testID}
    />
  );
}

export function NotToggle(props: NotToggleProps) {
  return (
    <Checkbox
      size="xs"
      label="Not"
      aria-label="Not: the group matches when its rules do not"
      checked={props.checked ?? false}
      onChange={(event) => props.handleOnChange(event.currentTarget.checked)}
      disabled={props.disabled}
      data-testid={props.testID}
    />
  );
}

/** Add buttons read as words; remove buttons are a cross, with the problems of what they remove. */
export function ActionButton(props: ActionProps) {
  if (props.testID === 'remove-rule' || props.testID === 'remove-group') {
    return (
      <>
        <CloseButton
          size="sm"
          aria-label={props.title}
          title={props.title}
          onClick={(event) => props.handleOnClick(event)}
          disabled={props.disabled}
          data-testid={props.testID}
        />
        <InlineErrors messages={errorsAt(props.context, props.path)} />
      </>
    );
  }
  return (
    <Button
      size="compact-xs"
      variant="light"
      title={props.title}
      onClick={(event) => props.handleOnClick(event)}
      disabled={props.disabled}
      data-testid={props.testID}
    >
      {props.label}
    </Button>
  );
}
