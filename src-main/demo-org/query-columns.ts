// `GET /query?q=…&columns=true`: the query's column metadata instead of its rows. Undocumented,
// but Salesforce's CLI (`sf data query`) asks for it to lay out its table, and real orgs answer it.
import type { CompiledQuery, Selection } from './soql-engine';
import type { FieldSpec, FieldType } from './schema-types';
import { isNumberType, isTextType } from './schema-types';

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string;
}

const APEX_TYPES: Record<FieldType, string> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  string: 'String',
  picklist: 'String',
  multipicklist: 'String',
  textarea: 'String',
  phone: 'String',
  email: 'String',
  url: 'String',
  double: 'Double',
  currency: 'Decimal',
  percent: 'Decimal',
  int: 'Integer',
  date: 'Date',
  datetime: 'Datetime',
  address: 'Address',
};

/** One column per selected field; fields reached through a lookup nest under the lookup's name. */
export function queryColumns(query: CompiledQuery): QueryColumns {
  const columns: ColumnMetadata[] = [];
  const parents = new Map<string, ColumnMetadata>();
  for (const selection of query.selections) {
    const relationship = selection.relationship;
    if (!relationship) {
      columns.push(fieldColumn(selection.field, selection.field.name));
      continue;
    }
    let parent = parents.get(relationship.name);
    if (!parent) {
      parent = relationshipColumn(relationship);
      parents.set(relationship.name, parent);
      columns.push(parent);
    }
    // A field read through a lookup cannot be written through it.
    parent.joinColumns.push({
      ...fieldColumn(selection.field, `${relationship.name}.${selection.field.name}`),
      insertable: false,
      updatable: false,
    });
  }
  return {
    columnMetadata: columns,
    entityName: query.schema.name,
    groupBy: false,
    idSelected: query.selections.some((s) => !s.relationship && s.field.type === 'id'),
    keyPrefix: query.schema.keyPrefix,
  };
}

function fieldColumn(field: FieldSpec, displayName: string): ColumnMetadata {
  return {
    aggregate: false,
    apexType: APEX_TYPES[field.type],
    booleanType: field.type === 'boolean',
    columnName: field.name,
    custom: field.custom,
    displayName,
    foreignKeyName: null,
    insertable: field.createable,
    joinColumns: [],
    numberType: isNumberType(field.type),
    textType: isTextType(field.type),
    updatable: field.updateable,
  };
}

function relationshipColumn(relationship: NonNullable<Selection['relationship']>): ColumnMetadata {
  return {
    ...fieldColumn(relationship.reference, relationship.name),
    apexType: null,
    columnName: relationship.name,
    insertable: false,
    updatable: false,
  };
}
