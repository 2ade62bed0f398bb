import { useMemo } from 'react';
import QueryBuilder, {
  toFlatOptionArray,
  type Field,
  type RuleGroupType,
  type RuleType,
} from 'react-querybuilder';
import type {
  ChannelRuleError,
  ConditionFieldInfo,
  ConditionGroup,
  ConditionOperator,
} from '../../../src-preload/contract';
import { errorsByPath } from './channel-look';
import { blankValue, operatorOptions, valueKindOf } from './condition-operators';
import {
  ActionButton,
  CombinatorSelector,
  FieldSelector,
  NotToggle,
  OperatorSelector,
  type RuleBuilderContext,
} from './rule-controls';
import classes from './rule-builder.module.css';
import { fieldInfoOf, RuleValueEditor } from './rule-value-editor';

interface RuleBuilderProps {
  fields: ConditionFieldInfo[];
  conditions: ConditionGroup;
  errors: ChannelRuleError[];
  onChange(conditions: ConditionGroup): void;
}

const controlElements = {
  fieldSelector: FieldSelector,
  operatorSelector: OperatorSelector,
  combinatorSelector: CombinatorSelector,
  valueEditor: RuleValueEditor,
  notToggle: NotToggle,
  addRuleAction: ActionButton,
  addGroupAction: ActionButton,
  removeRuleAction: ActionButton,
  removeGroupAction: ActionButton,
};

const controlClassnames = {
  ruleGroup: classes.ruleGroup,
  header: classes.header,
  body: classes.body,
  rule: classes.rule,
};

const translations = {
  addRule: { label: '+ Rule', title: 'Add a rule to this group' },
  addGroup: { label: '+ Group', title: 'Add a group of rules inside this one' },
  removeRule: { label: '×', title: 'Remove this rule' },
  removeGroup: { label: '×', title: 'Remove this group and its rules' },
};

/**
 * Conditions as react-querybuilder edits them (the contract's groups are its RuleGroupType),
 * with fields and operators from the org's describe and the host's errors at each rule.
 */
export function RuleBuilder({ fields, conditions, errors, onChange }: RuleBuilderProps) {
  const builderFields = useMemo(
    () =>
      fields
        .filter((field) => field.operators.length > 0)
        .sort((a, b) => a.label.localeCompare(b.label))
        .map((info): Field => ({ name: info.name, label: info.label, info })),
    [fields],
  );
  const context = useMemo<RuleBuilderContext>(() => ({ errors: errorsByPath(errors) }), [errors]);

  return (
    <QueryBuilder
      fields={builderFields}
      query={conditions as RuleGroupType}
      onQueryChange={(query) => onChange(query as ConditionGroup)}
      getDefaultField={(options) =>
        preferredField(toFlatOptionArray(options).map((option) => option.name))
      }
      getOperators={(_field, { fieldData }) => operatorOptions(fieldInfoOf(fieldData))}
      getDefaultOperator={(_field, { fieldData }) => fieldInfoOf(fieldData)?.operators[0] ?? 'is'}
      getDefaultValue={(rule: RuleType, { fieldData }) =>
        blankValue(rule.operator as ConditionOperator, valueKindOf(fieldInfoOf(fieldData)))
      }
      resetOnOperatorChange
      showNotToggle
      addRuleToNewGroups
      controlElements={controlElements}
      controlClassnames={controlClassnames}
      translations={translations}
      context={context}
    />
  );
}

/** A new rule starts on Status, the field most channels are about, when the org has it. */
function preferredField(names: string[]): string {
  return names.includes('Status') ? 'Status' : (names[0] ?? '');
}
