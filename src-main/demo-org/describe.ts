// Renders the org's metadata as Salesforce's describe JSON (sObject describe and global describe).
import type { FieldSpec, FieldType, ObjectSchema } from './schema-types';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  string: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  textarea: 'xsd:string',
  phone: 'xsd:string',
  email: 'xsd:string',
  url: 'xsd:string',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  address: 'urn:address',
};

/** The record type every object has; an org without record types uses only it. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function describeField(spec: FieldSpec): Record<string, Json> {
  const isText = spec.length > 0;
  return {
    aggregatable: spec.filterable,
    aiPredictionField: false,
    autoNumber: false,
    byteLength: isText ? spec.length * 3 : 0,
    calculated: spec.calculated,
    calculatedFormula: spec.formula ?? null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: spec.createable,
    custom: spec.custom,
    defaultValue: spec.defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate: spec.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: spec.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: spec.externalId,
    extraTypeInfo: spec.type === 'textarea' && spec.length > 255 ? 'plaintextarea' : null,
    filterable: spec.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: spec.sortable && spec.type !== 'double' && spec.type !== 'currency',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: spec.idLookup,
    inlineHelpText: null,
    label: spec.label,
    length: spec.length,
    mask: null,
    maskType: null,
    name: spec.name,
    nameField: spec.nameField,
    namePointing: spec.referenceTo.length > 1,
    nillable: spec.nillable,
    permissionable: spec.nillable && (spec.createable || spec.updateable),
    picklistValues: spec.picklistValues.map((p) => ({ ...p })),
    polymorphicForeignKey: spec.referenceTo.length > 1,
    precision: spec.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: [...spec.referenceTo],
    relationshipName: spec.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: spec.restrictedPicklist,
    scale: spec.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[spec.type],
    sortable: spec.sortable,
    type: spec.type,
    unique: spec.unique,
    updateable: spec.updateable,
    writeRequiresMasterRead: false,
  };
}

function objectUrls(version: string, name: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

function objectSummary(schema: ObjectSchema, version: string): Record<string, Json> {
  const deletable = schema.name !== 'User';
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: true,
    custom: false,
    customSetting: false,
    deepCloneable: false,
    deletable,
    deprecatedAndHidden: false,
    feedEnabled: true,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: schema.keyPrefix,
    label: schema.label,
    labelPlural: schema.labelPlural,
    layoutable: true,
    mergeable: schema.name === 'Lead' || schema.name === 'Contact',
    mruEnabled: true,
    name: schema.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: deletable,
    updateable: true,
    urls: objectUrls(version, schema.name),
  };
}

export function describeSObject(schema: ObjectSchema, version: string): Record<string, Json> {
  return {
    ...objectSummary(schema, version),
    actionOverrides: [],
    childRelationships: [],
    compactLayoutable: true,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: schema.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: MASTER_RECORD_TYPE_ID,
        urls: {
          layout: `/services/data/v${version}/sobjects/${schema.name}/describe/layouts/${MASTER_RECORD_TYPE_ID}`,
        },
      },
    ],
    searchLayoutable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: 'All leads', name: 'everything' },
      { label: 'My leads', name: 'mine' },
    ],
  };
}

export function describeGlobal(
  schemas: Iterable<ObjectSchema>,
  version: string,
): Record<string, Json> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: [...schemas].map((s) => objectSummary(s, version)),
  };
}

/** Salesforce's "basic info" resource (`GET /sobjects/<Obj>`): summary plus recent items. */
export function sObjectBasicInfo(
  schema: ObjectSchema,
  version: string,
  recentItems: Json[],
): Record<string, Json> {
  return { objectDescribe: objectSummary(schema, version), recentItems };
}
