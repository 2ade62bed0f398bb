// Record writes with Salesforce's validation rules, derived from each object's describe: field
// existence, createable/updateable, required fields, value types, restricted picklists, ids.
import type { OrgState, Transaction } from './org-state';
import type { FieldSpec, ObjectSchema, SfRecord, SfValue } from './schema-types';
import { isNumberType, isTextType } from './schema-types';
import { keyPrefixOf, normaliseId } from './salesforce-id';
import { canonicalDateTime, parseDate } from './sf-datetime';
import { checkActivity, isActivity } from './activity-rules';
import { assignedOwner, autoAssignRequested, validationFailure } from './automation';
import { duplicateRefusal } from './duplicate-rules';
import { uniqueValueTaken } from './external-id';
import { fail, ok, type Checked, type SaveOptions } from './save-result';

export type { Checked, SaveError, SaveOptions, SaveResult } from './save-result';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const NO_OPTIONS: SaveOptions = { allowSave: false };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class RecordRules {
  constructor(private readonly state: OrgState) {}

  /** Checks an id from a URL or a collection against the object; returns the 18-char id. */
  checkId(schema: ObjectSchema, raw: unknown, label = 'Record ID'): Checked<string> {
    const id = typeof raw === 'string' ? normaliseId(raw) : null;
    if (id === null || keyPrefixOf(id) !== schema.keyPrefix) {
      return fail('MALFORMED_ID', `${label}: id value of incorrect type: ${String(raw)}`, ['Id']);
    }
    return ok(id);
  }

  checkCreate(
    schema: ObjectSchema,
    body: unknown,
    options: SaveOptions = NO_OPTIONS,
  ): Checked<SfRecord> {
    if (schema.readOnly) return unsupported(schema, 'insert');
    if (!isPlainObject(body))
      return fail('JSON_PARSER_ERROR', 'The request body must be a JSON object');
    const values: SfRecord = {};
    for (const [key, raw] of Object.entries(body)) {
      if (key === 'attributes') continue;
      const spec = schema.byLowerName.get(key.toLowerCase());
      if (!spec)
        return fail('INVALID_FIELD', `No such column '${key}' on sobject of type ${schema.name}`);
      if (!spec.createable) return notWritable(spec);
      const value = this.coerce(spec, raw);
      if (!value.ok) return value;
      values[spec.name] = value.value;
    }
    const missing = schema.fields
      .filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean')
      .filter(
        (f) => values[f.name] === undefined || values[f.name] === null || values[f.name] === '',
      )
      .map((f) => f.name);
    if (missing.length > 0) {
      return fail(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    }
    return this.checkSave(schema, values, null, options);
  }

  checkUpdate(
    schema: ObjectSchema,
    id: string,
    body: unknown,
    options: SaveOptions = NO_OPTIONS,
  ): Checked<SfRecord> {
    if (schema.readOnly) return unsupported(schema, 'update');
    if (!isPlainObject(body))
      return fail('JSON_PARSER_ERROR', 'The request body must be a JSON object');
    const existing = this.state.table(schema.name).get(id);
    if (!existing) return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    if (existing.IsDeleted === true) return fail('ENTITY_IS_DELETED', 'entity is deleted');
    // A converted Lead is read-only: its data lives on in the Contact, Account and Opportunity.
    if (existing.IsConverted === true)
      return fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
    const values: SfRecord = {};
    for (const [key, raw] of Object.entries(body)) {
      if (key === 'attributes' || key.toLowerCase() === 'id') continue;
      const spec = schema.byLowerName.get(key.toLowerCase());
      if (!spec)
        return fail('INVALID_FIELD', `No such column '${key}' on sobject of type ${schema.name}`);
      if (!spec.updateable) return notWritable(spec);
      const value = this.coerce(spec, raw);
      if (!value.ok) return value;
      if (value.value === null && !spec.nillable) {
        return fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${spec.name}]`, [
          spec.name,
        ]);
      }
      values[spec.name] = value.value;
    }
    return this.checkSave(schema, values, id, options);
  }

  /**
   * What every save checks once its values are typed, in Salesforce's order of execution: the
   * owner, the object's own rules (which may derive fields), custom validation rules, duplicate
   * rules, then the unique fields' indexes as the row is written.
   */
  private checkSave(
    schema: ObjectSchema,
    values: SfRecord,
    id: string | null,
    options: SaveOptions,
  ): Checked<SfRecord> {
    const owner = this.inactiveOwner(schema, values.OwnerId);
    if (owner) return owner;
    const existing = id === null ? undefined : this.state.table(schema.name).get(id);
    const saved = isActivity(schema.name)
      ? checkActivity(schema.name, values, existing, (ref) => this.state.find(ref))
      : ok(values);
    if (!saved.ok) return saved;
    const record = { ...(existing ?? defaultsOf(schema)), ...saved.value };
    const invalid = validationFailure(this.state.automation.validationRules, schema.name, record);
    if (invalid) return { ok: false, error: invalid };
    const duplicate = duplicateRefusal(this.state, schema.name, saved.value, id, options.allowSave);
    if (duplicate) return { ok: false, error: duplicate };
    return uniqueValueTaken(this.state, schema, saved.value, id) ?? saved;
  }

  /** A deactivated user cannot be given records (Salesforce's INACTIVE_OWNER_OR_USER). */
  private inactiveOwner(schema: ObjectSchema, ownerId: SfValue | undefined): Checked<never> | null {
    if (typeof ownerId !== 'string') return null;
    const user = this.state.table('User').get(ownerId);
    if (!user || user.IsActive === true) return null;
    return fail(
      'INACTIVE_OWNER_OR_USER',
      `operation performed with inactive user [${ownerId.slice(0, 15)}] as owner of ${schema.name.toLowerCase()}`,
    );
  }

  /**
   * A Lead saved through the API gets the active assignment rule's owner, unless the request's
   * Sforce-Auto-Assign header says FALSE (assignment runs after validation, on the checked values).
   */
  assignOwner(
    schema: ObjectSchema,
    values: SfRecord,
    id: string | null,
    autoAssignHeader: string | string[] | undefined,
  ): SfRecord {
    if (schema.name !== 'Lead' || !autoAssignRequested(autoAssignHeader)) return values;
    const existing = id === null ? undefined : this.state.table(schema.name).get(id);
    const lead = { ...(existing ?? defaultsOf(schema)), ...values };
    const owner = assignedOwner(this.state.automation.assignmentRule, lead);
    // A rule naming a user deactivated since leaves the Lead where it was.
    const active = owner !== null && this.state.table('User').get(owner)?.IsActive === true;
    return active ? { ...values, OwnerId: owner } : values;
  }

  checkDelete(schema: ObjectSchema, id: string): Checked<string> {
    if (schema.readOnly) return unsupported(schema, 'delete');
    const existing = this.state.table(schema.name).get(id);
    if (!existing) return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    if (existing.IsDeleted === true) return fail('ENTITY_IS_DELETED', 'entity is deleted');
    if (schema.name === 'User') return fail('INVALID_OPERATION', 'Users cannot be deleted');
    return ok(id);
  }

  private coerce(spec: FieldSpec, raw: unknown): Checked<SfValue> {
    if (raw === null || raw === undefined) {
      return spec.type === 'boolean' ? ok(false) : ok(null);
    }
    const deserialize = (): Checked<never> =>
      fail(
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of ${spec.type} from ${typeof raw === 'string' ? 'VALUE_STRING' : 'START_OBJECT'} value ${typeof raw === 'object' ? '{' : String(raw)} or request may be missing a required field`,
      );
    if (typeof raw === 'object') return deserialize();
    const t = spec.type;
    if (isTextType(t)) {
      const text = String(raw);
      if (text === '') return ok(null);
      if (spec.length > 0 && text.length > spec.length) {
        return fail(
          'STRING_TOO_LONG',
          `${spec.label}: data value too large: ${text.slice(0, 80)} (max length=${spec.length})`,
          [spec.name],
        );
      }
      if (t === 'email' && !EMAIL.test(text)) {
        return fail('INVALID_EMAIL_ADDRESS', `${spec.label}: invalid email address: ${text}`, [
          spec.name,
        ]);
      }
      if (spec.restrictedPicklist && (t === 'picklist' || t === 'multipicklist')) {
        const allowed = new Set(spec.picklistValues.map((p) => p.value));
        const items = t === 'multipicklist' ? text.split(';') : [text];
        const bad = items.find((item) => !allowed.has(item));
        if (bad !== undefined) {
          return fail(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${spec.label}: bad value for restricted picklist field: ${bad}`,
            [spec.name],
          );
        }
      }
      return ok(text);
    }
    if (isNumberType(t)) {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw)
            : NaN;
      if (!Number.isFinite(n)) return deserialize();
      if (t === 'int' && !Number.isInteger(n)) return deserialize();
      return ok(n);
    }
    if (t === 'boolean') {
      if (typeof raw === 'boolean') return ok(raw);
      if (raw === 'true' || raw === 'false') return ok(raw === 'true');
      return deserialize();
    }
    if (t === 'date') {
      const text = String(raw);
      const date = parseDate(text.slice(0, 10)) !== null ? text.slice(0, 10) : null;
      return date === null || (text.length > 10 && canonicalDateTime(text) === null)
        ? deserialize()
        : ok(date);
    }
    if (t === 'datetime') {
      const value = typeof raw === 'string' ? canonicalDateTime(raw) : null;
      return value === null ? deserialize() : ok(value);
    }
    if (t === 'reference' || t === 'id') {
      const id = typeof raw === 'string' ? normaliseId(raw) : null;
      if (id === null)
        return fail('MALFORMED_ID', `${spec.label}: id value of incorrect type: ${String(raw)}`, [
          spec.name,
        ]);
      const target = this.state.find(id);
      // An id of another object is the wrong type; a missing or deleted one is a broken reference.
      if (target && !spec.referenceTo.includes(target.object))
        return fail(
          'FIELD_INTEGRITY_EXCEPTION',
          `${spec.label}: id value of incorrect type: ${id}`,
          [spec.name],
        );
      if (!target || target.record.IsDeleted === true) {
        return fail(
          'INVALID_CROSS_REFERENCE_KEY',
          `${spec.label}: id value of incorrect type: ${id}`,
          [spec.name],
        );
      }
      return ok(id);
    }
    return deserialize();
  }
}

/** The values a new record starts with before the save's own (field defaults). */
function defaultsOf(schema: ObjectSchema): SfRecord {
  const record: SfRecord = {};
  for (const field of schema.fields)
    if (field.defaultValue !== null) record[field.name] = field.defaultValue;
  return record;
}

/** A write to an object the API only reads (the Organization). */
function unsupported(schema: ObjectSchema, operation: string): Checked<never> {
  return fail('INVALID_TYPE', `entity type ${schema.name} does not support ${operation}`);
}

function notWritable(spec: FieldSpec): Checked<never> {
  return fail(
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${spec.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    [spec.name],
  );
}

/** Applies already-checked writes inside a transaction. */
export function applyCreate(tx: Transaction, schema: ObjectSchema, values: SfRecord): string {
  return String(tx.insert(schema.name, values).Id);
}
