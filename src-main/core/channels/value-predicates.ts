import type { ConditionOperator, RelativePeriod } from '../../../src-preload/contract';
import type { FieldKind } from './field-kinds';
import {
  foldedEndsWith,
  foldedEquals,
  foldedIncludes,
  foldedStartsWith,
  needleOf,
  type Needle,
} from './folded-text';
import type { DatetimeOperand, Operand } from './rule-plan';
import { dayText, shiftDay, startOfDay, type ZonedToday } from './zoned-calendar';

/**
 * Tests of one field of a Lead against a rule's operands, built once per rule; each reads
 * its field itself, so evaluating a rule is one call. A value that is undefined, null or ''
 * is blank (Salesforce returns blank fields as null); whitespace is a value. Text compares
 * case-insensitively (as lower-cased), picklist API values exactly.
 */

/** A cached Lead's fields by API name, as the sync stores them. */
export type LeadValues = Readonly<Record<string, unknown>>;

export type FieldTest = (lead: LeadValues) => boolean;

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

function hasAnyToken(selection: string, tokens: readonly string[]): boolean {
  for (const token of tokens) if (hasToken(selection, token)) return true;
  return false;
}

function isSelection(selection: string, tokens: readonly string[]): boolean {
  if (tokenCount(selection) !== tokens.length) return false;
  for (const token of tokens) if (!hasToken(selection, token)) return false;
  return true;
}

/** Equal as the kind sees it, blanks all alike: decides `changed`. */
export function sameValue(kind: FieldKind, before: unknown, after: unknown): boolean {
  if (isBlank(before) || isBlank(after)) return isBlank(before) && isBlank(after);
  if (before === after) return true;
  if (typeof before !== 'string' || typeof after !== 'string') return false;
  if (kind === 'datetime') return Date.parse(before) === Date.parse(after);
  if (kind === 'multipicklist') return isSelection(after, before.split(';'));
  return false;
}

type Range<K> = [K, K];

/**
 * Salesforce writes every datetime as 'YYYY-MM-DDTHH:mm:ss.SSS+0000' (UTC). In that form
 * instants order as strings, so the common case compares without Date.parse; anything else
 * is parsed and rewritten into it.
 */
function isSalesforceInstant(value: string): boolean {
  return (
    value.length === 28 &&
    value.charCodeAt(10) === 84 && // T
    value.charCodeAt(19) === 46 && // .
    value.charCodeAt(23) === 43 && // +
    value.charCodeAt(24) === 48 &&
    value.charCodeAt(25) === 48 &&
    value.charCodeAt(26) === 48 &&
    value.charCodeAt(27) === 48
  );
}

