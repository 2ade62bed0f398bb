import { describe, expect, it } from 'vitest';
import { OrgState } from './org-state';
import { compileQuery, runQuery } from './soql-engine';
import type { SfRecord } from './schema-types';
import { SfApiError } from './sf-errors';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

function org(): OrgState {
  const state = new OrgState(
    {
      accessTokenLifetimeSeconds: 7200,
      rotateRefreshTokens: false,
      dailyApiLimit: 1000,
      duplicateRules: {},
      maxRequestHeadBytes: 16_384,
      demoUserViewsSetup: true,
      bulkQueryRunMs: 0,
      maxQueryBatch: 2_000,
    },
    () => NOW,
  );
  const rows: [string, string, string, number | null, string, number][] = [
    ['Ada', 'Lovelace', 'Analytical', 90, 'Working - Contacted', 0],
    ['alan', 'Turing', 'Bletchley', 75, 'Open - Not Contacted', 1],
    ['Grace', 'Hopper', 'Navy', null, 'Closed - Converted', 3],
    ['Edsger', 'Dijkstra', 'Eindhoven', 60, 'Working - Contacted', 10],
  ];
  for (const [first, last, company, score, status, daysAgo] of rows) {
    state.transact(state.demoUserId, 'test', (tx) =>
      tx.insert(
        'Lead',
        {
          FirstName: first,
          LastName: last,
          Company: company,
          Lead_Score__c: score,
          Status: status,
          Email: `${first.toLowerCase()}@example.com`,
        },
        { stampMs: NOW - daysAgo * 86_400_000 },
      ),
    );
  }
  return state;
}

function run(state: OrgState, soql: string, all = false): SfRecord[] {
  const compiled = compileQuery(soql, {
    schema: (n) => state.schema(n),
    resolve: (id) => state.find(id),
    nowMs: NOW,
  });
  const rows = [...state.table(compiled.schema.name).values()].filter(
    (r) => all || r.IsDeleted !== true,
  );
  return runQuery(compiled, rows);
}

function errorOf(fn: () => unknown): SfApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SfApiError) return error;
  }
  throw new Error('expected an SfApiError');
}

