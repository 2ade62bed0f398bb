// The metadata of the emulated objects. Lead follows a real Developer Edition org's describe
// (without the State/Country picklists, which most orgs have not enabled) plus the custom fields
// that Leadbridge's channels are built around.
import type { FieldSpec, FieldType, ObjectSchema, PicklistValue } from './schema-types';
import { indexSchema } from './schema-types';

type FieldOptions = Partial<Omit<FieldSpec, 'name' | 'label' | 'type'>> & { picklist?: string[] };

const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  picklist: 255,
  multipicklist: 4099,
  textarea: 255,
  phone: 40,
  email: 80,
  url: 255,
};

function field(
  name: string,
  label: string,
  type: FieldType,
  options: FieldOptions = {},
): FieldSpec {
  const { picklist, ...rest } = options;
  const defaultValue = rest.defaultValue ?? null;
  const picklistValues: PicklistValue[] = (picklist ?? []).map((value) => ({
    active: true,
    defaultValue: value === defaultValue,
    label: value,
    validFor: null,
    value,
  }));
  const spec: FieldSpec = {
    name,
    label,
    type,
    length: DEFAULT_LENGTH[type] ?? 0,
    createable: true,
    updateable: true,
    nillable: true,
    defaultedOnCreate: false,
    calculated: false,
    formula: null,
    custom: name.endsWith('__c'),
    picklistValues,
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    precision: 0,
    scale: 0,
    digits: 0,
    defaultValue: null,
    nameField: false,
    unique: false,
    externalId: false,
    idLookup: false,
    compoundFieldName: null,
    filterable: type !== 'textarea' || (rest.length ?? 255) <= 255,
    sortable: type !== 'textarea' || (rest.length ?? 255) <= 255,
    ...rest,
  };
  if (type === 'boolean') {
    spec.nillable = false;
    spec.defaultedOnCreate = true;
    spec.defaultValue = rest.defaultValue ?? false;
  }
  // A compound address is filterable by DISTANCE() alone (soql-engine refuses it otherwise).
  if (type === 'address') spec.sortable = false;
  return spec;
}

/** A formula field: computed on read, never written (formulas.ts evaluates it). */
export function formulaField(
  name: string,
  label: string,
  type: FieldType,
  formula: string,
): FieldSpec {
  return field(name, label, type, {
    createable: false,
    updateable: false,
    calculated: true,
    formula,
    // Salesforce reports text formulas as 1300 characters and number formulas as 18 digits.
    ...(type === 'string' ? { length: 1300 } : { precision: 18 }),
  });
}

/**
 * A custom field an admin adds (admin API), stored like the built-in ones. A required one
 * ("Required" ticked in Setup) is createable, not nillable and not defaulted: every create must
 * give it a value, and no save may clear it. An external id is also an idLookup field (a record
 * can be found and upserted by it); a unique one refuses a value another record holds.
 */
export function customField(
  name: string,
  label: string,
  type: FieldType,
  options: { length?: number; required?: boolean; externalId?: boolean; unique?: boolean } = {},
): FieldSpec {
  return field(name, label, type, {
    ...(options.length === undefined ? {} : { length: options.length }),
    ...(options.required === true ? { nillable: false } : {}),
    ...(options.externalId === true ? { externalId: true, idLookup: true } : {}),
    ...(options.unique === true ? { unique: true } : {}),
  });
}

const readOnly: FieldOptions = { createable: false, updateable: false };

