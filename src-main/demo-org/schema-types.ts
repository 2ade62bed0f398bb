// The org's metadata model: what describe reports and what record validation obeys.

export type FieldType =
  | 'id'
  | 'boolean'
  | 'reference'
  | 'string'
  | 'picklist'
  | 'multipicklist'
  | 'textarea'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'phone'
  | 'email'
  | 'url'
  | 'date'
  | 'datetime'
  | 'address';

export interface PicklistValue {
  active: boolean;
  defaultValue: boolean;
  label: string;
  validFor: null;
  value: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  calculated: boolean;
  /** A formula field's formula (see formulas.ts); null for a stored field. */
  formula: string | null;
  custom: boolean;
  picklistValues: PicklistValue[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  precision: number;
  scale: number;
  digits: number;
  defaultValue: string | number | boolean | null;
  nameField: boolean;
  unique: boolean;
  externalId: boolean;
  idLookup: boolean;
  /** The compound field this one is a part of (`Address` for `City`); null for the others. */
  compoundFieldName: string | null;
  filterable: boolean;
  sortable: boolean;
}

export interface ObjectSchema {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  /** Read through the API, never written by it (the Organization). */
  readOnly: boolean;
  fields: FieldSpec[];
  /** Lower-case API name → field; Salesforce API names are case-insensitive. */
  byLowerName: Map<string, FieldSpec>;
  /** Lower-case relationship name (e.g. "owner") → its reference field. */
  byRelationship: Map<string, FieldSpec>;
  lastModifiedMs: number;
}

export type SfValue = string | number | boolean | null;
/** A stored record: API name → value, in the JSON form the REST API returns. */
export type SfRecord = Record<string, SfValue>;

export function indexSchema(schema: ObjectSchema): void {
  schema.byLowerName = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f]));
  schema.byRelationship = new Map(
    schema.fields
      .filter((f) => f.relationshipName !== null)
      .map((f) => [(f.relationshipName ?? '').toLowerCase(), f]),
  );
}

export function isTextType(type: FieldType): boolean {
  return (
    type === 'string' ||
    type === 'picklist' ||
    type === 'multipicklist' ||
    type === 'textarea' ||
    type === 'phone' ||
    type === 'email' ||
    type === 'url'
  );
}

export function isNumberType(type: FieldType): boolean {
  return type === 'double' || type === 'int' || type === 'currency' || type === 'percent';
}
