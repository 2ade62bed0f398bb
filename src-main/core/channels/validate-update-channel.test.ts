import { describe, expect, it } from 'vitest';
import {
  channelDraftSchema,
  type ChannelRuleErrorCode,
  type ConditionGroup,
  type FieldWrite,
} from '../../../src-preload/contract';
import { channelTestDescribe } from '../../../test/support/channel-describe';
import type { LeadDescribe } from '../salesforce/lead-describe';
import { conditionFields } from './field-kinds';
import { planWrites } from './plan-writes';
import { validateChannel } from './validate-channel';

/** The captured real describe plus the updateable custom types it lacks. */
function describeWithCustomFields(): LeadDescribe {
  const real = channelTestDescribe();
  const custom = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
    name,
    label: name.replace(/__c$/, '').replaceAll('_', ' '),
    type,
    calculated: false,
    updateable: true,
    nillable: true,
    referenceTo: [],
    picklistValues: [],
    ...extra,
  });
  return {
    ...real,
    fields: [
      ...real.fields,
      custom('Next_Meeting__c', 'date'),
      custom('Meeting_At__c', 'datetime'),
      custom('Meeting_Link__c', 'url', { length: 255 }),
      custom('Topics__c', 'multipicklist', {
        picklistValues: [
          { value: 'CRM', label: 'CRM', active: true },
          { value: 'Data', label: 'Data', active: true },
          { value: 'Legacy', label: 'Legacy', active: false },
        ],
      }),
      custom('Booked__c', 'boolean', { nillable: false }),
    ],
  };
}

const leadDescribe = describeWithCustomFields();
const EVERY_LEAD: ConditionGroup = { combinator: 'and', rules: [] };

function updateChannel(writes: FieldWrite[], conditions: ConditionGroup = EVERY_LEAD) {
  return channelDraftSchema.parse({
    meetingTypeId: 1,
    name: 'When booked',
    kind: 'update',
    action: 'write_fields',
    rules: { conditions, trigger: 'every_time', timeZone: 'UTC' },
    update: { statuses: ['booked'], writes },
  });
}

describe('an Update channel’s writes are checked against the describe', () => {
  it.each<[ChannelRuleErrorCode, FieldWrite]>([
    ['FIELD_UNKNOWN', { field: 'Budget__c', source: 'fixed', value: '1' }],
    ['FIELD_NOT_UPDATEABLE', { field: 'Name', source: 'fixed', value: 'Ada' }],
    ['FIELD_NOT_UPDATEABLE', { field: 'IsConverted', source: 'fixed', value: true }],
    ['FIELD_NOT_UPDATEABLE', { field: 'Lead_Age__c', source: 'fixed', value: 3 }],
    ['VALUE_NOT_OF_TYPE', { field: 'NumberOfEmployees', source: 'fixed', value: 'many' }],
    ['VALUE_NOT_OF_TYPE', { field: 'NumberOfEmployees', source: 'fixed', value: 2.5 }],
    ['VALUE_NOT_OF_TYPE', { field: 'IsUnreadByOwner', source: 'fixed', value: 'yes' }],
    ['VALUE_NOT_OF_TYPE', { field: 'Next_Meeting__c', source: 'fixed', value: '2026-02-30' }],
    ['VALUE_NOT_OF_TYPE', { field: 'Meeting_At__c', source: 'fixed', value: '2026-03-01T10:00' }],
    ['VALUE_NOT_OF_TYPE', { field: 'Email', source: 'fixed', value: 'not an email' }],
    ['VALUE_NOT_OF_TYPE', { field: 'PostalCode', source: 'fixed', value: 'x'.repeat(21) }],
    ['VALUE_NOT_OF_TYPE', { field: 'OwnerId', source: 'fixed', value: 'alex' }],
    ['VALUE_MISSING', { field: 'Status', source: 'fixed', value: null }],
    ['VALUE_MISSING', { field: 'Title', source: 'fixed' }],
    ['PICKLIST_VALUE_UNKNOWN', { field: 'Status', source: 'fixed', value: 'Meeting Booked' }],
    ['PICKLIST_VALUE_UNKNOWN', { field: 'Rating', source: 'fixed', value: 'hot' }],
    ['PICKLIST_VALUE_UNKNOWN', { field: 'Topics__c', source: 'fixed', value: 'CRM;Legacy' }],
    ['WRITE_SOURCE_NOT_FOR_FIELD', { field: 'Status', source: 'host_user' }],
    ['WRITE_SOURCE_NOT_FOR_FIELD', { field: 'DandbCompanyId', source: 'host_user' }],
    ['WRITE_SOURCE_NOT_FOR_FIELD', { field: 'NumberOfEmployees', source: 'meeting_start' }],
    ['WRITE_SOURCE_NOT_FOR_FIELD', { field: 'Website', source: 'host_email' }],
    ['WRITE_SOURCE_NOT_FOR_FIELD', { field: 'Email', source: 'meeting_url' }],
    ['WRITE_SOURCE_NOT_FOR_FIELD', { field: 'Rating', source: 'instance_status' }],
  ])('%s: %j, named by its write', (code, write) => {
    const errors = validateChannel(
      updateChannel([{ field: 'Title', source: 'instance_status' }, write]),
      leadDescribe,
    );
    expect(errors).toEqual([
      { path: [], write: 1, code, message: expect.stringMatching(/; .+\.$/) },
    ]);
  });

  it('accepts typed fixed values, instance facts where they fit, and the host’s User for OwnerId', () => {
    const writes: FieldWrite[] = [
      { field: 'Status', source: 'fixed', value: 'Working - Contacted' },
      { field: 'OwnerId', source: 'host_user' },
      { field: 'NumberOfEmployees', source: 'fixed', value: '250' },
      { field: 'IsUnreadByOwner', source: 'fixed', value: true },
      { field: 'Next_Meeting__c', source: 'meeting_start' },
      { field: 'Meeting_At__c', source: 'meeting_end' },
      { field: 'Meeting_Link__c', source: 'meeting_url' },
      { field: 'Email', source: 'host_email' },
      { field: 'Description', source: 'instance_status' },
      { field: 'Topics__c', source: 'fixed', value: 'Data;CRM;Data' },
      { field: 'Title', source: 'fixed', value: null },
    ];
    expect(validateChannel(updateChannel(writes), leadDescribe)).toEqual([]);
    const { planned } = planWrites(writes, conditionFields(leadDescribe));
    expect(planned.filter((write) => write.source === 'fixed')).toEqual([
      { field: 'Status', type: 'picklist', source: 'fixed', value: 'Working - Contacted' },
      { field: 'NumberOfEmployees', type: 'int', source: 'fixed', value: 250 },
      { field: 'IsUnreadByOwner', type: 'boolean', source: 'fixed', value: true },
      { field: 'Topics__c', type: 'multipicklist', source: 'fixed', value: 'Data;CRM' },
      { field: 'Title', type: 'string', source: 'fixed', value: null },
    ]);
  });

  it('refuses a field written twice, at the second write', () => {
    const errors = validateChannel(
      updateChannel([
        { field: 'OwnerId', source: 'host_user' },
        { field: 'Status', source: 'fixed', value: 'Working - Contacted' },
        { field: 'OwnerId', source: 'fixed', value: '005000000000001AAA' },
      ]),
      leadDescribe,
    );
    expect(errors).toEqual([
      expect.objectContaining({ path: [], write: 2, code: 'FIELD_WRITTEN_TWICE' }),
    ]);
  });
});