function instantText(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 23)}+0000`;
}

/** A datetime field's value as a comparable string; a date's as itself; else undefined. */
function instantKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isSalesforceInstant(value)) return value;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? undefined : instantText(instant);
}

function dayKey(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first and last instant (inclusive, to the millisecond) two datetime operands span in the zone. */
function instantRange(
  first: DatetimeOperand,
  last: DatetimeOperand,
  timeZone: string,
): Range<string> {
  const from = 'day' in first ? startOfDay(first.day, timeZone) : first.instant;
  const to = 'day' in last ? startOfDay(last.day + 1, timeZone) - 1 : last.instant;
  return [instantText(from), instantText(to)];
}

function textTest(field: string, operator: ConditionOperator, needle: Needle): FieldTest {
  switch (operator) {
    case 'contains':
      return (lead) => {
        const value = lead[field];
        return typeof value === 'string' && foldedIncludes(value, needle);
      };
    case 'starts_with':
      return (lead) => {
        const value = lead[field];
        return typeof value === 'string' && foldedStartsWith(value, needle);
      };
    case 'ends_with':
      return (lead) => {
        const value = lead[field];
        return typeof value === 'string' && foldedEndsWith(value, needle);
      };
    default:
      return (lead) => {
        const value = lead[field];
        return typeof value === 'string' && foldedEquals(value, needle);
      };
  }
}

/**
 * Ordered comparisons with an inclusive range: a single value, a day, a span. Numbers and
 * (day or instant) strings get their own closures, so each compares one type only, which
 * keeps V8 on its fast path; the range is captured as two constants.
 */
function numberOrderTest(
  field: string,
  operator: ConditionOperator,
  [from, to]: Range<number>,
): FieldTest {
  switch (operator) {
    case 'lt':
      return (lead) => {
        const value = lead[field];
        return typeof value === 'number' && value < from;
      };
    case 'lte':
      return (lead) => {
        const value = lead[field];
        return typeof value === 'number' && value <= to;
      };
    case 'gt':
      return (lead) => {
        const value = lead[field];
        return typeof value === 'number' && value > to;
      };
    case 'gte':
      return (lead) => {
        const value = lead[field];
        return typeof value === 'number' && value >= from;
      };
    default:
      return (lead) => {
        const value = lead[field];
        return typeof value === 'number' && value >= from && value <= to;
      };
  }
}

function stringOrderTest(
  field: string,
  operator: ConditionOperator,
  keyOf: (value: unknown) => string | undefined,
  [from, to]: Range<string>,
): FieldTest {
  switch (operator) {
    case 'lt':
      return (lead) => {
        const key = keyOf(lead[field]);
        return key !== undefined && key < from;
      };
    case 'lte':
      return (lead) => {
        const key = keyOf(lead[field]);
        return key !== undefined && key <= to;
      };
    case 'gt':
      return (lead) => {
        const key = keyOf(lead[field]);
        return key !== undefined && key > to;
      };
    case 'gte':
      return (lead) => {
        const key = keyOf(lead[field]);
        return key !== undefined && key >= from;
      };
    default:
      return (lead) => {
        const key = keyOf(lead[field]);
        return key !== undefined && key >= from && key <= to;
      };
  }
}

/** `is X`: one value for every kind but datetime, whose X is a day or an instant. */
function equalsTest(field: string, kind: FieldKind, operand: Operand, timeZone: string): FieldTest {
  switch (kind) {
    case 'text':
      return textTest(field, 'is', needleOf(operand as string));
    case 'multipicklist': {
      const tokens = operand as string[];
      return (lead) => {
        const value = lead[field];
        return typeof value === 'string' && isSelection(value, tokens);
      };
    }
    case 'datetime': {
      const range = instantRange(operand as DatetimeOperand, operand as DatetimeOperand, timeZone);
      return stringOrderTest(field, 'between', instantKey, range);
    }
    default:
      // Picklist API values, dates ('YYYY-MM-DD'), numbers and checkboxes: exactly equal.
      return (lead) => lead[field] === operand;
  }
}

/** `is_any_of` (negated by the caller for `is_none_of`). */
function anyOfTest(field: string, kind: FieldKind, operands: Operand[]): FieldTest {
  if (kind === 'multipicklist') {
    const tokens = operands as string[];
    return (lead) => {
      const value = lead[field];
      return typeof value === 'string' && hasAnyToken(value, tokens);
    };
  }
  if (kind === 'text') {
    // Short lists (most) are scanned, which needs no lower-cased copy; long ones hashed.
    const needles = (operands as string[]).map(needleOf);
    if (needles.length <= 8) {
      return (lead) => {
        const value = lead[field];
        if (typeof value !== 'string') return false;
        for (const needle of needles) if (foldedEquals(value, needle)) return true;
        return false;
      };
    }
    const values = new Set(needles.map((needle) => needle.text));
    return (lead) => {
      const value = lead[field];
      return typeof value === 'string' && values.has(value.toLowerCase());
    };
  }
  const values = new Set(operands);
  return (lead) => values.has(lead[field] as Operand);
}

/** `in_last` / `in_next`: the days from today back or forward, recomputed when the day turns. */
function relativeDaysTest(
  field: string,
  kind: FieldKind,
  operator: ConditionOperator,
  period: RelativePeriod,
  { today, timeZone }: FieldTestContext,
): FieldTest {
  const keyOf = kind === 'date' ? dayKey : instantKey;
  let seen = NaN;
  let from = '';
  let to = '';
  return (lead) => {
    const key = keyOf(lead[field]);
    if (key === undefined) return false;
    const day = today.day();
    if (day !== seen) {
      seen = day;
      const [first, last] =
        operator === 'in_last' ? [shiftDay(day, period, -1), day] : [day, shiftDay(day, period, 1)];
      [from, to] =
        kind === 'date'
          ? [dayText(first), dayText(last)]
          : instantRange({ day: first }, { day: last }, timeZone);
    }
    return key >= from && key <= to;
  };
}

export interface FieldTestContext {
  timeZone: string;
  today: ZonedToday;
}

/** The test of a rule's operator other than the negated, blank and change operators. */
export function fieldTest(
  field: string,
  kind: FieldKind,
  operator: ConditionOperator,
  operands: Operand[],
  period: RelativePeriod | undefined,
  context: FieldTestContext,
): FieldTest {
  switch (operator) {
    case 'is_empty':
      return (lead) => isBlank(lead[field]);
    case 'is_any_of':
      return anyOfTest(field, kind, operands);
    case 'contains':
    case 'starts_with':
    case 'ends_with':
      return textTest(field, operator, needleOf(operands[0] as string));
    case 'in_last':
    case 'in_next':
      return relativeDaysTest(field, kind, operator, period!, context);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'between': {
      const first = operands[0]!;
      const last = operands[operands.length - 1]!;
      if (kind === 'number')
        return numberOrderTest(field, operator, [first as number, last as number]);
      if (kind === 'date')
        return stringOrderTest(field, operator, dayKey, [first as string, last as string]);
      const range = instantRange(
        first as DatetimeOperand,
        last as DatetimeOperand,
        context.timeZone,
      );
      return stringOrderTest(field, operator, instantKey, range);
    }
    default:
      return equalsTest(field, kind, operands[0]!, context.timeZone);
  }
}
