// Parses SOSL (`FIND {…} IN … FIELDS RETURNING Obj(fields WHERE … ORDER BY … LIMIT n) LIMIT n`)
// into a search expression and, per returned object, the SOQL pieces the query engine compiles.
// Every refusal is a Salesforce-shaped 400: MALFORMED_SEARCH for syntax, INVALID_SEARCH for a
// term too short to search.
import { SfApiError } from './sf-errors';

export type SearchScope = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';

/**
 * One search term: the words it must find next to each other in a field, lower case, with the
 * wildcards `*` (any run of letters and digits) and `?` (one of them) left in place.
 */
export interface SearchTerm {
  kind: 'term';
  words: string[];
}

export type SearchExpression =
  SearchTerm | { kind: 'and' | 'or' | 'andNot'; left: SearchExpression; right: SearchExpression };

/** A RETURNING entry: its object, its field list and the clauses after it, as SOQL text. */
export interface ReturningObject {
  object: string;
  /** The field list ("Id, Name"); "Id" when the entry names none. */
  fields: string;
  /** WHERE / ORDER BY / LIMIT / OFFSET, as written (possibly empty). */
  clauses: string;
}

export interface SoslSearch {
  expression: SearchExpression;
  scope: SearchScope;
  /** null: no RETURNING clause, so every searchable object, with Ids only. */
  returning: ReturningObject[] | null;
  limit: number | null;
}

const SCOPES: readonly SearchScope[] = ['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'];
/** Characters SOSL reserves in a search term: they stand only when escaped with a backslash. */
const RESERVED = new Set([..."&|!{}[]^~:'+-"]);
const CLAUSE_START = /\b(WHERE|ORDER\s+BY|LIMIT|OFFSET|USING)\b/i;
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function malformedSearch(text: string): SfApiError {
  return new SfApiError(400, 'MALFORMED_SEARCH', text);
}

/** Salesforce's error text for a search: the line, a caret under the culprit, then why. */
function positioned(sosl: string, index: number, text: string): SfApiError {
  const before = sosl.slice(0, index).split('\n');
  const row = before.length;
  const column = (before[before.length - 1] ?? '').length;
  const line = sosl.split('\n')[row - 1] ?? '';
  return malformedSearch(
    `\n${line}\n${' '.repeat(column)}^\nERROR at Row:${row}:Column:${column + 1}\n${text}`,
  );
}

export function parseSosl(sosl: string): SoslSearch {
  return new SoslParser(sosl).parse();
}

/** A bare search string (parameterizedSearch's `q`): the text FIND's braces would hold. */
export function parseSearchText(text: string): SearchExpression {
  return new TermParser(text, 0, text.length, text).parse();
}

class SoslParser {
  private pos = 0;

  constructor(private readonly sosl: string) {}

  parse(): SoslSearch {
    this.keyword('FIND');
    this.skipSpace();
    if (this.sosl[this.pos] !== '{')
      throw positioned(
        this.sosl,
        this.pos,
        'No search term found. The search term must be enclosed in braces.',
      );
    const close = closingBrace(this.sosl, this.pos + 1);
    const expression = new TermParser(this.sosl, this.pos + 1, close, this.sosl).parse();
    this.pos = close + 1;
    let scope: SearchScope = 'ALL';
    let returning: ReturningObject[] | null = null;
    let limit: number | null = null;
    let word = this.nextWord();
    if (word?.toUpperCase() === 'IN') {
      scope = this.scope();
      word = this.nextWord();
    }
    if (word?.toUpperCase() === 'RETURNING') {
      returning = this.returning();
      word = this.nextWord();
    }
    if (word?.toUpperCase() === 'WITH' || word?.toUpperCase() === 'UPDATE')
      throw positioned(
        this.sosl,
        this.pos - word.length,
        `${word.toUpperCase()} clauses are not supported by this org`,
      );
    if (word?.toUpperCase() === 'LIMIT') {
      limit = this.number();
      word = this.nextWord();
    }
    this.skipSpace();
    if (word !== null || this.pos < this.sosl.length)
      throw this.unexpected(word === null ? this.pos : this.pos - word.length);
    return { expression, scope, returning, limit };
  }

  private scope(): SearchScope {
    const at = this.skipSpace();
    const name = (this.nextWord() ?? '').toUpperCase();
    const scope = SCOPES.find((s) => s === name);
    if (!scope) throw positioned(this.sosl, at, `Malformed search token: ${name || '<EOF>'}`);
    this.keyword('FIELDS');
    return scope;
  }

