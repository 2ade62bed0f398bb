import type { ConditionOperator, RelativePeriod } from '../../../src-preload/contract';
import type { FieldKind } from './field-kinds';
import type { DatetimeOperand, Operand } from './rule-plan';
import { dayText, shiftDay, startOfDay, type ZonedToday } from './zoned-calendar';

/**
 * Tests of one field value against a rule's operands, built once per rule. A value that is
 * undefined, null or '' is blank (Salesforce returns blank fields as null); whitespace is a
 * value. Text compares case-insensitively (lower-cased), picklist API values exactly.
 */
export type ValuePredicate = (value: unknown) => boolean;

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Whether `token` is one of the ';'-separated values of a multi-select picklist, without splitting. */
function hasToken(selection: string, token: string): boolean {
  let at = selection.indexOf(token);
  while (at !== -1) {
    const end = at + token.length;
    if (
      (at === 0 || selection.charCodeAt(at - 1) === 59) &&
      (end === selection.length || selection.charCodeAt(end) === 59)
    ) {
      return true;
    }
    at = selection.indexOf(token, at + 1);
  }
  return false;
}

function tokenCount(selection: string): number {
  let count = 1;
  for (let at = selection.indexOf(';'); at !== -1; at = selection.indexOf(';', at + 1)) count += 1;
  return count;
}

/** Equal as the kind sees it, blanks all alike: decides `changed`. */
export function sameValue(kind: FieldKind, before: unknown, after: unknown): boolean {
  if (isBlank(before) || isBlank(after)) return isBlank(before) && isBlank(after);
  if (before === after) return true;
  if (typeof before !== 'string' || typeof after !== 'string') return false;
  if (kind === 'datetime') return Date.parse(before) === Date.parse(after);
  if (kind === 'multipicklist') {
    const count = tokenCount(before);
    if (count !== tokenCount(after)) return false;
    return before.split(';').every((token) => hasToken(after, token));
  }
  return false;
}

function textPredicate(operator: ConditionOperator, operand: string): ValuePredicate {
  const needle = operand.toLowerCase();
  switch (operator) {
    case 'contains':
      return (value) => typeof value === 'string' && value.toLowerCase().includes(needle);
    case 'starts_with':
      return (value) => typeof value === 'string' && value.toLowerCase().startsWith(needle);
    case 'ends_with':
      return (value) => typeof value === 'string' && value.toLowerCase().endsWith(needle);
    default:
      return (value) => typeof value === 'string' && value.toLowerCase() === needle;
  }
}

/** `is X`: one value for every kind but datetime, whose X is a day or an instant. */
function equalsPredicate(kind: FieldKind, operand: Operand, timeZone: string): ValuePredicate {
  switch (kind) {
    case 'text':
      return textPredicate('is', operand as string);
    case 'multipicklist': {
      const tokens = operand as string[];
      return (value) => {
        if (typeof value !== 'string' || tokenCount(value) !== tokens.length) return false;
        for (const token of tokens) if (!hasToken(value, token)) return false;
        return true;
      };
    }
    case 'datetime': {
      const [from, to] = instantRange(
        operand as DatetimeOperand,
        operand as DatetimeOperand,
        timeZone,
      );
      return (value) => {
        const instant = typeof value === 'string' ? Date.parse(value) : NaN;
        return instant >= from && instant <= to;
      };
    }
    default:
      return (value) => value === operand;
  }
}

/** A list operator: `is_any_of` (negated by the caller for `is_none_of`). */
function anyOfPredicate(kind: FieldKind, operands: Operand[]): ValuePredicate {
  if (kind === 'multipicklist') {
    const tokens = operands as string[];
    return (value) => {
      if (typeof value !== 'string') return false;
      for (const token of tokens) if (hasToken(value, token)) return true;
      return false;
    };
  }
  if (kind === 'text') {
    const values = new Set((operands as string[]).map((operand) => operand.toLowerCase()));
    return (value) => typeof value === 'string' && values.has(value.toLowerCase());
  }
  const values = new Set(operands);
  return (value) => values.has(value as Operand);
}

