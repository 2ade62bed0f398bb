import { describe, expect, it } from 'vitest';
import type { BookingSettings, FieldMapping } from '../../../src-preload/contract';
import { leadSettings } from '../../../test/support/booking-fixture';
import { readSalesforceFixture } from '../../../test/support/salesforce-fixtures';
import { validateBookingSettings } from './mapping-validation';
import { describedObject } from './object-describes';

const Lead = describedObject(readSalesforceFixture('lead-describe.json'), '2026-11-22T09:00:00Z');
const Contact = describedObject(
  readSalesforceFixture('contact-describe.json'),
  '2026-11-22T09:00:00Z',
);

const withLeadRows = (rows: FieldMapping[], changes: Partial<BookingSettings> = {}) =>
  leadSettings({ leadMapping: [...leadSettings().leadMapping, ...rows], ...changes });

const codes = (settings: BookingSettings) =>
  validateBookingSettings(settings, { Lead, Contact }).map(({ code, index, field, object }) => ({
    code,
    index,
    field,
    object,
  }));

describe('booking mapping validation against the describes', () => {
  it('takes a complete Lead mapping as it is', () => {
    expect(codes(leadSettings())).toEqual([]);
  });

  it('a required field left unmapped (not nillable, createable, not defaulted) when creating, and only then', () => {
    const settings = leadSettings({
      leadMapping: leadSettings().leadMapping.filter((row) => row.field !== 'Company'),
    });
    expect(codes(settings)).toEqual([
      { code: 'REQUIRED_FIELD_UNMAPPED', index: null, field: 'Company', object: 'Lead' },
    ]);
    expect(codes({ ...settings, createWhenMissing: false })).toEqual([]);
    // A fixed empty value is no value.
    const blank = withLeadRows([]);
    blank.leadMapping = blank.leadMapping.map((row) =>
      row.field === 'Company' ? { field: 'Company', source: { kind: 'fixed', value: '' } } : row,
    );
    expect(codes(blank)).toEqual([
      { code: 'REQUIRED_FIELD_UNMAPPED', index: 2, field: 'Company', object: 'Lead' },
    ]);
  });

  it('each row’s problem, at its index, in the admin’s words', () => {
    const settings = withLeadRows([
      { field: 'Nope__c', source: { kind: 'fixed', value: 'x' } },
      { field: 'Name', source: { kind: 'booking', field: 'guest_name' } },
      { field: 'Email', source: { kind: 'booking', field: 'guest_email' } },
      { field: 'NumberOfEmployees', source: { kind: 'fixed', value: 'many' } },
      { field: 'Phone', source: { kind: 'fixed', value: 'x'.repeat(41) } },
      { field: 'Rating', source: { kind: 'fixed', value: 'Lukewarm' } },
      { field: 'NumberOfEmployees', source: { kind: 'booking', field: 'start' } },
      { field: 'Description', source: { kind: 'booking', field: 'answer' } },
      { field: 'Title', source: { kind: 'booking', field: 'host_user' } },
    ]);
    const errors = validateBookingSettings(settings, { Lead });
    expect(errors.map(({ code, index, field }) => ({ code, index, field }))).toEqual([
      { code: 'FIELD_UNKNOWN', index: 5, field: 'Nope__c' },
      { code: 'FIELD_NOT_WRITABLE', index: 6, field: 'Name' },
      { code: 'FIELD_MAPPED_TWICE', index: 7, field: 'Email' },
      { code: 'VALUE_NOT_OF_TYPE', index: 8, field: 'NumberOfEmployees' },
      { code: 'VALUE_TOO_LONG', index: 9, field: 'Phone' },
      { code: 'PICKLIST_VALUE_UNKNOWN', index: 10, field: 'Rating' },
      { code: 'FIELD_MAPPED_TWICE', index: 11, field: 'NumberOfEmployees' },
      { code: 'ANSWER_LABEL_MISSING', index: 12, field: 'Description' },
      { code: 'SOURCE_NOT_FOR_FIELD', index: 13, field: 'Title' },
    ]);
    expect(errors[4]!.message).toBe(
      'Lead field Phone (Phone) holds at most 40 characters and the value has 41: shorten it.',
    );
    expect(errors[8]!.message).toMatch(/cannot take the booking's host user: pick another/);
  });

  it('a booking field that does not fit the field’s type', () => {
    expect(
      codes(
        withLeadRows([{ field: 'NumberOfEmployees', source: { kind: 'booking', field: 'start' } }]),
      ),
    ).toEqual([
      { code: 'SOURCE_NOT_FOR_FIELD', index: 5, field: 'NumberOfEmployees', object: 'Lead' },
    ]);
    expect(
      codes(withLeadRows([{ field: 'OwnerId', source: { kind: 'booking', field: 'host_user' } }])),
    ).toEqual([]);
  });

  it('checks the Contact mapping when Contacts are posted to, and says when a describe is missing', () => {
    const contactOnly = leadSettings({ objectToLink: 'contact', contactMapping: [] });
    expect(codes(contactOnly)).toEqual([
      { code: 'REQUIRED_FIELD_UNMAPPED', index: null, field: 'LastName', object: 'Contact' },
    ]);
    const either = leadSettings({ objectToLink: 'contact_else_lead' });
    expect(codes(either)).toEqual([]);
    expect(
      validateBookingSettings(either, { Lead }).map(({ code, object }) => ({ code, object })),
    ).toEqual([{ code: 'DESCRIBE_MISSING', object: 'Contact' }]);
  });

  it('a field that cannot be written in the chosen mode: createable-only when only overwriting', () => {
    const row: FieldMapping = { field: 'IsConverted', source: { kind: 'fixed', value: false } };
    const overwriteOnly = { createWhenMissing: false, overwriteWhenFound: true };
    expect(codes(withLeadRows([row], overwriteOnly))).toEqual([
      { code: 'FIELD_NOT_WRITABLE', index: 5, field: 'IsConverted', object: 'Lead' },
    ]);
    expect(codes(withLeadRows([row]))).toEqual([]);
  });
});