  private returning(): ReturningObject[] {
    const objects: ReturningObject[] = [];
    for (;;) {
      const at = this.skipSpace();
      const object = this.nextWord();
      if (object === null || !OBJECT_NAME.test(object)) throw this.unexpected(at);
      this.skipSpace();
      if (this.sosl[this.pos] === '(') {
        const close = closingParen(this.sosl, this.pos);
        objects.push(this.returningEntry(object, this.pos + 1, close));
        this.pos = close + 1;
      } else objects.push({ object, fields: 'Id', clauses: '' });
      this.skipSpace();
      if (this.sosl[this.pos] !== ',') return objects;
      this.pos += 1;
    }
  }

  private returningEntry(object: string, start: number, end: number): ReturningObject {
    const inner = this.sosl.slice(start, end);
    const clauseAt = maskQuotedAndNested(inner).search(CLAUSE_START);
    const fields = (clauseAt < 0 ? inner : inner.slice(0, clauseAt)).trim();
    const clauses = clauseAt < 0 ? '' : inner.slice(clauseAt).trim();
    if (fields === '') throw this.unexpected(start + Math.max(clauseAt, 0));
    if (/^USING\b/i.test(clauses))
      throw positioned(this.sosl, start + clauseAt, 'USING clauses are not supported by this org');
    return { object, fields, clauses };
  }

  private number(): number {
    const at = this.skipSpace();
    const digits = /^\d+/.exec(this.sosl.slice(this.pos))?.[0];
    if (digits === undefined) throw this.unexpected(at);
    this.pos += digits.length;
    return Number(digits);
  }

  private keyword(expected: string): void {
    const at = this.skipSpace();
    const word = this.nextWord();
    if (word?.toUpperCase() !== expected) throw this.unexpected(at);
  }

  private nextWord(): string | null {
    this.skipSpace();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.sosl.slice(this.pos))?.[0];
    if (word === undefined) return null;
    this.pos += word.length;
    return word;
  }

  private skipSpace(): number {
    while (this.pos < this.sosl.length && /\s/.test(this.sosl.charAt(this.pos))) this.pos += 1;
    return this.pos;
  }

  private unexpected(at: number): SfApiError {
    const token = /^\S+/.exec(this.sosl.slice(at))?.[0] ?? '<EOF>';
    return positioned(this.sosl, at, `unexpected token: ${token.slice(0, 40)}`);
  }
}

/** Index of the `}` closing a search term that starts at `from` (escapes and phrases skipped). */
function closingBrace(sosl: string, from: number): number {
  let quoted = false;
  for (let i = from; i < sosl.length; i++) {
    const c = sosl[i];
    if (c === '\\') i += 1;
    else if (c === '"') quoted = !quoted;
    else if (c === '}' && !quoted) return i;
  }
  throw positioned(sosl, sosl.length, "mismatched character '<EOF>' expecting '}'");
}

/** Index of the `)` closing the `(` at `open`, skipping quoted strings and nested parentheses. */
function closingParen(sosl: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sosl.length; i++) {
    const c = sosl[i];
    if (c === "'") i = endOfString(sosl, i);
    else if (c === '(') depth += 1;
    else if (c === ')' && --depth === 0) return i;
  }
  throw positioned(sosl, sosl.length, "mismatched character '<EOF>' expecting ')'");
}

function endOfString(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === "'") return i;
  }
  return text.length;
}

/** The text with quoted strings and parenthesised parts blanked, so keywords in them don't count. */
function maskQuotedAndNested(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "'") {
      const end = Math.min(endOfString(text, i), text.length - 1);
      out += ' '.repeat(end - i + 1);
      i = end;
    } else if (c === '(' || c === ')') {
      depth += c === '(' ? 1 : -1;
      out += ' ';
    } else out += depth > 0 ? ' ' : c;
  }
  return out;
}

type TermToken =
  | { kind: '(' | ')' | 'AND' | 'OR' | 'NOT'; at: number }
  | { kind: 'term'; at: number; term: SearchTerm };

