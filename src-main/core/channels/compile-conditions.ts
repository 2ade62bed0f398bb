import type { ChannelRuleError, ConditionGroup } from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { LeadDescribe } from '../salesforce/lead-describe';
import { ConstantComparisons } from './constant-comparisons';
import { CHANGE_OPERATORS, conditionFields } from './field-kinds';
import type { RulePlan } from './rule-plan';
import {
  planGroup,
  validateConditions,
  type ConditionPurpose,
  type PlannedGroup,
} from './validate-channel';
import {
  fieldTest,
  sameValue,
  type FieldTest,
  type FieldTestContext,
  type LeadValues,
} from './value-predicates';
import { ZonedToday } from './zoned-calendar';

export type { LeadValues } from './value-predicates';

/**
 * A channel's conditions, compiled: true when they hold for the change from `before` to
 * `after`. `before` is null for a created Lead. `changedFields` is what the sync's diff
 * reported: a field outside it has not changed, whatever the values say.
 */
export type ConditionEvaluator = (
  before: LeadValues | null,
  after: LeadValues,
  changedFields: ReadonlySet<string>,
) => boolean;

export interface CompileOptions {
  /** IANA name; day boundaries for `in_last`/`in_next` and dates compared with datetimes. */
  timeZone: string;
  /** Milliseconds since the epoch, read when a relative-date rule is evaluated. */
  now: () => number;
  /** `filter`: an Update channel's (no change operators; an empty group holds for every Lead). */
  purpose?: ConditionPurpose;
}

const EVERY_LEAD: ConditionEvaluator = () => true;

const NEGATED = {
  is_not: 'is',
  is_none_of: 'is_any_of',
  not_contains: 'contains',
  is_not_empty: 'is_empty',
} as const;

function operandsOf(plan: RulePlan) {
  if (plan.shape === 'one') return [plan.operand];
  if (plan.shape === 'list' || plan.shape === 'pair') return plan.operands;
  return [];
}

/** A change operator's rule, which sees before, after and the changed fields. */
function compileChangeRule(plan: RulePlan, context: FieldTestContext): ConditionEvaluator {
  const { field, kind, operator } = plan;
  const operands = operandsOf(plan);
  const changed: ConditionEvaluator = (before, after, changedFields) =>
    before !== null && changedFields.has(field) && !sameValue(kind, before[field], after[field]);
  const is = (operand = operands[0]!) =>
    fieldTest(field, kind, 'is', [operand], undefined, context);
  // The value tests go first: they are cheaper than `changed` and usually false.
  switch (operator) {
    case 'became_empty':
    case 'became_not_empty': {
      const empty = fieldTest(field, kind, 'is_empty', [], undefined, context);
      const emptyAfter = operator === 'became_empty';
      return (before, after, changedFields) =>
        before !== null &&
        empty(after) === emptyAfter &&
        empty(before) !== emptyAfter &&
        changed(before, after, changedFields);
    }
    case 'changed_to': {
      const now = is();
      return (before, after, changedFields) => now(after) && changed(before, after, changedFields);
    }
    case 'changed_from': {
      const was = is();
      return (before, after, changedFields) =>
        before !== null && was(before) && !was(after) && changed(before, after, changedFields);
    }
    case 'changed_from_to': {
      const was = is(operands[0]);
      const now = is(operands[1]);
      return (before, after, changedFields) =>
        before !== null && now(after) && was(before) && changed(before, after, changedFields);
    }
    default:
      return changed;
  }
}

/** A negative value rule (is_not, is_none_of…) as its positive and a flag. */
function positiveOf(plan: RulePlan): { plan: RulePlan; negated: boolean } {
  const operator = plan.operator as keyof typeof NEGATED;
  if (!(operator in NEGATED)) return { plan, negated: false };
  return { plan: { ...plan, operator: NEGATED[operator] }, negated: true };
}

function periodOf(plan: RulePlan) {
  return plan.shape === 'period' ? plan.period : undefined;
}

/**
 * A rough cost of evaluating a rule or group, so a group tries its cheap parts first and
 * short-circuits before the dear ones. Rules have no side effects, so order cannot change
 * the answer.
 */
function cost(node: RulePlan | PlannedGroup): number {
  if ('combinator' in node) return node.rules.reduce((sum, child) => sum + cost(child), 0);
  if (node.operator === 'in_last' || node.operator === 'in_next') return 5;
  if (
    node.kind === 'datetime' ||
    node.operator === 'contains' ||
    node.operator === 'not_contains'
  ) {
    return 4;
  }
  if (node.kind === 'text' || node.kind === 'multipicklist' || node.kind === 'date') return 2;
  return 1;
}

/**
 * A group tries its constant comparisons first (inline, no call per rule), then its change
 * rules (selective: a channel's trigger, usually false), then its other value rules (one
 * call each, negation folded into the loop), then its subgroups.
 */
function compileGroup(group: PlannedGroup, context: FieldTestContext): ConditionEvaluator {
  const constants = new ConstantComparisons();
  const tests: FieldTest[] = [];
  const negations: boolean[] = [];
  const changeRules: ConditionEvaluator[] = [];
  const subgroups: ConditionEvaluator[] = [];
  const ordered = [...group.rules].sort((a, b) => cost(a) - cost(b));
  for (const node of ordered) {
    if ('combinator' in node) subgroups.push(compileGroup(node, context));
    else if (CHANGE_OPERATORS.has(node.operator))
      changeRules.push(compileChangeRule(node, context));
    else {
      const { plan, negated } = positiveOf(node);
      if (constants.add(plan, negated)) continue;
      tests.push(
        fieldTest(plan.field, plan.kind, plan.operator, operandsOf(plan), periodOf(plan), context),
      );
      negations.push(negated);
    }
  }
  const changeCount = changeRules.length;
  const testCount = tests.length;
  const subgroupCount = subgroups.length;
  // An `and` holds unless a part fails; an `or` fails unless a part holds.
  const decisive = group.combinator === 'or';
  const outcome = group.not ? !decisive : decisive;
  return (before, after, changedFields) => {
    if (constants.decides(after, decisive)) return outcome;
    for (let i = 0; i < changeCount; i += 1) {
      if (changeRules[i]!(before, after, changedFields) === decisive) return outcome;
    }
    for (let i = 0; i < testCount; i += 1) {
      if ((tests[i]!(after) !== negations[i]) === decisive) return outcome;
    }
    for (let i = 0; i < subgroupCount; i += 1) {
      if (subgroups[i]!(before, after, changedFields) === decisive) return outcome;
    }
    return !outcome;
  };
}

/**
 * Compiles a channel's conditions once (per channel version) into closures; evaluating a Lead
 * walks no rule tree and parses no rule value. Refuses conditions validateConditions faults.
 */
export function compileConditions(
  conditions: ConditionGroup,
  describe: LeadDescribe,
  options: CompileOptions,
): ConditionEvaluator {
  const purpose = options.purpose ?? 'change';
  const errors = validateConditions(conditions, describe, purpose);
  if (errors.length > 0) throw invalidConditions(errors);
  if (conditions.rules.length === 0) return EVERY_LEAD;
  const planned = planGroup(conditions, [], conditionFields(describe), [], purpose);
  return compileGroup(planned, {
    timeZone: options.timeZone,
    today: new ZonedToday(options.timeZone, options.now),
  });
}

function invalidConditions(errors: ChannelRuleError[]): AppError {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s))` : '';
  return new AppError('CHANNEL_CONDITIONS_INVALID', `${errors[0]!.message}${more}`);
}
