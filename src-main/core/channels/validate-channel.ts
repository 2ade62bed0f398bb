import {
  CONDITION_LIMITS,
  measureConditions,
  type ChannelDraft,
  type ChannelRuleError,
  type ConditionGroup,
  type ConditionRule,
} from '../../../src-preload/contract';
import type { LeadDescribe } from '../salesforce/lead-describe';
import { CHANGE_OPERATORS, conditionFields, type ConditionField } from './field-kinds';
import { planWrites } from './plan-writes';
import { planRule, type RulePlan } from './rule-plan';

export function isGroup(node: ConditionRule | ConditionGroup): node is ConditionGroup {
  return 'rules' in node;
}

/**
 * What conditions are for: Import and Intercept channels see a change (`change`); an Update
 * channel's conditions filter the Lead as cached when a status is entered (`filter`), where
 * nothing is changing and an empty group means every Lead.
 */
export type ConditionPurpose = 'change' | 'filter';

/** A channel as validation sees it: a draft, or a saved version. */
export type ChannelShape = Pick<ChannelDraft, 'kind' | 'rules'> & {
  update?: ChannelDraft['update'] | null;
};

/**
 * Every problem in a channel against the cached describe: its conditions (each at the
 * react-querybuilder path of its rule or group) and an Update channel's writes (each by its
 * index), with a sentence saying what to do. Empty when the channel can run. Runs on save
 * and again after every schema change.
 */
export function validateChannel(channel: ChannelShape, describe: LeadDescribe): ChannelRuleError[] {
  if (channel.kind !== 'update') return validateConditions(channel.rules.conditions, describe);
  const errors = validateConditions(channel.rules.conditions, describe, 'filter');
  if (channel.update)
    errors.push(...planWrites(channel.update.writes, conditionFields(describe)).errors);
  return errors;
}

/** Every problem in conditions against the cached describe: empty when they can be compiled. */
export function validateConditions(
  conditions: ConditionGroup,
  describe: LeadDescribe,
  purpose: ConditionPurpose = 'change',
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
  planGroup(conditions, [], conditionFields(describe), errors, purpose);
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
  purpose: ConditionPurpose,
): PlannedGroup {
  // A filter's empty root group is "every Lead"; an empty inner group is still a mistake.
  if (group.rules.length === 0 && !(purpose === 'filter' && path.length === 0)) {
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
      planned.rules.push(planGroup(node, nodePath, fields, errors, purpose));
      return;
    }
    if (purpose === 'filter' && CHANGE_OPERATORS.has(node.operator)) {
      errors.push({
        path: nodePath,
        code: 'CHANGE_OPERATOR_NOT_FOR_UPDATE',
        message: `An Update channel's conditions look at the Lead as it is when the status is entered, so "${node.operator}" cannot apply; compare the current value (is, is any of…) instead.`,
      });
      return;
    }
    const plan = planRule(node, fields);
    if ('shape' in plan) planned.rules.push(plan);
    else errors.push({ path: nodePath, ...plan });
  });
  return planned;
}
