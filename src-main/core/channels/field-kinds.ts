import { z } from 'zod';
import type { ConditionOperator } from '../../../src-preload/contract';
import type { LeadDescribe } from '../salesforce/lead-describe';

/** How a condition treats a field, from its Salesforce describe type. */
export type FieldKind =
  'text' | 'picklist' | 'multipicklist' | 'boolean' | 'number' | 'date' | 'datetime';

const KIND_OF_TYPE = new Map<string, FieldKind>(
  Object.entries({
    string: 'text',
    textarea: 'text',
    email: 'text',
    phone: 'text',
    url: 'text',
    id: 'text',
    reference: 'text',
    combobox: 'text',
    encryptedstring: 'text',
    picklist: 'picklist',
    multipicklist: 'multipicklist',
    boolean: 'boolean',
    int: 'number',
    long: 'number',
    double: 'number',
    currency: 'number',
    percent: 'number',
    date: 'date',
    datetime: 'datetime',
  } satisfies Record<string, FieldKind>),
);

export const CHANGE_OPERATORS: ReadonlySet<ConditionOperator> = new Set([
  'changed',
  'changed_to',
  'changed_from',
  'changed_from_to',
  'became_empty',
  'became_not_empty',
]);

const EQUALITY: ConditionOperator[] = [
  'is',
  'is_not',
  'changed',
  'changed_to',
  'changed_from',
  'changed_from_to',
];
const BLANKS: ConditionOperator[] = [
  'is_empty',
  'is_not_empty',
  'became_empty',
  'became_not_empty',
];
const LISTS: ConditionOperator[] = ['is_any_of', 'is_none_of'];
const ORDER: ConditionOperator[] = ['lt', 'lte', 'gt', 'gte', 'between'];
const RELATIVE: ConditionOperator[] = ['in_last', 'in_next'];

/** The operators the builder offers, and validation accepts, for each kind of field. */
export const OPERATORS_BY_KIND: Record<FieldKind, readonly ConditionOperator[]> = {
  text: [...EQUALITY, ...LISTS, 'contains', 'not_contains', 'starts_with', 'ends_with', ...BLANKS],
  picklist: [...EQUALITY, ...LISTS, ...BLANKS],
  multipicklist: [...EQUALITY, ...LISTS, ...BLANKS],
  // A Salesforce checkbox is never blank: it is true or false.
  boolean: EQUALITY,
  number: [...EQUALITY, ...ORDER, ...BLANKS],
  date: [...EQUALITY, ...ORDER, ...RELATIVE, ...BLANKS],
  datetime: [...EQUALITY, ...ORDER, ...RELATIVE, ...BLANKS],
};

/** The describe attributes conditions need; the sync's describe schema passes them through. */
const conditionFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  calculated: z.boolean().default(false),
  picklistValues: z
    .array(
      z.object({
        value: z.string(),
        label: z.string().nullish(),
        active: z.boolean().default(true),
      }),
    )
    .default([]),
});

export interface ConditionField {
  name: string;
  label: string;
  /** Undefined for types a condition cannot compare (address, location, base64…). */
  kind: FieldKind | undefined;
  /** A formula field: it changes without an edit, so change operators are refused on it. */
  calculated: boolean;
  picklistValues: { value: string; label: string; active: boolean }[];
  operators: readonly ConditionOperator[];
}

/** Lead's fields as conditions see them, by API name: for validation, compilation and the builder. */
export function conditionFields(describe: LeadDescribe): Map<string, ConditionField> {
  const fields = new Map<string, ConditionField>();
  for (const raw of describe.fields) {
    const field = conditionFieldSchema.parse(raw);
    const kind = KIND_OF_TYPE.get(field.type);
    fields.set(field.name, {
      name: field.name,
      label: field.label,
      kind,
      calculated: field.calculated,
      picklistValues: field.picklistValues.map((entry) => ({
        value: entry.value,
        label: entry.label ?? entry.value,
        active: entry.active,
      })),
      operators: kind
        ? OPERATORS_BY_KIND[kind].filter((op) => !(field.calculated && CHANGE_OPERATORS.has(op)))
        : [],
    });
  }
  return fields;
}
