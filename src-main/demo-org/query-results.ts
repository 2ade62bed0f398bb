// Query results: the snapshot cursors behind nextRecordsUrl and the hand-rolled JSON writer that
// keeps big pages cheap (field keys are escaped once per query, not once per row).
import { randomBytes } from 'node:crypto';
import type { OrgState } from './org-state';
import { runQuery, type CompiledQuery } from './soql-engine';
import type { FormulaContext } from './formulas';
import { apiFieldReader, type ApiValue } from './compound-fields';
import type { FieldSpec, SfRecord } from './schema-types';
import { to18 } from './salesforce-id';

/** The rows a query answers now: `all` (queryAll) keeps deleted rows in the Recycle Bin. */
export function matchingRows(state: OrgState, query: CompiledQuery, all: boolean): SfRecord[] {
  state.purgeExpired();
  const table = query.ids
    ? state.visibleRecordsWithIds(query.schema.name, query.ids)
    : state.visibleRecords(query.schema.name);
  return runQuery(query, all ? table : liveRows(table));
}

function* liveRows(rows: Iterable<SfRecord>): Iterable<SfRecord> {
  for (const row of rows) if (row.IsDeleted !== true) yield row;
}

export type RecordWriter = (record: SfRecord) => string;

export function makeRecordWriter(
  query: CompiledQuery,
  version: string,
  context: FormulaContext,
): RecordWriter {
  const object = query.schema.name;
  const head = `{"attributes":{"type":${JSON.stringify(object)},"url":${JSON.stringify(`/services/data/v${version}/sobjects/${object}/`).slice(0, -1)}`;
  // Lookups selected through one relationship ("Owner.Name, Owner.Email") share one nested object,
  // placed where the first of them was selected: group them all before writing any.
  const columns: (FieldSpec | { name: string; reference: string; fields: FieldSpec[] })[] = [];
  const byRelationship = new Map<
    string,
    { name: string; reference: string; fields: FieldSpec[] }
  >();
  for (const selection of query.selections) {
    if (!selection.relationship) {
      columns.push(selection.field);
      continue;
    }
    const group = byRelationship.get(selection.relationship.name);
    if (group) group.fields.push(selection.field);
    else {
      const entry = {
        name: selection.relationship.name,
        reference: selection.relationship.reference.name,
        fields: [selection.field],
      };
      byRelationship.set(entry.name, entry);
      columns.push(entry);
    }
  }
  const parts = columns.map((column): ((record: SfRecord) => string) => {
    if ('fields' in column) return relationshipPart(column.name, column, version, context);
    const read = apiFieldReader(column, context);
    const prefix = `${JSON.stringify(column.name)}:`;
    return (record) => prefix + valueJson(read(record));
  });
  return (record) => {
    let out = `${head}${String(record.Id)}"}`;
    for (const part of parts) out += `,${part(record)}`;
    return `${out}}`;
  };
}

function relationshipPart(
  name: string,
  group: { reference: string; fields: FieldSpec[] },
  version: string,
  context: FormulaContext,
): (record: SfRecord) => string {
  const key = `${JSON.stringify(name)}:`;
  const fields = group.fields.map((field) => ({
    key: JSON.stringify(field.name),
    read: apiFieldReader(field, context),
  }));
  return (record) => {
    const id = record[group.reference];
    const target = typeof id === 'string' ? context.resolve(id) : undefined;
    if (!target) return `${key}null`;
    let out = `${key}{"attributes":{"type":${JSON.stringify(target.object)},"url":"/services/data/v${version}/sobjects/${target.object}/${String(target.record.Id)}"}`;
    for (const field of fields) out += `,${field.key}:${valueJson(field.read(target.record))}`;
    return `${out}}`;
  };
}

function valueJson(value: ApiValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') {
    // Most stored strings need no escaping; checking is cheaper than always stringifying.
    return needsEscape(value) ? JSON.stringify(value) : `"${value}"`;
  }
  return String(value);
}

function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

interface Cursor {
  id: string;
  rows: SfRecord[];
  writer: RecordWriter;
  batchSize: number;
  version: string;
  lastUsedMs: number;
}

export interface Page {
  json: string;
}

const MAX_CURSORS = 200;
const CURSOR_IDLE_MS = 15 * 60_000;

/** Open query cursors. A cursor snapshots the matching rows, as Salesforce's does at query time. */
export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly now: () => number) {}

  firstPage(rows: SfRecord[], writer: RecordWriter, batchSize: number, version: string): Page {
    if (rows.length <= batchSize) return { json: pageJson(rows, 0, rows.length, writer, null) };
    this.evict();
    const id = to18(`01gdM${randomBytes(5).toString('hex')}`);
    const cursor: Cursor = { id, rows, writer, batchSize, version, lastUsedMs: this.now() };
    this.cursors.set(id, cursor);
    return { json: pageJson(rows, 0, batchSize, writer, this.nextUrl(cursor, batchSize)) };
  }

  /** Serves `<cursorId>-<offset>`; null when the locator is unknown or expired. */
  nextPage(locator: string): Page | null {
    const dash = locator.lastIndexOf('-');
    const cursor = this.cursors.get(locator.slice(0, dash));
    const offset = Number(locator.slice(dash + 1));
    if (
      !cursor ||
      dash < 0 ||
      !Number.isInteger(offset) ||
      offset < 0 ||
      offset > cursor.rows.length
    ) {
      return null;
    }
    cursor.lastUsedMs = this.now();
    const end = Math.min(cursor.rows.length, offset + cursor.batchSize);
    const next = end < cursor.rows.length ? this.nextUrl(cursor, end) : null;
    if (!next) this.cursors.delete(cursor.id);
    return { json: pageJson(cursor.rows, offset, end, cursor.writer, next) };
  }

  private nextUrl(cursor: Cursor, offset: number): string {
    return `/services/data/v${cursor.version}/query/${cursor.id}-${offset}`;
  }

  private evict(): void {
    const now = this.now();
    for (const [id, cursor] of this.cursors) {
      if (now - cursor.lastUsedMs > CURSOR_IDLE_MS) this.cursors.delete(id);
    }
    while (this.cursors.size >= MAX_CURSORS) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) break;
      this.cursors.delete(oldest);
    }
  }
}

function pageJson(
  rows: SfRecord[],
  start: number,
  end: number,
  writer: RecordWriter,
  next: string | null,
): string {
  const chunks: string[] = [];
  for (let i = start; i < end; i++) chunks.push(writer(rows[i] as SfRecord));
  const nextPart = next ? `,"nextRecordsUrl":${JSON.stringify(next)}` : '';
  return `{"totalSize":${rows.length},"done":${next === null}${nextPart},"records":[${chunks.join(',')}]}`;
}
