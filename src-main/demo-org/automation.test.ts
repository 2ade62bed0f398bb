import { describe, expect, it } from 'vitest';
import {
  assignedOwner,
  autoAssignRequested,
  validationFailure,
  type ValidationRule,
} from './automation';

const rule = (overrides: Partial<ValidationRule>): ValidationRule => ({
  name: 'Rule_1',
  object: 'Lead',
  field: 'Status',
  operator: 'equals',
  value: 'Closed - Not Converted',
  message: 'No.',
  errorDisplayField: null,
  ...overrides,
});

describe('validation rules reject a record by one field', () => {
  it.each([
    ['equals', 'Closed - Not Converted', { Status: 'Closed - Not Converted' }, true],
    ['equals', 'Closed - Not Converted', { Status: 'Open - Not Contacted' }, false],
    ['not_equals', 'Web', { LeadSource: 'Phone Inquiry' }, true],
    ['not_equals', 'Web', { LeadSource: 'Web' }, false],
    ['contains', 'TEST', { Company: 'ACME TEST Ltd' }, true],
    ['contains', 'TEST', { Company: 'Acme test' }, false],
    ['is_blank', null, { Phone: '' }, true],
    ['is_blank', null, { Phone: '+1 555' }, false],
  ] as const)('%s %s on %o rejects: %s', (operator, value, record, rejected) => {
    const field = Object.keys(record)[0] ?? '';
    const failure = validationFailure([rule({ operator, value, field })], 'Lead', record);
    expect(failure !== null).toBe(rejected);
  });

  it('applies only to its object and names the field it is shown at', () => {
    const rules = [rule({ errorDisplayField: 'Status' })];
    expect(validationFailure(rules, 'Contact', { Status: 'Closed - Not Converted' })).toBeNull();
    expect(validationFailure(rules, 'Lead', { Status: 'Closed - Not Converted' })).toEqual({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'No.',
      fields: ['Status'],
    });
  });
});

describe('the assignment rule', () => {
  it('runs unless Sforce-Auto-Assign says FALSE, in any case', () => {
    expect(autoAssignRequested(undefined)).toBe(true);
    expect(autoAssignRequested('TRUE')).toBe(true);
    expect(autoAssignRequested('01Q000000000001AAA')).toBe(true);
    expect(autoAssignRequested('FALSE')).toBe(false);
    expect(autoAssignRequested(' false ')).toBe(false);
  });

  it('gives the Leads its entry matches to its owner', () => {
    const entry = { ownerId: '005A', when: { field: 'LeadSource', equals: 'Web' } };
    expect(assignedOwner(entry, { LeadSource: 'Web' })).toBe('005A');
    expect(assignedOwner(entry, { LeadSource: 'Other' })).toBeNull();
    expect(assignedOwner({ ownerId: '005A', when: null }, {})).toBe('005A');
    expect(assignedOwner(null, { LeadSource: 'Web' })).toBeNull();
  });
});
