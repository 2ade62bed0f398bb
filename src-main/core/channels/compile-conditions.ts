import type { ChannelRuleError, ConditionGroup } from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { LeadDescribe } from '../salesforce/lead-describe';
import { conditionFields } from './field-kinds';
import type { RulePlan } from './rule-plan';
import { planGroup, validateChannel, type PlannedGroup } from './validate-channel';
import { isBlank, sameValue, valuePredicate, type PredicateContext } from './value-predicates';
import { ZonedToday } from './zoned-calendar';

/** A cached Lead's fields by API name, as the sync stores them. */
export type LeadValues = Readonly<Record<string, unknown>>;

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
}

const NEGATED = {
  is_not: 'is',
  is_none_of: 'is_any_of',
  not_contains: 'contains',
} as const;

function compileRule(plan: RulePlan, context: PredicateContext): ConditionEvaluator {
  const { field, kind, operator } = plan;
  const changed: ConditionEvaluator = (before, after, changedFields) =>
    before !== null && changedFields.has(field) && !sameValue(kind, before[field], after[field]);
  const operands =
    plan.shape === 'one'
      ? [plan.operand]
      : plan.shape === 'list' || plan.shape === 'pair'
        ? plan.operands
        : [];
  const period = plan.shape === 'period' ? plan.period : undefined;
  switch (operator) {
    case 'is_empty':
      return (_before, after) => isBlank(after[field]);
    case 'is_not_empty':
      return (_before, after) => !isBlank(after[field]);
    case 'changed':
      return changed;
    case 'became_empty':
      return (before, after, changedFields) =>
        changed(before, after, changedFields) && !isBlank(before![field]) && isBlank(after[field]);
    case 'became_not_empty':
      return (before, after, changedFields) =>
        changed(before, after, changedFields) && isBlank(before![field]) && !isBlank(after[field]);
    case 'changed_to': {
      const now = valuePredicate(kind, 'is', operands, period, context);
      return (before, after, changedFields) =>
        changed(before, after, changedFields) && now(after[field]);
    }
    case 'changed_from': {
      const was = valuePredicate(kind, 'is', operands, period, context);
      return (before, after, changedFields) =>
        changed(before, after, changedFields) && was(before![field]) && !was(after[field]);
    }
    case 'changed_from_to': {
      const was = valuePredicate(kind, 'is', [operands[0]!], period, context);
      const now = valuePredicate(kind, 'is', [operands[1]!], period, context);
      return (before, after, changedFields) =>
        changed(before, after, changedFields) && was(before![field]) && now(after[field]);
    }
    case 'is_not':
    case 'is_none_of':
    case 'not_contains': {
      const holds = valuePredicate(kind, NEGATED[operator], operands, period, context);
      return (_before, after) => !holds(after[field]);
    }
    default: {
      const holds = valuePredicate(kind, operator, operands, period, context);
      return (_before, after) => holds(after[field]);
    }
  }
}

function compileGroup(group: PlannedGroup, context: PredicateContext): ConditionEvaluator {
  const parts = group.rules.map((node) =>
    'combinator' in node ? compileGroup(node, context) : compileRule(node, context),
  );
  const count = parts.length;
  // An `and` holds unless a part fails; an `or` fails unless a part holds.
  const decisive = group.combinator === 'or';
  const combined: ConditionEvaluator =
    count === 1
      ? parts[0]!
      : (before, after, changedFields) => {
          for (let i = 0; i < count; i += 1) {
            if (parts[i]!(before, after, changedFields) === decisive) return decisive;
          }
          return !decisive;
        };
  return group.not
    ? (before, after, changedFields) => !combined(before, after, changedFields)
    : combined;
}

/**
 * Compiles a channel's conditions once (per channel version) into closures; evaluating a Lead
 * walks no rule tree and parses no rule value. Refuses conditions validateChannel faults.
 */
export function compileConditions(
  conditions: ConditionGroup,
  describe: LeadDescribe,
  options: CompileOptions,
): ConditionEvaluator {
  const errors = validateChannel(conditions, describe);
  if (errors.length > 0) throw invalidConditions(errors);
  const planned = planGroup(conditions, [], conditionFields(describe), []);
  return compileGroup(planned, {
    timeZone: options.timeZone,
    today: new ZonedToday(options.timeZone, options.now),
  });
}

function invalidConditions(errors: ChannelRuleError[]): AppError {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s))` : '';
  return new AppError('CHANNEL_CONDITIONS_INVALID', `${errors[0]!.message}${more}`);
}