describe('an Update channel’s conditions filter the Lead as it is', () => {
  it('takes an empty group as every Lead, where an Import channel needs a rule', () => {
    const update = updateChannel([{ field: 'OwnerId', source: 'host_user' }]);
    expect(validateChannel(update, leadDescribe)).toEqual([]);
    expect(validateChannel({ ...update, kind: 'import' }, leadDescribe)).toEqual([
      expect.objectContaining({ path: [], code: 'GROUP_EMPTY' }),
    ]);
  });

  it('refuses change operators with CHANGE_OPERATOR_NOT_FOR_UPDATE, at the rule’s path, and still an empty inner group', () => {
    const conditions: ConditionGroup = {
      combinator: 'and',
      rules: [
        { field: 'Country', operator: 'is', value: 'US' },
        {
          combinator: 'or',
          rules: [
            { field: 'Status', operator: 'changed_to', value: 'Working - Contacted' },
            { combinator: 'and', rules: [] },
          ],
        },
      ],
    };
    const errors = validateChannel(
      updateChannel([{ field: 'OwnerId', source: 'host_user' }], conditions),
      leadDescribe,
    );
    expect(errors.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: [1, 0], code: 'CHANGE_OPERATOR_NOT_FOR_UPDATE' },
      { path: [1, 1], code: 'GROUP_EMPTY' },
    ]);
  });
});

describe('which sources each field offers', () => {
  it('offers only what fits: host_user to User references, instance facts to fitting types, nothing to read-only fields', () => {
    const fields = conditionFields(leadDescribe);
    const sources = (name: string) => fields.get(name)!.writeSources;
    expect(sources('OwnerId')).toEqual(['fixed', 'host_user']);
    expect(sources('Status')).toEqual(['fixed']);
    expect(sources('Email')).toEqual(['fixed', 'host_email']);
    expect(sources('Website')).toEqual(['fixed', 'meeting_url']);
    expect(sources('Meeting_At__c')).toEqual(['fixed', 'meeting_start', 'meeting_end']);
    expect(sources('Title')).toEqual([
      'fixed',
      'meeting_start',
      'meeting_end',
      'meeting_url',
      'host_email',
      'instance_status',
    ]);
    expect(sources('Name')).toEqual([]);
    expect(sources('Lead_Age__c')).toEqual([]);
    expect(sources('Address')).toEqual([]);
    expect(fields.get('OwnerId')).toMatchObject({
      updateable: true,
      nillable: false,
      referenceTo: ['Group', 'User'],
    });
  });
});
