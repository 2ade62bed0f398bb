import {
  CONDITION_LIMITS,
  measureConditions,
  type ChannelRuleError,
  type ConditionGroup,
  type ConditionRule,
} from '../../../src-preload/contract';
import type { LeadDescribe } from '../salesforce/lead-describe';
import { conditionFields, type ConditionField } from './field-kinds';
import { planRule, type RulePlan } from './rule-plan';

export function isGroup(node: ConditionRule | ConditionGroup): node is ConditionGroup {
  return 'rules' in node;
}

/**
 * Every problem in a channel's conditions against the cached describe, each at the
 * react-querybuilder path of its rule or group with a sentence saying what to do. Empty
 * when the channel can be compiled. Runs on save and again after every schema change.
 */
export function validateChannel(
  conditions: ConditionGroup,
  describe: LeadDescribe,
): ChannelRuleError[] {
  const { depth, rules } = measureConditions(conditions);
  if (depth > CONDITION_LIMITS.maxDepth) {
    return [
      {
        path: [],
        code: 'CONDITIONS_TOO_DEEP',
        message: `Groups are nested more than ${CONDITION_LIMITS.maxDepth} deep; flatten them.`,
      },
    ];
  }
  if (rules > CONDITION_LIMITS.maxRules) {
    return [
      {
        path: [],
        code: 'CONDITIONS_TOO_LARGE',
        message: `The conditions have more than ${CONDITION_LIMITS.maxRules} rules; split them over several channels.`,
      },
    ];
  }
  const errors: ChannelRuleError[] = [];
  planGroup(conditions, [], conditionFields(describe), errors);
  return errors;
}

/**
 * The plans of a group's rules in the group's own shape; problems go to `errors`.
 * Shared by validation and compilation so they cannot disagree.
 */
export type PlannedGroup = {
  combinator: 'and' | 'or';
  not: boolean;
  rules: (RulePlan | PlannedGroup)[];
};

export function planGroup(
  group: ConditionGroup,
  path: number[],
  fields: ReadonlyMap<string, ConditionField>,
  errors: ChannelRuleError[],
): PlannedGroup {
  if (group.rules.length === 0) {
    errors.push({
      path,
      code: 'GROUP_EMPTY',
      message: 'This group has no rules; add a rule or remove the group.',
    });
  }
  const planned: PlannedGroup = {
    combinator: group.combinator,
    not: group.not ?? false,
    rules: [],
  };
  group.rules.forEach((node, index) => {
    const nodePath = [...path, index];
    if (isGroup(node)) {
      planned.rules.push(planGroup(node, nodePath, fields, errors));
      return;
    }
    const plan = planRule(node, fields);
    if ('shape' in plan) planned.rules.push(plan);
    else errors.push({ path: nodePath, ...plan });
  });
  return planned;
}