/** Leads and Contacts are people: they name them with the same standard fields. */
function personNameFields(): FieldSpec[] {
  return [
    field('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
    field('FirstName', 'First Name', 'string', { length: 40 }),
    field('Salutation', 'Salutation', 'picklist', {
      length: 40,
      picklist: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'],
    }),
    field('Name', 'Full Name', 'string', {
      ...readOnly,
      length: 121,
      nillable: false,
      nameField: true,
    }),
    field('Title', 'Title', 'string', { length: 128 }),
  ];
}

/** How precisely a geocoding service placed an address (a restricted picklist). */
const GEOCODE_ACCURACIES = [
  'Address',
  'NearAddress',
  'Block',
  'Street',
  'ExtendedZip',
  'Zip',
  'Neighborhood',
  'City',
  'County',
  'State',
  'Unknown',
];

/**
 * A compound address and its parts, each part naming the compound (`compoundFieldName`) as a
 * real describe does: a Lead's or the Organization's own (prefix ''), a Contact's Mailing and
 * Other, an Account's Billing and Shipping.
 */
function addressFields(prefix: '' | 'Mailing' | 'Other' | 'Billing' | 'Shipping'): FieldSpec[] {
  const compound = `${prefix}Address`;
  const part = (name: string, label: string, type: FieldType, options: FieldOptions = {}) =>
    field(`${prefix}${name}`, prefix === '' ? label : `${prefix} ${label}`, type, {
      compoundFieldName: compound,
      ...options,
    });
  return [
    part('Street', 'Street', 'textarea'),
    part('City', 'City', 'string', { length: 40 }),
    part('State', 'State/Province', 'string', { length: 80 }),
    part('PostalCode', 'Zip/Postal Code', 'string', { length: 20 }),
    part('Country', 'Country', 'string', { length: 80 }),
    part('Latitude', 'Latitude', 'double', { precision: 18, scale: 15 }),
    part('Longitude', 'Longitude', 'double', { precision: 18, scale: 15 }),
    part('GeocodeAccuracy', 'Geocode Accuracy', 'picklist', {
      length: 40,
      picklist: GEOCODE_ACCURACIES,
      restrictedPicklist: true,
    }),
    field(compound, prefix === '' ? 'Address' : `${prefix} Address`, 'address', readOnly),
  ];
}

function systemFields(objectLabel: string): FieldSpec[] {
  const audit: FieldOptions = { ...readOnly, nillable: false, defaultedOnCreate: true };
  return [
    field('Id', `${objectLabel} ID`, 'id', { ...audit, idLookup: true }),
    field('IsDeleted', 'Deleted', 'boolean', readOnly),
    field('CreatedDate', 'Created Date', 'datetime', audit),
    field('CreatedById', 'Created By ID', 'reference', {
      ...audit,
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
    }),
    field('LastModifiedDate', 'Last Modified Date', 'datetime', audit),
    field('LastModifiedById', 'Last Modified By ID', 'reference', {
      ...audit,
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy',
    }),
    field('SystemModstamp', 'System Modstamp', 'datetime', audit),
  ];
}

function owner(referenceTo: string[]): FieldSpec {
  return field('OwnerId', 'Owner ID', 'reference', {
    nillable: false,
    defaultedOnCreate: true,
    referenceTo,
    relationshipName: 'Owner',
  });
}

/**
 * Salesforce's four default Lead Status values, and one an admin of a sales org using meeting
 * automation adds in Setup (seeded Leads never hold it: it is set when a meeting is booked).
 */
export const LEAD_STATUSES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Meeting Booked',
  'Closed - Converted',
  'Closed - Not Converted',
];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
export const INDUSTRIES = [
  'Agriculture',
  'Banking',
  'Biotechnology',
  'Communications',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Finance',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Manufacturing',
  'Media',
  'Retail',
  'Technology',
  'Telecommunications',
  'Transportation',
];
export const MEETING_STATUSES = [
  'Not Scheduled',
  'Invited',
  'Booked',
  'Accepted',
  'Declined',
  'No Show',
  'Completed',
];
export const RATINGS = ['Hot', 'Warm', 'Cold'];