describe('SOQL engine', () => {
  const state = org();
  const names = (rows: SfRecord[]) => rows.map((r) => r.LastName);

  it('filters with AND / OR / NOT, parentheses and case-insensitive text', () => {
    expect(names(run(state, "SELECT Id FROM Lead WHERE FirstName = 'ALAN'"))).toEqual(['Turing']);
    expect(
      names(
        run(
          state,
          "SELECT Id FROM Lead WHERE (Lead_Score__c > 70 OR Company = 'Navy') AND NOT Status = 'Closed - Converted' ORDER BY LastName",
        ),
      ),
    ).toEqual(['Lovelace', 'Turing']);
    expect(
      names(
        run(
          state,
          "SELECT Id FROM Lead WHERE Status IN ('Working - Contacted') AND LastName NOT IN ('Dijkstra')",
        ),
      ),
    ).toEqual(['Lovelace']);
    expect(
      names(run(state, "SELECT Id FROM Lead WHERE Company LIKE 'b%' OR Email LIKE '%hopper%'")),
    ).toEqual(['Turing']);
  });

  it('handles null, numbers, datetimes and date literals', () => {
    expect(names(run(state, 'SELECT Id FROM Lead WHERE Lead_Score__c = null'))).toEqual(['Hopper']);
    expect(
      names(
        run(
          state,
          'SELECT Id FROM Lead WHERE Lead_Score__c != null AND Lead_Score__c <= 75 ORDER BY Lead_Score__c',
        ),
      ),
    ).toEqual(['Dijkstra', 'Turing']);
    expect(
      names(
        run(
          state,
          'SELECT Id FROM Lead WHERE SystemModstamp > 2025-06-13T12:00:00Z ORDER BY SystemModstamp DESC',
        ),
      ),
    ).toEqual(['Lovelace', 'Turing']);
    expect(names(run(state, 'SELECT Id FROM Lead WHERE CreatedDate = TODAY'))).toEqual([
      'Lovelace',
    ]);
    expect(names(run(state, 'SELECT Id FROM Lead WHERE CreatedDate = YESTERDAY'))).toEqual([
      'Turing',
    ]);
    expect(
      names(run(state, 'SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS:5 ORDER BY LastName')),
    ).toEqual(['Hopper', 'Lovelace', 'Turing']);
  });

  it('orders by several fields with NULLS FIRST/LAST, and applies LIMIT and OFFSET', () => {
    expect(
      names(run(state, 'SELECT Id FROM Lead ORDER BY Lead_Score__c DESC NULLS FIRST')),
    ).toEqual(['Hopper', 'Lovelace', 'Turing', 'Dijkstra']);
    expect(
      names(
        run(state, 'SELECT Id FROM Lead ORDER BY Lead_Score__c ASC NULLS LAST LIMIT 2 OFFSET 1'),
      ),
    ).toEqual(['Turing', 'Lovelace']);
    expect(names(run(state, 'SELECT Id FROM Lead ORDER BY Status, LastName DESC'))).toEqual([
      'Hopper',
      'Turing',
      'Lovelace',
      'Dijkstra',
    ]);
  });

  it('counts, expands FIELDS(STANDARD) and follows Owner.Email', () => {
    const compiled = compileQuery('SELECT COUNT() FROM Lead', {
      schema: (n) => state.schema(n),
      resolve: (id) => state.find(id),
      nowMs: NOW,
    });
    expect(compiled.isCount).toBe(true);
    const standard = compileQuery('SELECT FIELDS(STANDARD) FROM Lead', {
      schema: (n) => state.schema(n),
      resolve: (id) => state.find(id),
      nowMs: NOW,
    });
    expect(standard.selections.some((s) => s.field.name === 'Email')).toBe(true);
    expect(standard.selections.some((s) => s.field.custom)).toBe(false);
    expect(
      run(state, "SELECT Id FROM Lead WHERE Owner.Email = 'dana.demo@leadbridge-demo.example'"),
    ).toHaveLength(4);
  });

  it('reports Salesforce errors: INVALID_FIELD with a caret, MALFORMED_QUERY, INVALID_TYPE', () => {
    const unknown = errorOf(() => run(state, 'SELECT Id, Bacon__c FROM Lead'));
    expect(unknown.errorCode).toBe('INVALID_FIELD');
    expect(unknown.message).toContain("No such column 'Bacon__c' on entity 'Lead'");
    expect(unknown.message).toContain('ERROR at Row:1:Column:12');
    expect(errorOf(() => run(state, 'SELEKT Id FROM Lead'))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'unexpected token: SELEKT',
    });
    expect(errorOf(() => run(state, 'SELECT Id FROM Nope')).errorCode).toBe('INVALID_TYPE');
    expect(errorOf(() => run(state, 'SELECT Id, Id FROM Lead')).message).toBe(
      'duplicate field selected: Id',
    );
    expect(
      errorOf(() => run(state, "SELECT Id FROM Lead WHERE Lead_Score__c = 'x'")).errorCode,
    ).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('keeps deleted rows out unless the caller asks for all', () => {
    const victim = run(state, "SELECT Id FROM Lead WHERE LastName = 'Dijkstra'")[0];
    state.transact(state.demoUserId, 'test', (tx) => tx.remove('Lead', String(victim?.Id)));
    expect(run(state, 'SELECT Id FROM Lead')).toHaveLength(3);
    expect(names(run(state, 'SELECT Id FROM Lead WHERE IsDeleted = true', true))).toEqual([
      'Dijkstra',
    ]);
  });

  it('looks Id-filtered rows up by Id, as a real org’s Id index does: same rows, Id order', () => {
    const ids = run(state, 'SELECT Id FROM Lead ORDER BY Id').map((row) => String(row.Id));
    const [first, second, third] = ids as [string, string, string];
    const compile = (soql: string) =>
      compileQuery(soql, {
        schema: (n) => state.schema(n),
        resolve: (id) => state.find(id),
        nowMs: NOW,
      });
    const short = (id: string) => `'${id.slice(0, 15)}'`;
    const inList = `Id IN (${short(third)}, ${short(first)}, 'nope')`;
    expect(compile(`SELECT Id FROM Lead WHERE ${inList} AND Status != 'x'`).ids).toEqual([
      third,
      first,
      'nope',
    ]);
    expect(compile(`SELECT Id FROM Lead WHERE Id = ${short(second)}`).ids).toEqual([second]);
    // Any OR or NOT may let rows with other Ids match: those queries scan.
    expect(compile(`SELECT Id FROM Lead WHERE ${inList} OR Status = 'x'`).ids).toBeNull();
    expect(compile(`SELECT Id FROM Lead WHERE NOT Id = ${short(second)}`).ids).toBeNull();
    expect(compile(`SELECT Id FROM Lead WHERE Id != ${short(second)}`).ids).toBeNull();

    const looked = state.visibleRecordsWithIds('Lead', [third, first, third, 'nope']);
    expect(looked.map((row) => row.Id)).toEqual([first, third]);
    state.setVisible(first, false);
    expect(state.visibleRecordsWithIds('Lead', [third, first]).map((row) => row.Id)).toEqual([
      third,
    ]);
  });
});
