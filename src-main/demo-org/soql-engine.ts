// Compiles a SOQL string once into closures (filter, sort, projection) that run over the org's
// records. Compiling up-front keeps paging through 100,000 rows cheap.
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type {
  FieldType as ParsedFieldType,
  OrderByClause,
  Query,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';
import type { FieldSpec, ObjectSchema, SfRecord, SfValue } from './schema-types';
import { isNumberType, isTextType } from './schema-types';
import { SfApiError } from './sf-errors';
import { dateLiteralRange, likeToRegExp, rangeAsStored, unquoteSoqlString } from './soql-literals';
import { canonicalDateTime, parseDate } from './sf-datetime';
import { normaliseId } from './salesforce-id';
import { fieldReader } from './formulas';

export interface QueryContext {
  schema(name: string): ObjectSchema | undefined;
  /** Resolves a referenced record by id, for relationship fields such as Owner.Email. */
  resolve(id: string): { object: string; record: SfRecord } | undefined;
  nowMs: number;
}

/** One selected column: a field of the queried object, or one reached through a lookup. */
export interface Selection {
  field: FieldSpec;
  relationship?: { reference: FieldSpec; name: string };
}

export interface CompiledQuery {
  schema: ObjectSchema;
  selections: Selection[];
  isCount: boolean;
  filter: ((record: SfRecord) => boolean) | null;
  compare: ((a: SfRecord, b: SfRecord) => number) | null;
  limit: number | null;
  offset: number;
  /** True when the query filters on IsDeleted, so /queryAll must not drop deleted rows itself. */
  filtersDeleted: boolean;
  /**
   * The Ids an `Id =` / `Id IN` condition that every match must meet limits the rows to
   * (null: no such condition): they are looked up, as a real org's Id index does, not scanned.
   */
  ids: string[] | null;
  /** `FOR VIEW` / `FOR REFERENCE`: the rows read are marked recently viewed / referenced. */
  marks: 'VIEW' | 'REFERENCE' | null;
}

type Getter = (record: SfRecord) => SfValue;

function fieldError(soql: string, token: string, text: string): SfApiError {
  return new SfApiError(400, 'INVALID_FIELD', positioned(soql, token, text));
}

/** Salesforce's error text for query problems: the query, a caret under the culprit, then why. */
function positioned(soql: string, token: string, text: string): string {
  const lines = soql.split('\n');
  const needle = token.toLowerCase();
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row] ?? '';
    const at = findToken(line.toLowerCase(), needle);
    if (at >= 0) {
      return `\n${line}\n${' '.repeat(at)}^\nERROR at Row:${row + 1}:Column:${at + 1}\n${text}`;
    }
  }
  return `\n${soql}\n^\nERROR at Row:1:Column:1\n${text}`;
}

function findToken(haystack: string, needle: string): number {
  let from = 0;
  while (from <= haystack.length) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return -1;
    const before = haystack.charAt(at - 1);
    const after = haystack.charAt(at + needle.length);
    if (!/[\w.]/.test(before) && !/\w/.test(after)) return at;
    from = at + 1;
  }
  return -1;
}

function malformed(message: string): SfApiError {
  return new SfApiError(400, 'MALFORMED_QUERY', message);
}

function parse(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const found = /but found --> '([^']*)' <--/.exec(text)?.[1];
    throw malformed(
      found !== undefined && found !== ''
        ? `unexpected token: ${found}`
        : 'unexpected token: <EOF>',
    );
  }
}

/**
 * `shown` is the text error messages point into: a SOSL search compiles each RETURNING entry as
 * SOQL, and its errors quote the search the client sent.
 */
