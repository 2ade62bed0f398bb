import { z } from 'zod';
import type { ConditionOperator, FieldWriteSource } from '../../../src-preload/contract';
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

/**
 * The describe attributes conditions and Update channels' writes need; the sync's describe
 * schema passes them through.
 */
const conditionFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  calculated: z.boolean().default(false),
  updateable: z.boolean().default(false),
  nillable: z.boolean().default(true),
  referenceTo: z.array(z.string()).nullish(),
  /** Characters a text field holds (0 for types without a length). */
  length: z.number().int().nonnegative().default(0),
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
  /** Salesforce's type (string, email, reference…). */
  type: string;
  /** Undefined for types a condition cannot compare (address, location, base64…). */
  kind: FieldKind | undefined;
  /** A formula field: it changes without an edit, so change operators are refused on it. */
  calculated: boolean;
  picklistValues: { value: string; label: string; active: boolean }[];
  operators: readonly ConditionOperator[];
  updateable: boolean;
  nillable: boolean;
  /** The objects a reference field points to (`OwnerId`: Group, User). */
  referenceTo: string[];
  length: number;
  /** Where an Update channel may take a value for it from (none: it is not writable). */
  writeSources: readonly FieldWriteSource[];
}

/** Text a person reads: any instance fact fits in it. */
const FREE_TEXT = new Set(['string', 'textarea']);

/**
 * The sources an Update channel may write a field from: a fixed value to any field Leadbridge
 * can type, an instance's fact only where it fits (a time to a date, datetime or text; a URL
 * to a url or text; the host's email to an email or text; the status to text), and the
 * host's User only to a reference that may point to a User (OwnerId).
 */
function writeSourcesOf(
  type: string,
  kind: FieldKind | undefined,
  writable: boolean,
  referenceTo: readonly string[],
): FieldWriteSource[] {
  if (!writable || !kind) return [];
  const text = FREE_TEXT.has(type);
  const sources: FieldWriteSource[] = ['fixed'];
  if (text || type === 'datetime' || type === 'date') sources.push('meeting_start', 'meeting_end');
  if (text || type === 'url') sources.push('meeting_url');
  if (text || type === 'email') sources.push('host_email');
  if (text) sources.push('instance_status');
  if (type === 'reference' && referenceTo.includes('User')) sources.push('host_user');
  return sources;
}

/** Lead's fields as conditions see them, by API name: for validation, compilation and the builder. */
export function conditionFields(
  describe: Pick<LeadDescribe, 'fields'>,
): Map<string, ConditionField> {
  const fields = new Map<string, ConditionField>();
  for (const raw of describe.fields) {
    const field = conditionFieldSchema.parse(raw);
    const kind = KIND_OF_TYPE.get(field.type);
    const referenceTo = field.referenceTo ?? [];
    // A formula field reports updateable false anyway; the check guards a describe that errs.
    const writable = field.updateable && !field.calculated;
    fields.set(field.name, {
      name: field.name,
      label: field.label,
      type: field.type,
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
      updateable: writable,
      nillable: field.nillable,
      referenceTo,
      length: field.length,
      writeSources: writeSourcesOf(field.type, kind, writable, referenceTo),
    });
  }
  return fields;
}
