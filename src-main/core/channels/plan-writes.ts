import { z } from 'zod';
import type { ChannelRuleError, FieldWrite, FieldWriteSource } from '../../../src-preload/contract';
import type { ConditionField } from './field-kinds';
import { parseDay } from './zoned-calendar';

/** A fixed value as Salesforce takes it for the field's type (null clears the field). */
export type FixedValue = string | number | boolean | null;

/** An Update channel's write, checked against the describe: what the firing needs. */
export type PlannedWrite =
  | { field: string; type: string; source: 'fixed'; value: FixedValue }
  | { field: string; type: string; source: Exclude<FieldWriteSource, 'fixed'> };

type Problem = Omit<ChannelRuleError, 'path' | 'write'>;

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const INTEGER_TYPES = new Set(['int', 'long']);
const emailSchema = z.email();

const SOURCE_WORDS: Record<FieldWriteSource, string> = {
  fixed: 'a fixed value',
  meeting_start: 'the meeting’s start',
  meeting_end: 'the meeting’s end',
  meeting_url: 'the meeting URL',
  host_email: 'the host’s email',
  instance_status: 'the instance’s status',
  host_user: 'the host’s Salesforce User',
};

function name(field: TypedField): string {
  return `${field.label} (${field.name})`;
}

function notOfType(field: TypedField, expected: string): Problem {
  return {
    code: 'VALUE_NOT_OF_TYPE',
    message: `${name(field)} takes ${expected}; change the value.`,
  };
}

/** The describe attributes a fixed value is checked against. */
export type TypedField = Pick<
  ConditionField,
  'name' | 'label' | 'type' | 'kind' | 'nillable' | 'picklistValues' | 'referenceTo' | 'length'
>;

/**
 * A fixed value typed by the field's describe: what Salesforce would accept, or why not
 * (Update channels' writes and booking mappings alike).
 */
export function typedValue(field: TypedField, value: unknown): { value: FixedValue } | Problem {
  if (value === null || value === '') {
    return field.nillable
      ? { value: null }
      : {
          code: 'VALUE_MISSING',
          message: `${name(field)} cannot be empty in Salesforce; give the value to write.`,
        };
  }
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? { value } : notOfType(field, 'true or false');
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) {
        return notOfType(field, 'a number');
      }
      if (INTEGER_TYPES.has(field.type) && !Number.isInteger(number)) {
        return notOfType(field, 'a whole number');
      }
      return { value: number };
    }
    case 'date':
      return typeof value === 'string' && parseDay(value) !== undefined
        ? { value }
        : notOfType(field, 'a date like 2026-03-31');
    case 'datetime': {
      const instant = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : NaN;
      return Number.isFinite(instant)
        ? { value: new Date(instant).toISOString() }
        : notOfType(field, 'a date and time with its offset, like 2026-03-31T09:00:00Z');
    }
    case 'picklist':
    case 'multipicklist':
      return picklistValue(field, value);
    default:
      return textValue(field, value);
  }
}

/** Only the picklist's active values: a restricted picklist refuses others, and an
 * unrestricted one would take a typo as a new value nobody can filter on. */
function picklistValue(field: TypedField, value: unknown): { value: FixedValue } | Problem {
  const multi = field.kind === 'multipicklist';
  if (typeof value !== 'string') {
    return notOfType(
      field,
      multi ? 'values of its picklist, like A;B' : 'one of its picklist values',
    );
  }
  const active = new Set(field.picklistValues.filter((e) => e.active).map((e) => e.value));
  const parts = multi ? value.split(';') : [value];
  const unknown = parts.find((part) => !active.has(part));
  if (unknown === undefined) return { value: multi ? [...new Set(parts)].join(';') : value };
  return {
    code: 'PICKLIST_VALUE_UNKNOWN',
    message: `"${unknown}" is not an active value of ${name(field)}'s picklist (values are API names, case matters); pick one from the list.`,
  };
}

function textValue(field: TypedField, value: unknown): { value: FixedValue } | Problem {
  if (typeof value !== 'string') return notOfType(field, 'some text');
  if (field.type === 'reference' && !SALESFORCE_ID.test(value)) {
    return notOfType(field, `the 15- or 18-character Id of a ${field.referenceTo.join(' or ')}`);
  }
  if (field.type === 'email' && !emailSchema.safeParse(value).success) {
    return notOfType(field, 'an email address');
  }
  if (field.length > 0 && value.length > field.length) {
    return notOfType(field, `at most ${field.length} characters`);
  }
  return { value };
}

function planWrite(
  write: FieldWrite,
  fields: ReadonlyMap<string, ConditionField>,
): PlannedWrite | Problem {
  const field = fields.get(write.field);
  if (!field) {
    return {
      code: 'FIELD_UNKNOWN',
      message: `Lead has no field ${write.field} (it may have been renamed or deleted in Salesforce); choose another field.`,
    };
  }
  if (field.writeSources.length === 0) {
    return {
      code: 'FIELD_NOT_UPDATEABLE',
      message: `${name(field)} cannot be written (Salesforce does not let it be updated, or Leadbridge cannot type it); choose another field.`,
    };
  }
  if (!field.writeSources.includes(write.source)) {
    return {
      code: 'WRITE_SOURCE_NOT_FOR_FIELD',
      message: `${name(field)} cannot take ${SOURCE_WORDS[write.source]}; choose one of: ${field.writeSources.map((source) => SOURCE_WORDS[source]).join(', ')}.`,
    };
  }
  const base = { field: field.name, type: field.type };
  if (write.source !== 'fixed') return { ...base, source: write.source };
  if (write.value === undefined) {
    return {
      code: 'VALUE_MISSING',
      message: `Writing ${name(field)} needs the value to write (or empty to clear it); fill it in.`,
    };
  }
  const typed = typedValue(field, write.value);
  return 'code' in typed ? typed : { ...base, source: 'fixed', value: typed.value };
}

/**
 * An Update channel's writes checked against the describe: each write's plan, and every
 * problem named by the write's index. Shared by validation and the firing so both agree.
 */
export function planWrites(
  writes: readonly FieldWrite[],
  fields: ReadonlyMap<string, ConditionField>,
): { planned: PlannedWrite[]; errors: ChannelRuleError[] } {
  const planned: PlannedWrite[] = [];
  const errors: ChannelRuleError[] = [];
  const seen = new Set<string>();
  writes.forEach((write, index) => {
    const plan = planWrite(write, fields);
    if ('code' in plan) {
      errors.push({ path: [], write: index, ...plan });
      return;
    }
    if (seen.has(plan.field)) {
      errors.push({
        path: [],
        write: index,
        code: 'FIELD_WRITTEN_TWICE',
        message: `${plan.field} is written twice; keep one of the two writes.`,
      });
      return;
    }
    seen.add(plan.field);
    planned.push(plan);
  });
  return { planned, errors };
}