/** The first and last instant (inclusive, ms) two datetime operands span in the time zone. */
function instantRange(
  first: DatetimeOperand,
  last: DatetimeOperand,
  timeZone: string,
): [number, number] {
  const from = 'day' in first ? startOfDay(first.day, timeZone) : first.instant;
  const to = 'day' in last ? startOfDay(last.day + 1, timeZone) - 1 : last.instant;
  return [from, to];
}

type Range<K> = [K, K];
type OrderTest = <K extends number | string>(key: K, range: Range<K>) => boolean;

const ORDER_TESTS: Partial<Record<ConditionOperator, OrderTest>> = {
  lt: (key, [from]) => key < from,
  lte: (key, [, to]) => key <= to,
  gt: (key, [, to]) => key > to,
  gte: (key, [from]) => key >= from,
  between: (key, [from, to]) => key >= from && key <= to,
};

/** Ordered comparisons of a key with an inclusive range: a single value, a day, a span. */
function orderPredicate<K extends number | string>(
  operator: ConditionOperator,
  keyOf: (value: unknown) => K | undefined,
  range: () => Range<K>,
): ValuePredicate {
  const test = ORDER_TESTS[operator]!;
  return (value) => {
    const key = keyOf(value);
    return key !== undefined && test(key, range());
  };
}

const numberKey = (value: unknown) => (typeof value === 'number' ? value : undefined);
const dayKey = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const instantKey = (value: unknown) => {
  const instant = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(instant) ? undefined : instant;
};

/** `in_last` / `in_next`: the days from today back or forward, recomputed when the day turns. */
function relativeDays(
  operator: ConditionOperator,
  period: RelativePeriod,
  today: ZonedToday,
): () => [number, number] {
  let seen = NaN;
  let days: [number, number] = [0, 0];
  return () => {
    const day = today.day();
    if (day !== seen) {
      seen = day;
      days =
        operator === 'in_last' ? [shiftDay(day, period, -1), day] : [day, shiftDay(day, period, 1)];
    }
    return days;
  };
}

function memoizedBy<T, R>(source: () => T, derive: (input: T) => R): () => R {
  let seen: T | undefined;
  let result: R | undefined;
  return () => {
    const input = source();
    if (input !== seen || result === undefined) {
      seen = input;
      result = derive(input);
    }
    return result;
  };
}

export interface PredicateContext {
  timeZone: string;
  today: ZonedToday;
}

/** The value test of a rule's operator other than the blank and change operators. */
export function valuePredicate(
  kind: FieldKind,
  operator: ConditionOperator,
  operands: Operand[],
  period: RelativePeriod | undefined,
  context: PredicateContext,
): ValuePredicate {
  const { timeZone } = context;
  switch (operator) {
    case 'is':
    case 'changed_to':
    case 'changed_from':
      return equalsPredicate(kind, operands[0]!, timeZone);
    case 'is_any_of':
      return anyOfPredicate(kind, operands);
    case 'contains':
    case 'starts_with':
    case 'ends_with':
      return textPredicate(operator, operands[0] as string);
    case 'in_last':
    case 'in_next': {
      const days = relativeDays(operator, period!, context.today);
      if (kind === 'date') {
        return orderPredicate(
          'between',
          dayKey,
          memoizedBy(days, ([from, to]) => [dayText(from), dayText(to)] as Range<string>),
        );
      }
      return orderPredicate(
        'between',
        instantKey,
        memoizedBy(days, ([from, to]) => instantRange({ day: from }, { day: to }, timeZone)),
      );
    }
    default: {
      const first = operands[0]!;
      const last = operands[operands.length - 1]!;
      if (kind === 'number') {
        const range: Range<number> = [first as number, last as number];
        return orderPredicate(operator, numberKey, () => range);
      }
      if (kind === 'date') {
        const range: Range<string> = [first as string, last as string];
        return orderPredicate(operator, dayKey, () => range);
      }
      const range = instantRange(first as DatetimeOperand, last as DatetimeOperand, timeZone);
      return orderPredicate(operator, instantKey, () => range);
    }
  }
}
