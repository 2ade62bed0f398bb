// The org's declarative automation an admin sets up in Setup: validation rules that reject a
// value, and the active Lead assignment rule. Salesforce runs custom validation rules on every
// save (API and UI), and the assignment rule on API creates and updates of Leads unless the
// request says `Sforce-Auto-Assign: FALSE` (REST defaults to TRUE).
import type { SaveError } from './save-result';
import type { SfRecord, SfValue } from './schema-types';

export const VALIDATION_OPERATORS = ['equals', 'not_equals', 'contains', 'is_blank'] as const;
export type ValidationOperator = (typeof VALIDATION_OPERATORS)[number];

/** "Reject the save when <field> <operator> <value>", with the message an admin wrote. */
export interface ValidationRule {
  name: string;
  object: string;
  field: string;
  operator: ValidationOperator;
  value: SfValue;
  message: string;
  /** The field the error is shown at; null shows it at the top of the page (fields: []). */
  errorDisplayField: string | null;
}

/** One rule entry: Leads matching `when` (every Lead without it) go to `ownerId`. */
export interface AssignmentRule {
  ownerId: string;
  when: { field: string; equals: SfValue } | null;
}

export interface Automation {
  validationRules: ValidationRule[];
  assignmentRule: AssignmentRule | null;
}

export function noAutomation(): Automation {
  return { validationRules: [], assignmentRule: null };
}

function isBlank(value: SfValue | undefined): boolean {
  return value === null || value === undefined || value === '';
}

function rejects(rule: ValidationRule, record: SfRecord): boolean {
  const actual = record[rule.field];
  switch (rule.operator) {
    case 'equals':
      return !isBlank(actual) && actual === rule.value;
    case 'not_equals':
      return actual !== rule.value;
    case 'contains':
      return typeof actual === 'string' && actual.includes(String(rule.value));
    case 'is_blank':
      return isBlank(actual);
  }
}

/** The first validation rule the record as saved breaks, as Salesforce reports it. */
export function validationFailure(
  rules: readonly ValidationRule[],
  object: string,
  record: SfRecord,
): SaveError | null {
  const broken = rules.find((rule) => rule.object === object && rejects(rule, record));
  if (!broken) return null;
  return {
    statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    message: broken.message,
    fields: broken.errorDisplayField === null ? [] : [broken.errorDisplayField],
  };
}

/** `Sforce-Auto-Assign`: absent, TRUE or an AssignmentRule id run the rule; FALSE does not. */
export function autoAssignRequested(header: string | string[] | undefined): boolean {
  return typeof header !== 'string' || header.trim().toUpperCase() !== 'FALSE';
}

/** The owner the active rule gives a Lead as saved; null when no rule entry matches. */
export function assignedOwner(rule: AssignmentRule | null, lead: SfRecord): string | null {
  if (!rule) return null;
  if (rule.when && lead[rule.when.field] !== rule.when.equals) return null;
  return rule.ownerId;
}
