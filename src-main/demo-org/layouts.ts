// `GET /sobjects/<Obj>/describe/layouts[/<recordTypeId>]`: the one page layout an org without
// record types gives an object, built from its fields — an "<Object> Information" section in two
// columns and a "System Information" section — with the master record type mapped to it.
import { describeField, MASTER_RECORD_TYPE_ID, type Json } from './describe';
import { to18 } from './salesforce-id';
import type { FieldSpec, ObjectSchema } from './schema-types';

/** Kept off the layout: the record's plumbing, which no page shows. */
const HIDDEN = new Set([
  'Id',
  'IsDeleted',
  'SystemModstamp',
  'CreatedDate',
  'LastModifiedDate',
  'LastViewedDate',
  'LastReferencedDate',
  'MasterRecordId',
]);
const SYSTEM = new Set(['CreatedById', 'LastModifiedById']);

/** The object's layouts, record type mappings and whether a record type must be picked. */
export function describeLayouts(schema: ObjectSchema, version: string): Record<string, Json> {
  return {
    layouts: [describeLayout(schema)],
    recordTypeMappings: [recordTypeMapping(schema, version)],
    recordTypeSelectorRequired: [false],
  };
}

/** The layout one record type uses (only the master record type exists). */
export function describeLayout(schema: ObjectSchema): Record<string, Json> {
  const id = layoutId(schema);
  const shown = schema.fields.filter((f) => !HIDDEN.has(f.name));
  const sections = [
    section(
      `${schema.label} Information`,
      shown.filter((f) => !SYSTEM.has(f.name)),
      id,
      1,
    ),
    section(
      'System Information',
      shown.filter((f) => SYSTEM.has(f.name)),
      id,
      2,
    ),
  ];
  return {
    buttonLayoutSection: { detailButtons: [] },
    detailLayoutSections: sections,
    editLayoutSections: sections,
    feedView: null,
    highlightsPanelLayoutSection: null,
    id,
    multirowEditLayoutSections: [],
    offlineLinks: [],
    quickActionList: { quickActionListItems: [] },
    relatedContent: null,
    relatedLists: [],
    saveOptions: [],
  };
}

/** A stable layout id (key prefix 00h) per object. */
function layoutId(schema: ObjectSchema): string {
  return to18(`00h000000000${schema.keyPrefix}`);
}

function section(
  heading: string,
  fields: readonly FieldSpec[],
  parentLayoutId: string,
  number: number,
): Record<string, Json> {
  const rows: Json[] = [];
  // Two columns, filled left to right, an empty space padding an odd last row.
  for (let i = 0; i < fields.length; i += 2) {
    const pair = fields.slice(i, i + 2);
    const items = pair.map((field, column) => fieldItem(field, i + column));
    if (items.length === 1) items.push(emptySpace(i + 1));
    rows.push({ layoutItems: items, numItems: items.length });
  }
  return {
    collapsed: false,
    columns: 2,
    heading,
    layoutRows: rows,
    layoutSectionId: to18(`01B00000000000${number}`),
    parentLayoutId,
    rows: rows.length,
    tabOrder: 'LeftToRight',
    useCollapsibleSection: false,
    useHeading: true,
  };
}

function fieldItem(field: FieldSpec, tabOrder: number): Record<string, Json> {
  return {
    editableForNew: field.createable,
    editableForUpdate: field.updateable,
    label: field.label,
    layoutComponents: [
      {
        details: describeField(field),
        displayLines: 1,
        tabOrder,
        type: 'Field',
        value: field.name,
      },
    ],
    placeholder: false,
    required: field.createable && !field.nillable && !field.defaultedOnCreate,
  };
}

function emptySpace(tabOrder: number): Record<string, Json> {
  return {
    editableForNew: false,
    editableForUpdate: false,
    label: '',
    layoutComponents: [{ displayLines: 1, tabOrder, type: 'EmptySpace' }],
    placeholder: true,
    required: false,
  };
}

function recordTypeMapping(schema: ObjectSchema, version: string): Record<string, Json> {
  return {
    active: true,
    available: true,
    defaultRecordTypeMapping: true,
    developerName: 'Master',
    layoutId: layoutId(schema),
    master: true,
    name: 'Master',
    picklistsForRecordType: schema.fields
      .filter((f) => f.type === 'picklist' || f.type === 'multipicklist')
      .map((f) => ({
        picklistName: f.name,
        picklistValues: f.picklistValues.map((p) => ({ ...p })),
      })),
    recordTypeId: MASTER_RECORD_TYPE_ID,
    urls: {
      layout: `/services/data/v${version}/sobjects/${schema.name}/describe/layouts/${MASTER_RECORD_TYPE_ID}`,
    },
  };
}
