import type {
  ChannelRuleErrorCode,
  ConditionOperator,
  ConditionRule,
  ConditionValue,
  RelativePeriod,
} from '../../../src-preload/contract';
import { relativePeriodSchema } from '../../../src-preload/contract';
import { CHANGE_OPERATORS, type ConditionField, type FieldKind } from './field-kinds';
import { parseDay } from './zoned-calendar';

/**
 * A rule checked against the describe, its value turned into the form the evaluator compares:
 * validation reports the failures, compilation builds on the plans, so both agree on what a
 * rule means.
 */

/** A datetime is compared with a whole day in the channel's time zone, or with an instant. */
export type DatetimeOperand = { day: number } | { instant: number };

export type Operand = string | number | boolean | string[] | DatetimeOperand;

interface PlanBase {
  field: string;
  kind: FieldKind;
  operator: ConditionOperator;
}

export type RulePlan = PlanBase &
  (
    | { shape: 'none' }
    | { shape: 'one'; operand: Operand }
    | { shape: 'list'; operands: Operand[] }
    | { shape: 'pair'; operands: [Operand, Operand] }
    | { shape: 'period'; period: RelativePeriod }
  );

export interface RuleProblem {
  code: ChannelRuleErrorCode;
  message: string;
}

type Shape = RulePlan['shape'];

const SHAPE_OF: Record<ConditionOperator, Shape> = {
  is: 'one',
  is_not: 'one',
  is_any_of: 'list',
  is_none_of: 'list',
  contains: 'one',
  not_contains: 'one',
  starts_with: 'one',
  ends_with: 'one',
  lt: 'one',
  lte: 'one',
  gt: 'one',
  gte: 'one',
  between: 'pair',
  in_last: 'period',
  in_next: 'period',
  is_empty: 'none',
  is_not_empty: 'none',
  changed: 'none',
  changed_to: 'one',
  changed_from: 'one',
  changed_from_to: 'pair',
  became_empty: 'none',
  became_not_empty: 'none',
};

const EXPECTED: Record<FieldKind, string> = {
  text: 'some text',
  picklist: 'one of its picklist values',
  multipicklist: 'values of its picklist',
  boolean: 'true or false',
  number: 'a number',
  date: 'a date like 2026-03-31',
  datetime: 'a date like 2026-03-31, or a date and time with its offset like 2026-03-31T09:00:00Z',
};

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

type Parsed = { operand: Operand } | RuleProblem;

function notOfType(field: ConditionField, kind: FieldKind): RuleProblem {
  return {
    code: 'VALUE_NOT_OF_TYPE',
    message: `${field.label} (${field.name}) takes ${EXPECTED[kind]}; change the value.`,
  };
}

function picklistValues(field: ConditionField, values: string[]): Parsed {
  const known = new Set(field.picklistValues.map((entry) => entry.value));
  const unknown = values.find((value) => !known.has(value));
  if (unknown === undefined) return { operand: values };
  return {
    code: 'PICKLIST_VALUE_UNKNOWN',
    message: `"${unknown}" is not a value of ${field.label} (${field.name})'s picklist (values are API names, case matters); pick one from the list.`,
  };
}

/** One value of the field's kind; a multi-select picklist's may be a list or 'A;B'. */
function parseOperand(field: ConditionField, kind: FieldKind, value: unknown): Parsed {
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.trim() !== ''
        ? { operand: value }
        : notOfType(field, kind);
    case 'picklist': {
      if (typeof value !== 'string' || value === '') return notOfType(field, kind);
      const parsed = picklistValues(field, [value]);
      return 'operand' in parsed ? { operand: value } : parsed;
    }
    case 'multipicklist': {
      const parts = Array.isArray(value)
        ? value
        : typeof value === 'string'
          ? value.split(';')
          : [];
      if (parts.length === 0 || parts.some((part) => typeof part !== 'string' || part === '')) {
        return notOfType(field, kind);
      }
      return picklistValues(field, [...new Set(parts as string[])]);
    }
    case 'boolean':
      return typeof value === 'boolean' ? { operand: value } : notOfType(field, kind);
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof number === 'number' && Number.isFinite(number)
        ? { operand: number }
        : notOfType(field, kind);
    }
    case 'date':
      return typeof value === 'string' && parseDay(value) !== undefined
        ? { operand: value }
        : notOfType(field, kind);
    case 'datetime': {
      if (typeof value !== 'string') return notOfType(field, kind);
      const day = parseDay(value);
      if (day !== undefined) return { operand: { day } };
      const instant = INSTANT_PATTERN.test(value) ? Date.parse(value) : NaN;
      return Number.isFinite(instant) ? { operand: { instant } } : notOfType(field, kind);
    }
  }
}

