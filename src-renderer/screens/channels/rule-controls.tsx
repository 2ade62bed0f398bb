import { Button, Checkbox, CloseButton, SegmentedControl, Select, Text } from '@mantine/core';
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
import { LeadFieldSelect } from './lead-field-select';
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
        <Text key={message} size="xs" c="red">
          {message}
        </Text>
      ))}
    </div>
  );
}

/** The builder's fields, picked as everywhere else Lead fields are picked. */
export function FieldSelector(props: FieldSelectorProps) {
  const fields = toFlatOptionArray(props.options).map((option) => ({
    name: option.name,
    label: fieldInfoOf(option)?.label ?? option.name,
  }));
  return (
    <LeadFieldSelect
      fields={fields}
      value={props.value ?? null}
      onChange={props.handleOnChange}
      disabled={props.disabled}
      testID={props.testID}
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