export function compileQuery(soql: string, ctx: QueryContext, shown = soql): CompiledQuery {
  if (soql.trim() === '') throw malformed('unexpected token: <EOF>');
  const query = parse(soql);
  const objectName = query.sObject ?? '';
  const schema = ctx.schema(objectName);
  if (!schema) {
    throw new SfApiError(
      400,
      'INVALID_TYPE',
      positioned(
        shown,
        objectName,
        `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      ),
    );
  }
  if (query.groupBy || query.having)
    throw malformed('GROUP BY and HAVING are not supported by this org');
  const compiler = new Compiler(shown, schema, ctx);
  const { selections, isCount } = compiler.selections(query.fields ?? []);
  const filter = query.where ? compiler.where(query.where) : null;
  const compare = query.orderBy ? compiler.orderBy([query.orderBy].flat()) : null;
  const offset = query.offset ?? 0;
  if (offset > 2000) {
    throw new SfApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
  }
  return {
    schema,
    selections,
    isCount,
    filter,
    compare,
    limit: query.limit ?? null,
    offset,
    filtersDeleted: compiler.usesIsDeleted,
    ids: compiler.ids,
    marks: query.for === 'VIEW' || query.for === 'REFERENCE' ? query.for : null,
  };
}

/** Filters, sorts and windows rows; the caller chooses which rows (live only, or all). */
export function runQuery(query: CompiledQuery, rows: Iterable<SfRecord>): SfRecord[] {
  const filter = query.filter;
  let matched: SfRecord[] = [];
  if (filter) {
    for (const row of rows) if (filter(row)) matched.push(row);
  } else matched = [...rows];
  if (query.compare) matched.sort(query.compare);
  const end = query.limit === null ? undefined : query.offset + query.limit;
  return query.offset > 0 || end !== undefined ? matched.slice(query.offset, end) : matched;
}

type Token =
  { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' } | { kind: 'cond'; condition: Record<string, unknown> };

class Compiler {
  usesIsDeleted = false;
  ids: string[] | null = null;

  constructor(
    private readonly soql: string,
    private readonly schema: ObjectSchema,
    private readonly ctx: QueryContext,
  ) {}

  selections(fields: ParsedFieldType[]): { selections: Selection[]; isCount: boolean } {
    const selections: Selection[] = [];
    const seen = new Set<string>();
    let isCount = false;
    const add = (selection: Selection, raw: string): void => {
      const key = selection.relationship
        ? `${selection.relationship.name}.${selection.field.name}`.toLowerCase()
        : selection.field.name.toLowerCase();
      if (seen.has(key)) {
        throw new SfApiError(400, 'INVALID_FIELD', `duplicate field selected: ${raw}`);
      }
      seen.add(key);
      selections.push(selection);
    };
    for (const item of fields) {
      if (item.type === 'Field') {
        add({ field: this.field(item.field) }, item.field);
      } else if (item.type === 'FieldRelationship') {
        add(
          this.relationshipSelection(item.relationships, item.field, item.rawValue ?? item.field),
          item.rawValue ?? item.field,
        );
      } else if (item.type === 'FieldFunctionExpression') {
        const fn = item.functionName.toUpperCase();
        if (fn === 'COUNT' && item.parameters.length === 0) {
          isCount = true;
        } else if (fn === 'FIELDS') {
          const which = String(item.parameters[0] ?? '').toUpperCase();
          for (const spec of this.schema.fields) {
            const include =
              which === 'ALL' ||
              (which === 'STANDARD' ? !spec.custom : which === 'CUSTOM' && spec.custom);
            if (include && !seen.has(spec.name.toLowerCase())) add({ field: spec }, spec.name);
          }
        } else {
          throw malformed(`unsupported function in this org: ${item.rawValue ?? fn}`);
        }
      } else {
        throw malformed('subqueries and TYPEOF are not supported by this org');
      }
    }
    if (isCount && selections.length > 0) {
      throw malformed('COUNT() cannot be combined with other fields');
    }
    return { selections, isCount };
  }

  private field(name: string): FieldSpec {
    const spec = this.schema.byLowerName.get(name.toLowerCase());
    if (!spec) throw this.noSuchColumn(name);
    if (spec.name === 'IsDeleted') this.usesIsDeleted = true;
    return spec;
  }

  private noSuchColumn(name: string): SfApiError {
    return fieldError(
      this.soql,
      name,
      `No such column '${name}' on entity '${this.schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }

  private relationshipSelection(
    relationships: string[],
    fieldName: string,
    raw: string,
  ): Selection {
    const [relName, ...deeper] = relationships;
    // A relationship path may be written with the object's own name first ("Lead.Email").
    if (
      relName !== undefined &&
      relName.toLowerCase() === this.schema.name.toLowerCase() &&
      deeper.length === 0
    ) {
      return { field: this.field(fieldName) };
    }
    const reference =
      relName === undefined ? undefined : this.schema.byRelationship.get(relName.toLowerCase());
    if (!reference || deeper.length > 0) {
      throw fieldError(
        this.soql,
        raw,
        `Didn't understand relationship '${relationships.join('.')}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const target = reference.referenceTo
      .map((o) => this.ctx.schema(o))
      .find((s) => s !== undefined);
    const spec = target?.byLowerName.get(fieldName.toLowerCase());
    if (!target || !spec) {
      throw fieldError(
        this.soql,
        raw,
        `No such column '${fieldName}' on entity '${target?.name ?? reference.referenceTo[0] ?? 'Name'}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return {
      field: spec,
      relationship: { reference, name: reference.relationshipName ?? relName ?? '' },
    };
  }

  private getter(path: string): { spec: FieldSpec; get: Getter } {
    const parts = path.split('.');
    if (parts.length === 1) {
      const spec = this.field(path);
      return { spec, get: fieldReader(spec, this.ctx) };
    }
    const selection = this.relationshipSelection(
      parts.slice(0, -1),
      parts[parts.length - 1] ?? '',
      path,
    );
    const read = fieldReader(selection.field, this.ctx);
    if (!selection.relationship) return { spec: selection.field, get: read };
    const refName = selection.relationship.reference.name;
    return {
      spec: selection.field,
      get: (r) => {
        const id = r[refName];
        const target = typeof id === 'string' ? this.ctx.resolve(id) : undefined;
        return target ? read(target.record) : null;
      },
    };
  }

  where(clause: WhereClause): (record: SfRecord) => boolean {
    const tokens: Token[] = [];
    this.flatten(clause, tokens);
    let pos = 0;
    const peek = (): Token | undefined => tokens[pos];
    const parseOr = (): ((r: SfRecord) => boolean) => {
      const parts = [parseAnd()];
      while (peek()?.kind === 'OR') {
        pos++;
        parts.push(parseAnd());
      }
      return parts.length === 1
        ? (parts[0] as (r: SfRecord) => boolean)
        : (r) => parts.some((p) => p(r));
    };
    const parseAnd = (): ((r: SfRecord) => boolean) => {
      const parts = [parseNot()];
      while (peek()?.kind === 'AND') {
        pos++;
        parts.push(parseNot());
      }
      return parts.length === 1
        ? (parts[0] as (r: SfRecord) => boolean)
        : (r) => parts.every((p) => p(r));
    };
    const parseNot = (): ((r: SfRecord) => boolean) => {
      const token = peek();
      if (token?.kind === 'NOT') {
        pos++;
        const inner = parseNot();
        return (r) => !inner(r);
      }
      if (token?.kind === '(') {
        pos++;
        const inner = parseOr();
        if (peek()?.kind !== ')') throw malformed('unexpected token: (');
        pos++;
        return inner;
      }
      if (token?.kind === 'cond') {
        pos++;
        return this.condition(token.condition);
      }
      throw malformed(`unexpected token: ${token?.kind ?? '<EOF>'}`);
    };
    const predicate = parseOr();
    if (pos !== tokens.length) throw malformed('unexpected token: )');
    this.ids = this.idsEveryMatchHas(tokens);
    return predicate;
  }

  /** With conditions joined by AND alone, the Ids of the first `Id =` / `Id IN` among them. */
  private idsEveryMatchHas(tokens: readonly Token[]): string[] | null {
    if (tokens.some((token) => token.kind === 'OR' || token.kind === 'NOT')) return null;
    for (const token of tokens) {
      if (token.kind !== 'cond') continue;
      const { field, operator, value, literalType } = token.condition;
      if (typeof field !== 'string' || field.toLowerCase() !== 'id') continue;
      const op = String(operator ?? '=').toUpperCase();
      if (op !== '=' && op !== 'IN') continue;
      const spec = this.schema.byLowerName.get('id');
      if (!spec) return null;
      const values = Array.isArray(value) ? value.map(String) : [String(value ?? '')];
      const types = Array.isArray(literalType) ? literalType.map(String) : [];
      return values.flatMap((raw, i) => {
        const literal = this.literal(spec, field, raw, types[i] ?? String(literalType ?? 'STRING'));
        return literal.kind === 'value' && typeof literal.value === 'string' ? [literal.value] : [];
      });
    }
    return null;
  }

  private flatten(clause: WhereClause, out: Token[]): void {
    const node = clause as {
      left: Record<string, unknown> | null;
      operator?: string;
      right?: WhereClause;
    };
    const left = node.left;
    const isCondition = left !== null && ('field' in left || 'fn' in left);
    const opens = typeof left?.openParen === 'number' ? left.openParen : 0;
    for (let i = 0; i < opens; i++) out.push({ kind: '(' });
    if (isCondition && left) {
      out.push({ kind: 'cond', condition: left });
      const closes = typeof left.closeParen === 'number' ? left.closeParen : 0;
      for (let i = 0; i < closes; i++) out.push({ kind: ')' });
    }
    if (node.operator === 'AND' || node.operator === 'OR' || node.operator === 'NOT') {
      out.push({ kind: node.operator });
    }
    if (node.right) this.flatten(node.right, out);
  }

  private condition(condition: Record<string, unknown>): (r: SfRecord) => boolean {
    if (typeof condition.field !== 'string')
      throw malformed('functions in WHERE are not supported by this org');
    const { spec, get } = this.getter(condition.field);
    if (!spec.filterable) throw this.notFilterable(spec, condition.field);
    const operator = String(condition.operator ?? '=').toUpperCase();
    const literalTypes = condition.literalType;
    const rawValues = condition.value;
    if (literalTypes === 'SUBQUERY' || 'valueQuery' in condition)
      throw malformed('semi-join subqueries are not supported by this org');
    const values = Array.isArray(rawValues) ? rawValues.map(String) : [String(rawValues ?? '')];
    const types = Array.isArray(literalTypes)
      ? literalTypes.map(String)
      : values.map(() => String(literalTypes ?? 'STRING'));
    const literals = values.map((v, i) =>
      this.literal(spec, condition.field as string, v, types[i] ?? 'STRING'),
    );
    const key = keyFor(spec);

    switch (operator) {
      case '=':
      case '!=': {
        const lit = literals[0];
        if (lit === undefined) throw malformed('missing value');
        const test = lit.kind === 'range' ? inRange(lit, key, get) : equals(lit.value, key, get);
        return operator === '=' ? test : (r) => !test(r);
      }
      case 'IN':
      case 'NOT IN': {
        const set = new Set<SfValue>();
        let hasNull = false;
        for (const lit of literals) {
          if (lit.kind === 'range') throw malformed('date literals are not allowed in IN');
          if (lit.value === null) hasNull = true;
          else set.add(key(lit.value));
        }
        const test = (r: SfRecord): boolean => {
          const v = key(get(r));
          return v === null ? hasNull : set.has(v);
        };
        return operator === 'IN' ? test : (r) => !test(r);
      }
      case 'LIKE': {
        if (!isTextType(spec.type) && spec.type !== 'id' && spec.type !== 'reference') {
          throw new SfApiError(
            400,
            'INVALID_QUERY_FILTER_OPERATOR',
            positioned(this.soql, condition.field, `invalid operator on ${spec.type} field: LIKE`),
          );
        }
        const pattern = literals[0]?.kind === 'value' ? literals[0].value : null;
        if (typeof pattern !== 'string') return () => false;
        const regexp = likeToRegExp(pattern);
        return (r) => {
          const v = get(r);
          return typeof v === 'string' && regexp.test(v);
        };
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (spec.type !== 'multipicklist') {
          throw new SfApiError(
            400,
            'INVALID_QUERY_FILTER_OPERATOR',
            positioned(
              this.soql,
              condition.field,
              `${operator} can only be used with multi-select picklist fields`,
            ),
          );
        }
        const groups = literals.map((lit) =>
          String(lit.kind === 'value' ? lit.value : '')
            .split(';')
            .map((s) => s.trim().toLowerCase()),
        );
        const test = (r: SfRecord): boolean => {
          const v = get(r);
          if (typeof v !== 'string') return false;
          const have = new Set(v.split(';').map((s) => s.trim().toLowerCase()));
          return groups.some((g) => g.every((item) => have.has(item)));
        };
        return operator === 'INCLUDES' ? test : (r) => !test(r);
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const lit = literals[0];
        if (lit === undefined) throw malformed('missing value');
        if (lit.kind === 'range') {
          const bound = operator === '<' || operator === '>=' ? lit.start : lit.end;
          return ordered(
            operator === '<=' ? '<' : operator === '>' ? '>=' : operator,
            bound,
            key,
            get,
          );
        }
        if (lit.value === null) return () => false;
        return ordered(operator, lit.value, key, get);
      }
      default:
        throw malformed(`unexpected token: ${operator}`);
    }
  }

  private literal(spec: FieldSpec, fieldText: string, raw: string, type: string): Literal {
    const typeError = (expected: string, quoted: boolean): SfApiError =>
      new SfApiError(
        400,
        'INVALID_QUERY_FILTER_OPERATOR',
        positioned(
          this.soql,
          fieldText,
          `value of filter criterion for field '${fieldText}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
        ),
      );
    if (type === 'NULL') return { kind: 'value', value: null };
    const t = spec.type;
    if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
      if (t !== 'date' && t !== 'datetime') throw typeError(expectedName(t), isQuotedType(t));
      const range = dateLiteralRange(raw, this.ctx.nowMs);
      if (!range) throw malformed(`unexpected token: ${raw}`);
      const stored = rangeAsStored(range, t);
      return { kind: 'range', start: stored.start, end: stored.end };
    }
    if (isTextType(t) || t === 'id' || t === 'reference') {
      if (type !== 'STRING') throw typeError('string', true);
      const text = unquoteSoqlString(raw);
      if (t === 'id' || t === 'reference') {
        return { kind: 'value', value: normaliseId(text) ?? text };
      }
      return { kind: 'value', value: text };
    }
    if (isNumberType(t)) {
      if (type !== 'INTEGER' && type !== 'DECIMAL')
        throw typeError(t === 'int' ? 'int' : 'double', false);
      return { kind: 'value', value: Number(raw) };
    }
    if (t === 'boolean') {
      if (type !== 'BOOLEAN') throw typeError('boolean', false);
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
    }
    if (t === 'datetime') {
      const value = type === 'DATETIME' ? canonicalDateTime(raw) : null;
      if (value === null) throw typeError('dateTime', false);
      return { kind: 'value', value };
    }
    if (t === 'date') {
      if (type !== 'DATE' || parseDate(raw) === null) throw typeError('date', false);
      return { kind: 'value', value: raw };
    }
    throw this.notFilterable(spec, fieldText);
  }

  /** Long text areas and compound fields cannot stand in a WHERE clause. */
  private notFilterable(spec: FieldSpec, fieldText: string): SfApiError {
    return new SfApiError(
      400,
      'INVALID_FIELD',
      positioned(this.soql, fieldText, `field '${spec.name}' can not be filtered in a query call`),
    );
  }

  orderBy(clauses: OrderByClause[]): (a: SfRecord, b: SfRecord) => number {
    const keys = clauses.map((clause) => {
      if (!('field' in clause)) throw malformed('ORDER BY functions are not supported by this org');
      const { spec, get } = this.getter(clause.field);
      if (!spec.sortable) {
        throw new SfApiError(
          400,
          'INVALID_FIELD',
          positioned(
            this.soql,
            clause.field,
            `field '${spec.name}' can not be sorted in a query call`,
          ),
        );
      }
      const desc = clause.order === 'DESC';
      // Salesforce's defaults: NULLS FIRST when ascending, NULLS LAST when descending.
      const nullsFirst = clause.nulls ? clause.nulls === 'FIRST' : !desc;
      return { key: keyFor(spec), get, desc, nullsFirst };
    });
    return (a, b) => {
      for (const k of keys) {
        const va = k.key(k.get(a));
        const vb = k.key(k.get(b));
        if (va === vb) continue;
        if (va === null) return k.nullsFirst ? -1 : 1;
        if (vb === null) return k.nullsFirst ? 1 : -1;
        const c = va < vb ? -1 : 1;
        return k.desc ? -c : c;
      }
      return 0;
    };
  }
}

type Literal = { kind: 'value'; value: SfValue } | { kind: 'range'; start: string; end: string };

function isQuotedType(t: FieldSpec['type']): boolean {
  return isTextType(t) || t === 'id' || t === 'reference';
}

function expectedName(t: FieldSpec['type']): string {
  return isQuotedType(t) ? 'string' : t === 'datetime' ? 'dateTime' : t;
}

/** Maps a stored value to the form it is compared in: text is case-insensitive in SOQL. */
function keyFor(spec: FieldSpec): (value: SfValue) => SfValue {
  if (isTextType(spec.type)) {
    return (v) => (typeof v === 'string' ? v.toLowerCase() : v);
  }
  return (v) => v;
}

function equals(
  literal: SfValue,
  key: (v: SfValue) => SfValue,
  get: Getter,
): (r: SfRecord) => boolean {
  const wanted = key(literal);
  return (r) => key(get(r)) === wanted;
}

function inRange(
  range: { start: string; end: string },
  key: (v: SfValue) => SfValue,
  get: Getter,
): (r: SfRecord) => boolean {
  return (r) => {
    const v = key(get(r));
    return typeof v === 'string' && v >= range.start && v < range.end;
  };
}

function ordered(
  operator: string,
  literal: SfValue,
  key: (v: SfValue) => SfValue,
  get: Getter,
): (r: SfRecord) => boolean {
  const bound = key(literal);
  if (bound === null) return () => false;
  switch (operator) {
    case '<':
      return (r) => {
        const v = key(get(r));
        return v !== null && v < bound;
      };
    case '<=':
      return (r) => {
        const v = key(get(r));
        return v !== null && v <= bound;
      };
    case '>':
      return (r) => {
        const v = key(get(r));
        return v !== null && v > bound;
      };
    default:
      return (r) => {
        const v = key(get(r));
        return v !== null && v >= bound;
      };
  }
}
