import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SfApiError } from './sf-errors';
import { parseSearchText, parseSosl } from './sosl-parser';

function refusal(run: () => unknown): SfApiError | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof SfApiError) return error;
    throw error;
  }
}

describe('SOSL parser', () => {
  it('reads the term, the field group, each RETURNING entry as SOQL pieces, and LIMIT', () => {
    expect(
      parseSosl(
        'find {Acme* OR "Big Co"} in name fields returning Lead(Id, Name WHERE Company = \'A (B)\' ORDER BY Name LIMIT 5), Contact LIMIT 20',
      ),
    ).toEqual({
      expression: {
        kind: 'or',
        left: { kind: 'term', words: ['acme*'] },
        right: { kind: 'term', words: ['big', 'co'] },
      },
      scope: 'NAME',
      returning: [
        {
          object: 'Lead',
          fields: 'Id, Name',
          clauses: "WHERE Company = 'A (B)' ORDER BY Name LIMIT 5",
        },
        { object: 'Contact', fields: 'Id', clauses: '' },
      ],
      limit: 20,
    });
  });

  it('joins side-by-side terms with AND, and reads AND NOT', () => {
    expect(parseSearchText('jane doe AND NOT smith')).toEqual({
      kind: 'andNot',
      left: {
        kind: 'and',
        left: { kind: 'term', words: ['jane'] },
        right: { kind: 'term', words: ['doe'] },
      },
      right: { kind: 'term', words: ['smith'] },
    });
  });

  it('takes an escaped reserved character or wildcard as punctuation, not syntax', () => {
    expect(parseSearchText("O\\'Brien\\*")).toEqual({ kind: 'term', words: ['o', 'brien'] });
    expect(parseSearchText('Harbour \\& Sons')).toEqual({
      kind: 'and',
      left: { kind: 'term', words: ['harbour'] },
      right: { kind: 'term', words: ['sons'] },
    });
  });

  it('refuses every malformed search with a 400 in Salesforce’s shape, never another error', () => {
    const piece = fc.constantFrom(
      'FIND',
      '{',
      '}',
      '"',
      '\\',
      '(',
      ')',
      ',',
      'IN',
      'ALL',
      'FIELDS',
      'RETURNING',
      'Lead',
      'Lead(',
      'WHERE',
      "'",
      'LIMIT',
      '9',
      'AND',
      'OR',
      'NOT',
      '*',
      '?',
      '-',
      'ab',
      'x',
      '\n',
    );
    const sosl = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 16 }).map((p) => p.join(' ')),
    );
    fc.assert(
      fc.property(sosl, (text) => {
        const error = refusal(() => parseSosl(text));
        if (error === null) return;
        expect(error.status).toBe(400);
        expect(['MALFORMED_SEARCH', 'INVALID_SEARCH']).toContain(error.errorCode);
      }),
      { numRuns: 2000 },
    );
  });
});