/** The search expression between FIND's braces: terms, "phrases", AND / OR / AND NOT, ( ). */
class TermParser {
  private tokens: TermToken[] = [];
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly shown: string,
  ) {}

  parse(): SearchExpression {
    this.tokens = this.lex();
    const terms = this.tokens.filter((t) => t.kind === 'term');
    const searched = this.text.slice(this.start, this.end).trim();
    if (terms.length === 0 || terms.some((t) => termLength(t.term) < 2))
      throw new SfApiError(
        400,
        'INVALID_SEARCH',
        `search term must be longer than one character: ${searched}`,
      );
    const expression = this.or();
    const extra = this.tokens[this.next];
    if (extra) throw this.unexpectedToken(extra);
    return expression;
  }

  private or(): SearchExpression {
    let left = this.and();
    while (this.tokens[this.next]?.kind === 'OR') {
      this.next += 1;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  /** Terms side by side are joined by AND, as Salesforce's search does. */
  private and(): SearchExpression {
    let left = this.operand();
    for (;;) {
      const token = this.tokens[this.next];
      if (token === undefined || token.kind === 'OR' || token.kind === ')') return left;
      if (token.kind === 'AND') {
        this.next += 1;
        if (this.tokens[this.next]?.kind === 'NOT') {
          this.next += 1;
          left = { kind: 'andNot', left, right: this.operand() };
          continue;
        }
      }
      left = { kind: 'and', left, right: this.operand() };
    }
  }

  private operand(): SearchExpression {
    const token = this.tokens[this.next];
    if (token?.kind === 'term') {
      this.next += 1;
      return token.term;
    }
    if (token?.kind === '(') {
      this.next += 1;
      const inner = this.or();
      if (this.tokens[this.next]?.kind !== ')')
        throw positioned(this.shown, this.end, "mismatched input expecting ')'");
      this.next += 1;
      return inner;
    }
    if (token === undefined) throw positioned(this.shown, this.end, 'unexpected token: <EOF>');
    throw this.unexpectedToken(token);
  }

  private unexpectedToken(token: TermToken): SfApiError {
    return positioned(
      this.shown,
      token.at,
      `unexpected token: ${token.kind === 'term' ? (this.text.slice(token.at).split(/\s/)[0] ?? '') : token.kind}`,
    );
  }

  private lex(): TermToken[] {
    const tokens: TermToken[] = [];
    let i = this.start;
    while (i < this.end) {
      const c = this.text.charAt(i);
      if (/\s/.test(c)) {
        i += 1;
      } else if (c === '(' || c === ')') {
        tokens.push({ kind: c, at: i });
        i += 1;
      } else if (c === '"') {
        const close = this.phraseEnd(i);
        tokens.push({ kind: 'term', at: i, term: toTerm(unescape(this.text.slice(i + 1, close))) });
        i = close + 1;
      } else {
        const at = i;
        let word = '';
        let bare = '';
        while (i < this.end && !/[\s()"]/.test(this.text.charAt(i))) {
          const ch = this.text.charAt(i);
          if (ch === '\\') {
            // An escaped character is searched for as itself: never a wildcard or an operator.
            word += ' ';
            bare += '\\';
            i += 2;
            continue;
          }
          if (RESERVED.has(ch))
            throw positioned(this.shown, i, `mismatched character '${ch}' expecting '}'`);
          word += ch;
          bare += ch;
          i += 1;
        }
        const operator = bare.toUpperCase();
        const term = toTerm(word);
        if (operator === 'AND' || operator === 'OR' || operator === 'NOT')
          tokens.push({ kind: operator, at });
        // Punctuation alone (an escaped "&") is not indexed: it searches for nothing.
        else if (term.words.length > 0) tokens.push({ kind: 'term', at, term });
      }
    }
    return tokens;
  }

  private phraseEnd(open: number): number {
    for (let i = open + 1; i < this.end; i++) {
      if (this.text[i] === '\\') i += 1;
      else if (this.text[i] === '"') return i;
    }
    throw positioned(this.shown, this.end, `mismatched character '<EOF>' expecting '"'`);
  }
}

/** A phrase's text with its escapes resolved (escaped characters separate words, as punctuation). */
function unescape(text: string): string {
  return text.replace(/\\[\s\S]?/g, ' ');
}

/** Words as the search index splits them: runs of letters and digits (wildcards kept). */
function toTerm(text: string): SearchTerm {
  return { kind: 'term', words: text.toLowerCase().match(/[\p{L}\p{N}*?]+/gu) ?? [] };
}

function termLength(term: SearchTerm): number {
  return term.words.reduce((sum, word) => sum + word.replace(/[*?]/g, '').length, 0);
}