function leadFields(): FieldSpec[] {
  const [id, isDeleted, ...audit] = systemFields('Lead');
  return [
    id as FieldSpec,
    isDeleted as FieldSpec,
    field('MasterRecordId', 'Master Record ID', 'reference', {
      ...readOnly,
      referenceTo: ['Lead'],
      relationshipName: 'MasterRecord',
    }),
    ...personNameFields(),
    field('Company', 'Company', 'string', { nillable: false }),
    ...addressFields(''),
    field('Phone', 'Phone', 'phone'),
    field('MobilePhone', 'Mobile Phone', 'phone'),
    field('Fax', 'Fax', 'phone'),
    field('Email', 'Email', 'email', { idLookup: true }),
    field('Website', 'Website', 'url'),
    field('PhotoUrl', 'Photo URL', 'url', readOnly),
    field('Description', 'Description', 'textarea', { length: 32000 }),
    field('LeadSource', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
    field('Status', 'Status', 'picklist', {
      nillable: false,
      defaultedOnCreate: true,
      defaultValue: 'Open - Not Contacted',
      picklist: LEAD_STATUSES,
    }),
    field('Industry', 'Industry', 'picklist', { picklist: INDUSTRIES }),
    field('Rating', 'Rating', 'picklist', { picklist: RATINGS }),
    field('AnnualRevenue', 'Annual Revenue', 'currency', { precision: 18 }),
    field('NumberOfEmployees', 'Employees', 'int', { digits: 8 }),
    owner(['Group', 'User']),
    field('IsConverted', 'Converted', 'boolean', { updateable: false }),
    field('ConvertedDate', 'Converted Date', 'date', readOnly),
    field('ConvertedAccountId', 'Converted Account ID', 'reference', {
      ...readOnly,
      referenceTo: ['Account'],
      relationshipName: 'ConvertedAccount',
    }),
    field('ConvertedContactId', 'Converted Contact ID', 'reference', {
      ...readOnly,
      referenceTo: ['Contact'],
      relationshipName: 'ConvertedContact',
    }),
    field('ConvertedOpportunityId', 'Converted Opportunity ID', 'reference', {
      ...readOnly,
      referenceTo: ['Opportunity'],
      relationshipName: 'ConvertedOpportunity',
    }),
    field('IsUnreadByOwner', 'Unread By Owner', 'boolean', { defaultValue: true }),
    ...audit,
    field('LastActivityDate', 'Last Activity', 'date', readOnly),
    field('LastViewedDate', 'Last Viewed Date', 'datetime', readOnly),
    field('LastReferencedDate', 'Last Referenced Date', 'datetime', readOnly),
    field('EmailBouncedReason', 'Email Bounced Reason', 'string', { createable: false }),
    field('EmailBouncedDate', 'Email Bounced Date', 'datetime', { createable: false }),
    field('IsPriorityRecord', 'Important', 'boolean', readOnly),
    field('Lead_Score__c', 'Lead Score', 'double', { precision: 18 }),
    field('Meeting_Status__c', 'Meeting Status', 'picklist', {
      picklist: MEETING_STATUSES,
      restrictedPicklist: true,
    }),
    field('Last_Meeting_Date__c', 'Last Meeting Date', 'datetime'),
    field('Timezone__c', 'Timezone', 'string', { length: 64 }),
    field('Meeting_Link__c', 'Meeting Link', 'url'),
    formulaField(
      'Days_Since_Created__c',
      'Days Since Created',
      'double',
      'TODAY() - DATEVALUE(CreatedDate)',
    ),
    formulaField(
      'Owner_Full_Name__c',
      'Owner Full Name',
      'string',
      'Owner:User.FirstName & " " & Owner:User.LastName',
    ),
  ];
}

const TIME_ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Paris',
  'Asia/Tokyo',
];

