// Reads the admin API's "add custom fields" request into field metadata, with the rules
// Salesforce's Setup applies to a new custom field's API name.
import { customField, formulaField } from './field-catalog';
import { formulaReturnType, SUPPORTED_FORMULAS } from './formulas';
import { isPlainObject } from './records';
import type { FieldSpec, FieldType, ObjectSchema } from './schema-types';
import { SfApiError } from './sf-errors';

/** Salesforce caps a custom field's API name at 40 characters, `__c` included. */
const MAX_API_NAME = 40;
const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/;
const STORED_TYPES: FieldType[] = [
  'string',
  'textarea',
  'double',
  'int',
  'currency',
  'percent',
  'boolean',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
];

function bad(message: string): SfApiError {
  return new SfApiError(400, 'INVALID_ADMIN_REQUEST', message);
}

/** The types Setup offers "External ID" and "Unique" for (text, number and email fields). */
const KEY_TYPES: FieldType[] = ['string', 'double', 'int', 'email'];

function flag(item: Record<string, unknown>, name: string): boolean {
  const value = item[name];
  if (value !== undefined && typeof value !== 'boolean') throw bad(`${name} must be true or false`);
  return value === true;
}

/**
 * `{fields: [...]}` or one field:
 * `{name, label?, type?, length?, required?, formula?, externalId?, unique?}`.
 */
export function newCustomFields(schema: ObjectSchema, body: Record<string, unknown>): FieldSpec[] {
  const items = Array.isArray(body.fields) ? (body.fields as unknown[]) : [body];
  const taken = new Set(schema.byLowerName.keys());
  return items.map((item) => {
    if (!isPlainObject(item)) throw bad('each field must be a JSON object');
    const { name, label, type, length, formula } = item;
    if (typeof name !== 'string' || !API_NAME.test(name) || name.length > MAX_API_NAME)
      throw bad(
        `name must be a custom field API name ending in __c, at most ${MAX_API_NAME} characters`,
      );
    if (taken.has(name.toLowerCase())) throw bad(`a field named ${name} already exists`);
    taken.add(name.toLowerCase());
    const shownLabel = typeof label === 'string' && label !== '' ? label : name.slice(0, -3);
    const required = flag(item, 'required');
    const externalId = flag(item, 'externalId');
    const unique = flag(item, 'unique');
    // Setup offers "Required" for neither a formula (computed) nor a checkbox (never null).
    if (required && (formula !== undefined || type === 'boolean'))
      throw bad('a formula or checkbox field cannot be required');
    if ((externalId || unique) && (formula !== undefined || !KEY_TYPES.includes(type as FieldType)))
      throw bad(
        `only a stored field of type ${KEY_TYPES.join(', ')} can be an external id or unique`,
      );
    if (formula !== undefined) {
      const returns = typeof formula === 'string' ? formulaReturnType(formula) : undefined;
      if (!returns)
        throw bad(
          `formula must be one of the formulas this org evaluates: ${SUPPORTED_FORMULAS.join(' | ')}`,
        );
      return formulaField(name, shownLabel, returns, formula as string);
    }
    if (!STORED_TYPES.includes(type as FieldType))
      throw bad(`type must be one of ${STORED_TYPES.join(', ')}`);
    if (
      length !== undefined &&
      (typeof length !== 'number' || !Number.isInteger(length) || length < 1)
    )
      throw bad('length must be a positive whole number');
    return customField(name, shownLabel, type as FieldType, {
      ...(typeof length === 'number' ? { length } : {}),
      required,
      externalId,
      unique,
    });
  });
}
