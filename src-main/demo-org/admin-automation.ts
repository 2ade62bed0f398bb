// /__admin routes for the org's declarative automation: the active Lead assignment rule and
// validation rules, as an admin would set them up in Setup.
import { VALIDATION_OPERATORS, type ValidationOperator, type ValidationRule } from './automation';
import type { Exchange } from './http-util';
import { send, sendJson } from './http-util';
import type { OrgState } from './org-state';
import { objectBody } from './admin-body';
import { isPlainObject } from './records';
import type { ObjectSchema, SfValue } from './schema-types';
import { badAdminRequest as bad, notFound } from './sf-errors';

/** Handles the automation routes; false when the request is not one of them. */
export async function handleAutomationAdmin(
  ex: Exchange,
  state: OrgState,
  head: string | undefined,
  second: string | undefined,
): Promise<boolean> {
  if (head === 'assignment-rule' && second === undefined) {
    await assignmentRule(ex, state);
    return true;
  }
  if (head === 'validation-rules') {
    await validationRules(ex, state, second);
    return true;
  }
  return false;
}

async function assignmentRule(ex: Exchange, state: OrgState): Promise<void> {
  if (ex.method === 'GET') return sendJson(ex, 200, { rule: state.automation.assignmentRule });
  if (ex.method === 'DELETE') {
    state.changeAutomation((automation) => (automation.assignmentRule = null));
    return send(ex, 204, null);
  }
  if (ex.method !== 'PUT') throw notFound();
  const body = await objectBody(ex);
  const owner =
    typeof body.ownerId === 'string' ? state.table('User').get(body.ownerId) : undefined;
  if (!owner || owner.IsActive !== true) throw bad('ownerId must be the id of an active User');
  let when: { field: string; equals: SfValue } | null = null;
  if (body.when !== undefined && body.when !== null) {
    if (!isPlainObject(body.when)) throw bad('when must be {field, equals}');
    when = {
      field: fieldOf(leadSchema(state), body.when.field, 'when.field'),
      equals: scalar(body.when.equals, 'when.equals'),
    };
  }
  const rule = { ownerId: String(owner.Id), when };
  state.changeAutomation((automation) => (automation.assignmentRule = rule));
  sendJson(ex, 200, { rule });
}

async function validationRules(
  ex: Exchange,
  state: OrgState,
  name: string | undefined,
): Promise<void> {
  if (ex.method === 'GET' && name === undefined)
    return sendJson(ex, 200, { rules: state.automation.validationRules });
  if (ex.method === 'DELETE') {
    const rules = state.automation.validationRules;
    const kept = name === undefined ? [] : rules.filter((rule) => rule.name !== name);
    if (name !== undefined && kept.length === rules.length) throw notFound();
    state.changeAutomation((automation) => (automation.validationRules = kept));
    return send(ex, 204, null);
  }
  if (ex.method !== 'POST' || name !== undefined) throw notFound();
  const rule = parseValidationRule(state, await objectBody(ex));
  state.changeAutomation((automation) => automation.validationRules.push(rule));
  sendJson(ex, 201, { rule });
}

function parseValidationRule(state: OrgState, body: Record<string, unknown>): ValidationRule {
  const schema = typeof body.object === 'string' ? state.schema(body.object) : undefined;
  if (!schema) throw bad('object must name an object of the org');
  const operator = body.operator;
  if (!VALIDATION_OPERATORS.includes(operator as ValidationOperator))
    throw bad(`operator must be one of ${VALIDATION_OPERATORS.join(', ')}`);
  if (typeof body.message !== 'string' || body.message.trim() === '')
    throw bad('message must be the error text users see');
  const taken = new Set(state.automation.validationRules.map((rule) => rule.name));
  const name =
    typeof body.name === 'string' && body.name !== ''
      ? body.name
      : `Rule_${String(state.automation.validationRules.length + 1)}`;
  if (taken.has(name)) throw bad(`a validation rule named ${name} exists`);
  return {
    name,
    object: schema.name,
    field: fieldOf(schema, body.field, 'field'),
    operator: operator as ValidationOperator,
    value: operator === 'is_blank' ? null : scalar(body.value, 'value'),
    message: body.message,
    errorDisplayField:
      body.errorDisplayField === undefined || body.errorDisplayField === null
        ? null
        : fieldOf(schema, body.errorDisplayField, 'errorDisplayField'),
  };
}

function leadSchema(state: OrgState): ObjectSchema {
  const schema = state.schema('Lead');
  if (!schema) throw notFound();
  return schema;
}

/** A field's API name as the org spells it. */
function fieldOf(schema: ObjectSchema, raw: unknown, key: string): string {
  const spec = typeof raw === 'string' ? schema.byLowerName.get(raw.toLowerCase()) : undefined;
  if (!spec) throw bad(`${key} must name a field of ${schema.name}`);
  return spec.name;
}

function scalar(raw: unknown, key: string): SfValue {
  if (raw === null || ['string', 'number', 'boolean'].includes(typeof raw)) return raw as SfValue;
  throw bad(`${key} must be a string, number, boolean or null (the field's JSON value)`);
}