/** Orders operands of one kind, for `between`. */
function operandOrder(operand: Operand): number | string {
  if (typeof operand === 'object' && !Array.isArray(operand)) {
    return 'day' in operand ? operand.day * 86_400_000 : operand.instant;
  }
  return operand as number | string;
}

function missing(field: ConditionField, operator: ConditionOperator, what: string): RuleProblem {
  return {
    code: 'VALUE_MISSING',
    message: `"${operator}" on ${field.label} (${field.name}) needs ${what}; fill it in.`,
  };
}

/** Checks one rule against the Lead's fields: a plan to compile, or what is wrong and what to do. */
export function planRule(
  rule: ConditionRule,
  fields: ReadonlyMap<string, ConditionField>,
): RulePlan | RuleProblem {
  const field = fields.get(rule.field);
  if (!field) {
    return {
      code: 'FIELD_UNKNOWN',
      message: `Lead has no field ${rule.field} (it may have been renamed or deleted in Salesforce); choose another field.`,
    };
  }
  const kind = field.kind;
  if (!kind) {
    return {
      code: 'FIELD_NOT_USABLE',
      message: `${field.label} (${field.name}) cannot be compared in a condition; use one of its parts (City, Street…) or another field.`,
    };
  }
  const { operator, value } = rule;
  if (field.calculated && CHANGE_OPERATORS.has(operator)) {
    return {
      code: 'FORMULA_FIELD_CANNOT_CHANGE',
      message: `${field.label} (${field.name}) is a formula field: it changes without an edit, so "${operator}" cannot see it change; compare its current value (is, is any of…) instead.`,
    };
  }
  if (!field.operators.includes(operator)) {
    return {
      code: 'OPERATOR_NOT_FOR_TYPE',
      message: `"${operator}" does not apply to ${field.label} (${field.name}), a ${kind} field; choose one of: ${field.operators.join(', ')}.`,
    };
  }
  const base = { field: field.name, kind, operator };
  const shape = SHAPE_OF[operator];
  switch (shape) {
    case 'none':
      return { ...base, shape };
    case 'one': {
      if (isAbsent(value)) return missing(field, operator, EXPECTED[kind]);
      const parsed = parseOperand(field, kind, value);
      return 'operand' in parsed ? { ...base, shape, operand: parsed.operand } : parsed;
    }
    case 'list':
      return planList(field, kind, value, base);
    case 'pair':
      return planPair(field, kind, value, base);
    case 'period': {
      const period = relativePeriodSchema.safeParse(value);
      return period.success
        ? { ...base, shape, period: period.data }
        : {
            code: 'VALUE_NOT_OF_TYPE',
            message: `"${operator}" on ${field.label} (${field.name}) takes a whole number (1–1000) of days, weeks or months; change the value.`,
          };
    }
  }
}

function isAbsent(value: ConditionValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function planList(
  field: ConditionField,
  kind: FieldKind,
  value: ConditionValue | undefined,
  base: PlanBase,
): RulePlan | RuleProblem {
  if (isAbsent(value)) return missing(field, base.operator, 'at least one value');
  const items = Array.isArray(value) ? value : [value];
  const operands: Operand[] = [];
  for (const item of items) {
    // Each item of a multi-select list is one picklist value, compared on its own.
    const parsed = parseOperand(field, kind === 'multipicklist' ? 'picklist' : kind, item);
    if (!('operand' in parsed)) return parsed;
    operands.push(parsed.operand);
  }
  return { ...base, shape: 'list', operands };
}

function planPair(
  field: ConditionField,
  kind: FieldKind,
  value: ConditionValue | undefined,
  base: PlanBase,
): RulePlan | RuleProblem {
  if (!Array.isArray(value) || value.length !== 2 || value.some((item) => isAbsent(item))) {
    return missing(field, base.operator, 'two values');
  }
  const first = parseOperand(field, kind, value[0]);
  if (!('operand' in first)) return first;
  const second = parseOperand(field, kind, value[1]);
  if (!('operand' in second)) return second;
  if (base.operator === 'between' && operandOrder(first.operand) > operandOrder(second.operand)) {
    return {
      code: 'VALUE_NOT_OF_TYPE',
      message: `"between" on ${field.label} (${field.name}) needs the smaller value first; swap them.`,
    };
  }
  return { ...base, shape: 'pair', operands: [first.operand, second.operand] };
}