function userFields(): FieldSpec[] {
  // Users cannot be deleted in Salesforce (only deactivated), so User has no IsDeleted.
  const [id, , ...audit] = systemFields('User');
  return [
    id as FieldSpec,
    field('Username', 'Username', 'string', { length: 80, nillable: false, unique: true }),
    field('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
    field('FirstName', 'First Name', 'string', { length: 40 }),
    field('Name', 'Full Name', 'string', {
      ...readOnly,
      length: 121,
      nillable: false,
      nameField: true,
    }),
    field('Email', 'Email', 'email', { length: 128, nillable: false }),
    field('Alias', 'Alias', 'string', { length: 8, nillable: false }),
    field('Title', 'Title', 'string', { length: 80 }),
    field('IsActive', 'Active', 'boolean', { defaultValue: true }),
    field('TimeZoneSidKey', 'Time Zone', 'picklist', {
      length: 40,
      nillable: false,
      restrictedPicklist: true,
      picklist: TIME_ZONES,
    }),
    ...audit,
  ];
}

/** A Contact's fields as a real org describes them (fixtures/salesforce/contact-describe.json). */
function contactFields(): FieldSpec[] {
  const [id, isDeleted, ...audit] = systemFields('Contact');
  return [
    id as FieldSpec,
    isDeleted as FieldSpec,
    field('MasterRecordId', 'Master Record ID', 'reference', {
      ...readOnly,
      referenceTo: ['Contact'],
      relationshipName: 'MasterRecord',
    }),
    field('AccountId', 'Account ID', 'reference', {
      referenceTo: ['Account'],
      relationshipName: 'Account',
    }),
    ...personNameFields(),
    ...addressFields('Other'),
    ...addressFields('Mailing'),
    field('Phone', 'Business Phone', 'phone'),
    field('Fax', 'Business Fax', 'phone'),
    field('MobilePhone', 'Mobile Phone', 'phone'),
    field('HomePhone', 'Home Phone', 'phone'),
    field('OtherPhone', 'Other Phone', 'phone'),
    field('AssistantPhone', 'Asst. Phone', 'phone'),
    field('ReportsToId', 'Reports To ID', 'reference', {
      referenceTo: ['Contact'],
      relationshipName: 'ReportsTo',
    }),
    field('Email', 'Email', 'email', { idLookup: true }),
    field('Department', 'Department', 'string', { length: 80 }),
    field('AssistantName', "Assistant's Name", 'string', { length: 40 }),
    field('LeadSource', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
    field('Birthdate', 'Birthdate', 'date'),
    field('Description', 'Contact Description', 'textarea', { length: 32000 }),
    owner(['User']),
    ...audit,
    field('LastActivityDate', 'Last Activity', 'date', readOnly),
    field('LastViewedDate', 'Last Viewed Date', 'datetime', readOnly),
    field('LastReferencedDate', 'Last Referenced Date', 'datetime', readOnly),
    field('EmailBouncedReason', 'Email Bounced Reason', 'string'),
    field('EmailBouncedDate', 'Email Bounced Date', 'datetime'),
    field('IsEmailBounced', 'Is Email Bounced', 'boolean', readOnly),
    field('PhotoUrl', 'Photo URL', 'url', readOnly),
  ];
}

/** What a Lead conversion creates: the Account and the Opportunity beside the Contact. */
function accountFields(): FieldSpec[] {
  const [id, isDeleted, ...audit] = systemFields('Account');
  return [
    id as FieldSpec,
    isDeleted as FieldSpec,
    field('Name', 'Account Name', 'string', { nillable: false, nameField: true }),
    ...addressFields('Billing'),
    ...addressFields('Shipping'),
    field('Phone', 'Account Phone', 'phone'),
    field('Website', 'Website', 'url'),
    field('Industry', 'Industry', 'picklist', { picklist: INDUSTRIES }),
    field('AccountSource', 'Account Source', 'picklist', { picklist: LEAD_SOURCES }),
    owner(['User']),
    ...audit,
  ];
}

export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Closed Won',
  'Closed Lost',
];

function opportunityFields(): FieldSpec[] {
  const [id, isDeleted, ...audit] = systemFields('Opportunity');
  return [
    id as FieldSpec,
    isDeleted as FieldSpec,
    field('AccountId', 'Account ID', 'reference', {
      referenceTo: ['Account'],
      relationshipName: 'Account',
    }),
    field('Name', 'Name', 'string', { length: 120, nillable: false, nameField: true }),
    field('StageName', 'Stage', 'picklist', {
      length: 40,
      nillable: false,
      picklist: OPPORTUNITY_STAGES,
    }),
    field('CloseDate', 'Close Date', 'date', { nillable: false }),
    field('Amount', 'Amount', 'currency', { precision: 18 }),
    field('LeadSource', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
    owner(['User']),
    ...audit,
  ];
}

function activityFields(kind: 'Task' | 'Event'): FieldSpec[] {
  const [id, isDeleted, ...audit] = systemFields('Activity');
  const who = field('WhoId', 'Name ID', 'reference', {
    referenceTo: ['Contact', 'Lead'],
    relationshipName: 'Who',
  });
  const what = field('WhatId', 'Related To ID', 'reference', {
    referenceTo: ['Account', 'Opportunity'],
    relationshipName: 'What',
  });
  const common = [
    id as FieldSpec,
    who,
    what,
    field('Subject', 'Subject', 'string'),
    field('Description', 'Description', 'textarea', { length: 32000 }),
    owner(['User']),
    isDeleted as FieldSpec,
  ];
  if (kind === 'Task') {
    return [
      ...common,
      field('ActivityDate', 'Due Date Only', 'date'),
      field('Status', 'Status', 'picklist', {
        length: 40,
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: 'Not Started',
        picklist: [
          'Not Started',
          'In Progress',
          'Completed',
          'Waiting on someone else',
          'Deferred',
        ],
      }),
      field('Priority', 'Priority', 'picklist', {
        length: 40,
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: 'Normal',
        picklist: ['High', 'Normal', 'Low'],
      }),
      field('Type', 'Type', 'picklist', {
        length: 40,
        picklist: ['Call', 'Email', 'Meeting', 'Other'],
      }),
      field('TaskSubtype', 'Task Subtype', 'picklist', {
        length: 40,
        updateable: false,
        picklist: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
      }),
      field('IsClosed', 'Closed', 'boolean', readOnly),
      ...audit,
    ];
  }
  return [
    ...common,
    field('Location', 'Location', 'string'),
    field('IsAllDayEvent', 'All-Day Event', 'boolean'),
    field('EventSubtype', 'Event Subtype', 'picklist', {
      length: 40,
      updateable: false,
      picklist: ['Event'],
    }),
    field('ActivityDateTime', 'Due Date Time', 'datetime'),
    field('ActivityDate', 'Due Date Only', 'date'),
    field('StartDateTime', 'Start Date Time', 'datetime'),
    field('EndDateTime', 'End Date Time', 'datetime'),
    field('DurationInMinutes', 'Duration', 'int', { digits: 8 }),
    ...audit,
  ];
}

/** Salesforce's editions, as the Organization's `OrganizationType` names them. */
const EDITIONS = [
  'Team Edition',
  'Professional Edition',
  'Enterprise Edition',
  'Developer Edition',
  'Personal Edition',
  'Unlimited Edition',
  'Contact Manager Edition',
  'Base Edition',
];

/**
 * The org itself (Setup → Company Information), as the Organization object reference lists it:
 * one row, read through the API and never written (`createable`/`updateable` false).
 */
function organizationFields(): FieldSpec[] {
  const [id, , ...audit] = systemFields('Organization');
  const read = (name: string, label: string, type: FieldType, options: FieldOptions = {}) =>
    field(name, label, type, { ...options, ...readOnly });
  const locales = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'ja_JP'];
  return [
    id as FieldSpec,
    read('Name', 'Name', 'string', { length: 80, nillable: false, nameField: true }),
    read('Division', 'Division', 'string', { length: 80 }),
    ...addressFields('').map((spec) => ({ ...spec, ...readOnly })),
    read('Phone', 'Phone', 'phone'),
    read('Fax', 'Fax', 'phone'),
    read('PrimaryContact', 'Primary Contact', 'string', { length: 80 }),
    read('DefaultLocaleSidKey', 'Locale', 'picklist', {
      length: 40,
      nillable: false,
      restrictedPicklist: true,
      picklist: locales,
    }),
    read('LanguageLocaleKey', 'Language', 'picklist', {
      length: 40,
      nillable: false,
      restrictedPicklist: true,
      picklist: locales,
    }),
    read('TimeZoneSidKey', 'Time Zone', 'picklist', {
      length: 40,
      nillable: false,
      restrictedPicklist: true,
      picklist: TIME_ZONES,
    }),
    read('ReceivesInfoEmails', 'Info Emails', 'boolean'),
    read('ReceivesAdminInfoEmails', 'Info Emails Admin', 'boolean'),
    read('FiscalYearStartMonth', 'Fiscal Year Starts In', 'int', { nillable: false, digits: 9 }),
    read('UsesStartDateAsFiscalYearName', 'Fiscal Year Name by Start', 'boolean'),
    read('ComplianceBccEmail', 'Compliance BCC Email', 'email'),
    read('SignupCountryIsoCode', 'Signup Country', 'string', { length: 2 }),
    read('TrialExpirationDate', 'Trial Expiration Date', 'datetime'),
    read('OrganizationType', 'Edition', 'picklist', { length: 40, picklist: EDITIONS }),
    read('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 }),
    read('InstanceName', 'Instance Name', 'string', { length: 5 }),
    read('IsSandbox', 'Is Sandbox', 'boolean'),
    read('IsReadOnly', 'Is Read Only', 'boolean'),
    ...audit,
  ];
}

function makeSchema(
  name: string,
  label: string,
  labelPlural: string,
  keyPrefix: string,
  fields: FieldSpec[],
  nowMs: number,
  readOnly = false,
): ObjectSchema {
  const schema: ObjectSchema = {
    name,
    label,
    labelPlural,
    keyPrefix,
    readOnly,
    fields,
    byLowerName: new Map(),
    byRelationship: new Map(),
    lastModifiedMs: nowMs,
  };
  indexSchema(schema);
  return schema;
}

/** A fresh copy of every object's metadata (fresh because the admin API can rename fields). */
export function buildCatalog(nowMs: number): Map<string, ObjectSchema> {
  const schemas = [
    makeSchema('Lead', 'Lead', 'Leads', '00Q', leadFields(), nowMs),
    makeSchema('User', 'User', 'Users', '005', userFields(), nowMs),
    makeSchema('Contact', 'Contact', 'Contacts', '003', contactFields(), nowMs),
    makeSchema('Account', 'Account', 'Accounts', '001', accountFields(), nowMs),
    makeSchema('Opportunity', 'Opportunity', 'Opportunities', '006', opportunityFields(), nowMs),
    makeSchema('Task', 'Task', 'Tasks', '00T', activityFields('Task'), nowMs),
    makeSchema('Event', 'Event', 'Events', '00U', activityFields('Event'), nowMs),
    makeSchema(
      'Organization',
      'Organization',
      'Organizations',
      '00D',
      organizationFields(),
      nowMs,
      true,
    ),
  ];
  return new Map(schemas.map((s) => [s.name.toLowerCase(), s]));
}
