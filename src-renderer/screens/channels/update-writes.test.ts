import { describe, expect, it } from 'vitest';
import type { ConditionFieldInfo } from '../../../src-preload/contract';
import {
  describeStatusTrigger,
  describeWrites,
  errorsByWrite,
  updateableFields,
  withSource,
  writeForField,
} from './update-writes';

function field(name: string, overrides: Partial<ConditionFieldInfo> = {}): ConditionFieldInfo {
  return {
    name,
    label: name,
    type: 'string',
    calculated: false,
    picklistValues: [],
    operators: ['is'],
    updateable: true,
    nillable: true,
    referenceTo: [],
    writeSources: ['fixed', 'host_email', 'meeting_url', 'instance_status'],
    ...overrides,
  };
}

const owner = field('OwnerId', {
  label: 'Owner ID',
  type: 'reference',
  nillable: false,
  referenceTo: ['User', 'Group'],
  writeSources: ['host_user'],
});
const status = field('Status', {
  type: 'picklist',
  writeSources: ['fixed', 'instance_status'],
  picklistValues: [{ value: 'Meeting Booked', label: 'Meeting Booked', active: true }],
});
const optedOut = field('HasOptedOutOfEmail', { label: 'Email Opt Out', type: 'boolean' });

describe('update writes', () => {
  it('offers only the fields Salesforce lets Leadbridge write, by label', () => {
    const fields = [
      status,
      field('CreatedDate', { updateable: false, writeSources: [] }),
      owner,
      field('Name', { label: 'Full Name', updateable: false, writeSources: [] }),
    ];
    expect(updateableFields(fields).map((f) => f.name)).toEqual(['OwnerId', 'Status']);
  });

  it('starts a User reference on the host’s User, and other fields on a fixed value of their type', () => {
    expect(writeForField(owner)).toEqual({ field: 'OwnerId', source: 'host_user' });
    const userLookup = field('Setter__c', {
      type: 'reference',
      referenceTo: ['User'],
      writeSources: ['fixed', 'host_user'],
    });
    expect(writeForField(userLookup)).toEqual({ field: 'Setter__c', source: 'host_user' });
    expect(writeForField(status)).toEqual({ field: 'Status', source: 'fixed', value: '' });
    expect(writeForField(optedOut)).toEqual({
      field: 'HasOptedOutOfEmail',
      source: 'fixed',
      value: true,
    });
    expect(writeForField(field('Meeting_URL__c', { writeSources: ['meeting_url'] }))).toEqual({
      field: 'Meeting_URL__c',
      source: 'meeting_url',
    });
  });

  it('keeps a value for a fixed write only', () => {
    const fixed = { field: 'Status', source: 'fixed' as const, value: 'Meeting Booked' };
    expect(withSource(fixed, 'instance_status', status)).toEqual({
      field: 'Status',
      source: 'instance_status',
    });
    expect(withSource(fixed, 'fixed', status)).toEqual(fixed);
    expect(withSource({ field: 'Status', source: 'instance_status' }, 'fixed', status)).toEqual({
      field: 'Status',
      source: 'fixed',
      value: '',
    });
  });

  it('says what a channel writes, fields by label and API name', () => {
    expect(
      describeWrites(
        [
          { field: 'Status', source: 'fixed', value: 'Meeting Booked' },
          { field: 'OwnerId', source: 'host_user' },
          { field: 'Phone', source: 'fixed', value: null },
        ],
        [status, owner],
      ),
    ).toBe(
      'Writes Status = “Meeting Booked”, Owner ID (OwnerId) = the host’s Salesforce User, clear Phone',
    );
    expect(describeWrites([], [])).toBe('Writes nothing yet');
  });

  it('says which statuses fire an Update channel', () => {
    expect(describeStatusTrigger(['booked'])).toBe('When booked');
    expect(describeStatusTrigger(['booked', 'rescheduled', 'no_show'])).toBe(
      'When booked, rescheduled or no-show',
    );
  });

  it('files the host’s write errors under their write, and leaves rule errors out', () => {
    const byWrite = errorsByWrite([
      { path: [0], code: 'FIELD_UNKNOWN', message: 'rule' },
      { path: [], write: 1, code: 'FIELD_NOT_UPDATEABLE', message: 'not updateable' },
      { path: [], write: 1, code: 'FIELD_WRITTEN_TWICE', message: 'twice' },
    ]);
    expect([...byWrite]).toEqual([[1, ['not updateable', 'twice']]]);
  });
});
