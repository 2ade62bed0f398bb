import { describe, expect, it } from 'vitest';
import { leadFieldsFixture } from '../test-support/platform-fixtures';
import { offeredFields, rowForField, splitErrors, writeModes } from './mapping-rules';

const names = (fields: { name: string }[]) => fields.map((field) => field.name);

describe('mapping rules', () => {
  it('writes a found Contact but creates a Lead with “Contact if one exists, else Lead”', () => {
    expect(
      writeModes({
        objectToLink: 'contact_else_lead',
        createWhenMissing: true,
        overwriteWhenFound: true,
      }),
    ).toEqual({
      Contact: { create: false, overwrite: true },
      Lead: { create: true, overwrite: true },
    });
    expect(
      writeModes({ objectToLink: 'contact', createWhenMissing: true, overwriteWhenFound: false }),
    ).toEqual({ Contact: { create: true, overwrite: false } });
  });

  it('offers only createable fields for creating and only updateable ones for overwriting', () => {
    const fields = leadFieldsFixture();
    const creating = names(offeredFields(fields, { create: true, overwrite: false }));
    const overwriting = names(offeredFields(fields, { create: false, overwrite: true }));
    expect(creating).toContain('Original_Source__c');
    expect(overwriting).not.toContain('Original_Source__c');
    for (const offered of [creating, overwriting]) {
      expect(offered).not.toContain('Name');
      expect(offered).not.toContain('Score__c');
    }
  });

  it('starts a new row from the field’s own booking fact, or a picklist’s first value', () => {
    const fields = new Map(leadFieldsFixture().map((field) => [field.name, field]));
    expect(rowForField(fields.get('OwnerId')!)).toEqual({
      field: 'OwnerId',
      source: { kind: 'booking', field: 'host_user' },
    });
    expect(rowForField(fields.get('LeadSource')!)).toEqual({
      field: 'LeadSource',
      source: { kind: 'fixed', value: 'Web' },
    });
  });

  it('splits the host’s errors into rows and the whole mapping, per object', () => {
    const { byRow, whole } = splitErrors(
      [
        { object: 'Lead', index: 2, field: 'Phone', code: 'VALUE_TOO_LONG', message: 'a' },
        {
          object: 'Lead',
          index: null,
          field: 'Company',
          code: 'REQUIRED_FIELD_UNMAPPED',
          message: 'b',
        },
        { object: 'Contact', index: 2, field: 'Phone', code: 'VALUE_TOO_LONG', message: 'c' },
      ],
      'Lead',
    );
    expect([...byRow.keys()]).toEqual([2]);
    expect(byRow.get(2)?.map((error) => error.message)).toEqual(['a']);
    expect(whole.map((error) => error.message)).toEqual(['b']);
  });
});
