// Runs SOSL searches (`/search?q=FIND …`) and parameterized searches (`/parameterizedSearch?q=…`).
// The search term picks records by their text; each RETURNING entry is compiled by the SOQL engine
// (fields, WHERE, ORDER BY, LIMIT, OFFSET), so a search filters and answers exactly as a query does.
import type { FormulaContext } from './formulas';
import type { OrgState } from './org-state';
import { makeRecordWriter } from './query-results';
import type { FieldSpec, ObjectSchema, SfRecord } from './schema-types';
import { isTextType } from './schema-types';
import { SfApiError } from './sf-errors';
import { compileQuery, runQuery, type CompiledQuery } from './soql-engine';
import {
  malformedSearch,
  parseSearchText,
  parseSosl,
  type ReturningObject,
  type SearchExpression,
  type SearchScope,
  type SearchTerm,
  type SoslSearch,
} from './sosl-parser';

/** Salesforce answers at most 2,000 records a search. */
const MAX_RESULTS = 2000;
/** From API v37.0 a search answers `{searchRecords: […]}`; before, a bare array of records. */
const SEARCH_RECORDS_SINCE = 37;
const SCOPES: readonly SearchScope[] = ['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'];
/** Types the search index holds (picklists, numbers, dates and ids are not searched). */
const INDEXED = new Set(['string', 'textarea', 'email', 'phone', 'url']);

/** `GET /search?q=<SOSL>`: the answer's JSON text. */
export function soslSearch(
  state: OrgState,
  sosl: string,
  version: string,
  context: FormulaContext,
): string {
  return runSearch(state, parseSosl(sosl), sosl, version, context);
}

/**
 * `GET /parameterizedSearch?q=…&sobject=…&<Obj>.fields=…&<Obj>.where=…&<Obj>.limit=…`: the same
 * search, its clauses given as URL parameters instead of SOSL.
 */
export function parameterizedSearch(
  state: OrgState,
  params: URLSearchParams,
  version: string,
  context: FormulaContext,
): string {
  const q = params.get('q');
  if (q === null || q.trim() === '') throw malformedSearch('A search string has to be specified');
  const scopeName = (params.get('in') ?? 'ALL').toUpperCase();
  const scope = SCOPES.find((s) => s === scopeName);
  if (!scope) throw malformedSearch(`Invalid value for parameter 'in': ${params.get('in')}`);
  const objects = params.getAll('sobject');
  const defaultFields = params.get('fields') ?? 'Id';
  const defaultLimit = limitParam(params, 'defaultLimit');
  const returning: ReturningObject[] | null =
    objects.length === 0
      ? null
      : objects.map((object) => {
          const where = params.get(`${object}.where`);
          const limit = limitParam(params, `${object}.limit`) ?? defaultLimit;
          return {
            object,
            fields: params.get(`${object}.fields`) ?? defaultFields,
            clauses: [where ? `WHERE ${where}` : '', limit === null ? '' : `LIMIT ${limit}`]
              .filter((c) => c !== '')
              .join(' '),
          };
        });
  const search: SoslSearch = {
    expression: parseSearchText(q),
    scope,
    returning,
    limit: limitParam(params, 'overallLimit'),
  };
  return runSearch(state, search, q, version, context);
}

function limitParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw)) throw malformedSearch(`Invalid value for parameter '${name}': ${raw}`);
  return Number(raw);
}

function runSearch(
  state: OrgState,
  search: SoslSearch,
  shown: string,
  version: string,
  context: FormulaContext,
): string {
  state.purgeExpired();
  const entries = search.returning ?? everyObject(state);
  const queries = entries.map((entry) => compileEntry(state, entry, shown));
  const matches = matcher(search.expression);
  let room = Math.min(search.limit ?? MAX_RESULTS, MAX_RESULTS);
  const chunks: string[] = [];
  for (const query of queries) {
    if (room <= 0) break;
    const fields = searchedFields(query.schema, search.scope);
    const found: SfRecord[] = [];
    for (const record of state.visibleRecords(query.schema.name)) {
      if (record.IsDeleted !== true && matches(fieldWords(record, fields))) found.push(record);
    }
    const rows = runQuery(query, found).slice(0, room);
    room -= rows.length;
    const write = makeRecordWriter(query, version, context);
    for (const row of rows) chunks.push(write(row));
  }
  const records = `[${chunks.join(',')}]`;
  return Number(version) < SEARCH_RECORDS_SINCE ? records : `{"searchRecords":${records}}`;
}

