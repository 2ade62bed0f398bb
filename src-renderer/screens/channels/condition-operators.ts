import type {
  ConditionFieldInfo,
  ConditionGroup,
  ConditionOperator,
  ConditionValue,
} from '../../../src-preload/contract';

/**
 * What an operator's value is: nothing, one value, a list, a pair (between, from → to) or a
 * relative period. Mirrors the rule planner's table in core (validation has the last word).
 */
export type ValueShape = 'none' | 'one' | 'list' | 'pair' | 'period';

/** How a value editor treats a field, from its Salesforce describe type. */
export type ValueKind = 'text' | 'picklist' | 'multipicklist' | 'boolean' | 'number' | 'date';

interface OperatorLook {
  /** Words an admin reads in the builder: "changed to", "is any of". */
  label: string;
  shape: ValueShape;
}

export const OPERATOR_LOOKS: Record<ConditionOperator, OperatorLook> = {
  is: { label: 'is', shape: 'one' },
  is_not: { label: 'is not', shape: 'one' },
  is_any_of: { label: 'is any of', shape: 'list' },
  is_none_of: { label: 'is none of', shape: 'list' },
  contains: { label: 'contains', shape: 'one' },
  not_contains: { label: 'does not contain', shape: 'one' },
  starts_with: { label: 'starts with', shape: 'one' },
  ends_with: { label: 'ends with', shape: 'one' },
  lt: { label: 'is less than', shape: 'one' },
  lte: { label: 'is at most', shape: 'one' },
  gt: { label: 'is greater than', shape: 'one' },
  gte: { label: 'is at least', shape: 'one' },
  between: { label: 'is between', shape: 'pair' },
  in_last: { label: 'is in the last', shape: 'period' },
  in_next: { label: 'is in the next', shape: 'period' },
  is_empty: { label: 'is empty', shape: 'none' },
  is_not_empty: { label: 'is not empty', shape: 'none' },
  changed: { label: 'changed', shape: 'none' },
  changed_to: { label: 'changed to', shape: 'one' },
  changed_from: { label: 'changed from', shape: 'one' },
  changed_from_to: { label: 'changed from … to', shape: 'pair' },
  became_empty: { label: 'became empty', shape: 'none' },
  became_not_empty: { label: 'became not empty', shape: 'none' },
};

const KIND_OF_TYPE: Record<string, ValueKind> = {
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  // A datetime rule compares whole days in the channel's time zone, as dates do.
  date: 'date',
  datetime: 'date',
};

export function valueKindOf(field: Pick<ConditionFieldInfo, 'type'> | undefined): ValueKind {
  return (field && KIND_OF_TYPE[field.type]) ?? 'text';
}

/**
 * The value a rule starts with when its field or operator changes: the shape the operator
 * takes, blank, so the admin fills it in rather than inheriting a value of another type.
 */
export function blankValue(operator: ConditionOperator, kind: ValueKind): ConditionValue {
  switch (OPERATOR_LOOKS[operator].shape) {
    case 'none':
      return null;
    case 'list':
      return [];
    case 'pair':
      return kind === 'boolean' ? [false, true] : ['', ''];
    case 'period':
      return { amount: 7, unit: 'days' };
    case 'one':
      return kind === 'boolean' ? true : '';
  }
}

/** The field's operators in the builder's order, each with its words. */
export function operatorOptions(field: ConditionFieldInfo | undefined) {
  return (field?.operators ?? []).map((name) => ({ name, label: OPERATOR_LOOKS[name].label }));
}

function valueWords(operator: ConditionOperator, value: ConditionValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const [first, second] = value.map(String);
    if (operator === 'between') return `${first} and ${second}`;
    if (operator === 'changed_from_to') return `${first} → ${second}`;
    return value.map(String).join(', ');
  }
  if (typeof value === 'object') return `${value.amount} ${value.unit}`;
  return String(value);
}

/** "Status changed to Working - Contacted AND Country is any of US, CA": a channel in a line. */
export function summarizeConditions(group: ConditionGroup, nested = false): string {
  const parts = group.rules.map((node) =>
    'rules' in node
      ? summarizeConditions(node, true)
      : [node.field, OPERATOR_LOOKS[node.operator].label, valueWords(node.operator, node.value)]
          .filter((part) => part !== '')
          .join(' '),
  );
  const joined = parts.join(` ${group.combinator.toUpperCase()} `);
  const wrapped = nested && parts.length > 1 ? `(${joined})` : joined;
  return group.not ? `NOT ${nested ? wrapped : `(${joined})`}` : wrapped;
}