/** Without RETURNING, Salesforce searches every searchable object and answers Ids. */
function everyObject(state: OrgState): ReturningObject[] {
  return [...state.schemas.values()].map((schema) => ({
    object: schema.name,
    fields: 'Id',
    clauses: '',
  }));
}

function compileEntry(state: OrgState, entry: ReturningObject, shown: string): CompiledQuery {
  const soql = `SELECT ${entry.fields} FROM ${entry.object} ${entry.clauses}`;
  try {
    const query = compileQuery(
      soql,
      { schema: (name) => state.schema(name), resolve: (id) => state.find(id), nowMs: state.now() },
      shown,
    );
    if (query.isCount || query.schema.name.toLowerCase() !== entry.object.toLowerCase())
      throw malformedSearch(`unexpected token: ${entry.fields}`);
    return query;
  } catch (error) {
    // The SOQL engine's syntax errors are the search's: a real org reports them as MALFORMED_SEARCH.
    if (error instanceof SfApiError && error.errorCode === 'MALFORMED_QUERY')
      throw malformedSearch(error.message);
    throw error;
  }
}

/** The fields a scope searches: IN NAME / EMAIL / PHONE FIELDS, or every indexed text field. */
function searchedFields(schema: ObjectSchema, scope: SearchScope): FieldSpec[] {
  return schema.fields.filter((field) => {
    if (!isTextType(field.type) || field.calculated) return false;
    switch (scope) {
      case 'NAME':
        return field.nameField || field.name === 'FirstName' || field.name === 'LastName';
      case 'EMAIL':
        return field.type === 'email';
      case 'PHONE':
        return field.type === 'phone';
      default:
        return INDEXED.has(field.type);
    }
  });
}

/** Each searched field's words: the runs of letters and digits the search index holds. */
function fieldWords(record: SfRecord, fields: readonly FieldSpec[]): string[][] {
  const words: string[][] = [];
  for (const field of fields) {
    const value = record[field.name];
    if (typeof value === 'string' && value !== '')
      words.push(value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  }
  return words;
}

/** A test of a record's fields: each term must be found within one field. */
function matcher(expression: SearchExpression): (fields: readonly string[][]) => boolean {
  if (expression.kind === 'term')
    return (fields) => fields.some((words) => hasTerm(words, expression));
  const left = matcher(expression.left);
  const right = matcher(expression.right);
  if (expression.kind === 'and') return (fields) => left(fields) && right(fields);
  if (expression.kind === 'or') return (fields) => left(fields) || right(fields);
  return (fields) => left(fields) && !right(fields);
}

/**
 * Whether the term's words stand in the field whole and in order — so "jane@acme.com" and
 * "(415) 555-0100" find the values they spell, whatever their punctuation.
 */
function hasTerm(words: readonly string[], term: SearchTerm): boolean {
  const length = term.words.length;
  for (let start = 0; start + length <= words.length; start++) {
    if (term.words.every((pattern, i) => wildcardMatch(pattern, words[start + i] ?? '')))
      return true;
  }
  return false;
}

/**
 * `*` matches any run of characters, `?` one. Matched by walking both strings (backtracking only
 * to the last `*`), so no pattern can make a search slow, as a regular expression could.
 */
function wildcardMatch(pattern: string, word: string): boolean {
  let p = 0;
  let w = 0;
  let star = -1;
  let resume = 0;
  while (w < word.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === word[w])) {
      p++;
      w++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = w;
    } else if (star >= 0) {
      p = star + 1;
      w = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
