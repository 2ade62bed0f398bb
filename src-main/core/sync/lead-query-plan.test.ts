import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  checkedQueryUri,
  idInClauses,
  MAX_QUERY_URI_BYTES,
  queryUri,
  selectFrom,
  splitLeadSelects,
  tooLongQueryError,
  WHERE_RESERVE_BYTES,
} from './lead-query-plan';

const standard = ['Id', 'IsDeleted', 'Name', 'Email', 'Company', 'Status', 'SystemModstamp'];
/** Forty characters, the longest a custom field's API name can be. */
const longName = (i: number) => `Regional_Qualification_Notes_${String(i).padStart(4, '0')}_XYZ__c`;
const wide = [...standard, ...Array.from({ length: 800 }, (_, i) => longName(i))];
const uriBytes = (fields: string[], where = '') =>
  Buffer.byteLength(queryUri('queryAll', selectFrom(fields) + where));
const inClause = (ids: string[]) => ` WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')})`;
/** Salesforce Ids come in 15 and 18 characters; both are accepted. */
const leadIds = (count: number, length: 15 | 18, from = 0) =>
  Array.from({ length: count }, (_, i) => `00Q${String(from + i).padStart(length - 3, '0')}`);

describe('Lead query plan', () => {
  it('keeps an ordinary Lead in one SELECT list, so it costs one query as before', () => {
    expect(splitLeadSelects(standard)).toEqual([standard]);
  });

  it('splits 800 long custom fields into lists that each fit a query URI with room for a WHERE', () => {
    expect(longName(0)).toHaveLength(40);
    const lists = splitLeadSelects(wide);
    expect(lists.length).toBeGreaterThan(1);
    for (const fields of lists) {
      expect(fields).toEqual(expect.arrayContaining(['Id', 'SystemModstamp']));
      // The longest WHERE the sync writes: a page's run of (SystemModstamp, Id).
      const id = '00Q000000000000AAA';
      const where = ` WHERE ((SystemModstamp = 2026-03-10T12:00:00Z AND Id >= '${id}') OR (SystemModstamp > 2026-03-10T12:00:00Z AND SystemModstamp < 2026-03-10T12:00:09Z) OR (SystemModstamp = 2026-03-10T12:00:09Z AND Id <= '${id}'))`;
      expect(
        Buffer.byteLength(queryUri('queryAll', selectFrom(fields) + where)),
      ).toBeLessThanOrEqual(MAX_QUERY_URI_BYTES);
    }
    const named = lists.flat().filter((field) => field !== 'Id' && field !== 'SystemModstamp');
    expect(new Set(named).size).toBe(named.length);
    expect([...named, 'Id', 'SystemModstamp'].sort()).toEqual([...wide].sort());
  });

  it('leaves every list the room it reserves for the WHERE clause, full lists after a split too', () => {
    const lists = splitLeadSelects(wide);
    expect(lists.length).toBeGreaterThan(2);
    for (const fields of lists)
      expect(uriBytes(fields)).toBeLessThanOrEqual(MAX_QUERY_URI_BYTES - WHERE_RESERVE_BYTES);
  });

  it('leaves that room to the byte in a queryAll URI, however long the fields filling a list', () => {
    // One field a byte longer each time moves where the leading list ends through every byte.
    for (let length = 1; length <= 44; length += 1) {
      const [leading] = splitLeadSelects([
        ...standard,
        `${'X'.repeat(length)}__c`,
        ...wide.slice(standard.length),
      ]);
      expect(uriBytes(leading)).toBeLessThanOrEqual(MAX_QUERY_URI_BYTES - WHERE_RESERVE_BYTES);
    }
  });

  it('fills a list to the byte of its budget, counting Id and SystemModstamp wherever they come', () => {
    const budget = MAX_QUERY_URI_BYTES - WHERE_RESERVE_BYTES;
    const separator = Buffer.byteLength(encodeURIComponent(', '));
    // The split counts a separator after every field: a full list's URI ends one short of it.
    const filler = budget - uriBytes(['Id', 'SystemModstamp', 'Name', '']) - separator;
    const exact = 'X'.repeat(filler);
    const over = 'X'.repeat(filler + 1);
    for (const keysFirst of [true, false]) {
      const withKeys = (fields: string[]) =>
        keysFirst ? ['Id', 'SystemModstamp', ...fields] : [...fields, 'Id', 'SystemModstamp'];
      const input = (field: string) =>
        keysFirst ? withKeys(['Name', field, 'Email']) : ['Name', field, 'Email'];
      const [full, next] = splitLeadSelects(input(exact));
      expect(full).toEqual(withKeys(['Name', exact]));
      expect(uriBytes(full) + separator).toBe(budget);
      expect(next).toEqual(['Id', 'SystemModstamp', 'Email']);
      expect(splitLeadSelects(input(over))).toEqual([
        withKeys(['Name']),
        ['Id', 'SystemModstamp', over],
        ['Id', 'SystemModstamp', 'Email'],
      ]);
    }
  });

  it('gives every list Id and SystemModstamp, wherever the fields name them', () => {
    expect(splitLeadSelects(['Name', 'Email'])).toEqual([
      ['Name', 'Email', 'Id', 'SystemModstamp'],
    ]);
    const customs = wide.filter((field) => field.endsWith('__c'));
    const lists = splitLeadSelects([...customs, 'Id', 'SystemModstamp']);
    expect(lists.length).toBeGreaterThan(1);
    for (const fields of lists) {
      expect(fields.filter((field) => field === 'Id' || field === 'SystemModstamp')).toEqual([
        'Id',
        'SystemModstamp',
      ]);
    }
  });

  it('groups an Id list into IN clauses that fit next to the widest list', () => {
    const lists = splitLeadSelects(wide);
    const ids = Array.from({ length: 500 }, (_, i) => `00Q${String(i).padStart(15, '0')}`);
    const clauses = idInClauses('queryAll', lists, ids);
    expect(clauses.length).toBeGreaterThan(1);
    for (const clause of clauses) {
      expect(clause.length).toBeLessThanOrEqual(4_000);
      for (const fields of lists)
        expect(
          Buffer.byteLength(queryUri('queryAll', selectFrom(fields) + clause)),
        ).toBeLessThanOrEqual(MAX_QUERY_URI_BYTES);
    }
    expect(clauses.join('').match(/'00Q\d{15}'/g)).toHaveLength(500);
  });

  it('fills an IN clause to the 4,000-character WHERE cap, and not one character past it', () => {
    // 18 Ids of 18 characters and 189 of 15: ' WHERE Id IN (…)' is exactly 4,000 characters.
    const exact = [...leadIds(18, 18), ...leadIds(189, 15, 100)];
    const [full, ...rest] = idInClauses('query', [standard], exact);
    expect(full).toHaveLength(4_000);
    expect(rest).toEqual([]);
    // 12 and 196 make 4,001: the last Id goes to a second clause.
    const over = [...leadIds(12, 18), ...leadIds(196, 15, 100)];
    expect(idInClauses('query', [standard], over)).toEqual([
      inClause(over.slice(0, -1)),
      inClause(over.slice(-1)),
    ]);
  });

  it('fills an IN clause up to the query URI limit, to the byte, and not one byte past it', () => {
    const ids = leadIds(100, 18);
    const where = inClause(ids);
    // One field named so that the 100 Ids fill the URI exactly.
    const padding = MAX_QUERY_URI_BYTES - uriBytes(['Id', ''], where);
    const fields = ['Id', 'X'.repeat(padding)];
    expect(uriBytes(fields, where)).toBe(MAX_QUERY_URI_BYTES);
    expect(idInClauses('queryAll', [fields], ids)).toEqual([where]);
    expect(idInClauses('queryAll', [fields], [...ids, ...leadIds(1, 18, 100)])).toHaveLength(2);
  });
});

describe('a Lead query refused as too long', () => {
  it('is refused before it is sent once its URI passes the limit, by one byte', () => {
    const fields = (padding: number) => ['Id', 'X'.repeat(padding)];
    const padding = MAX_QUERY_URI_BYTES - uriBytes(fields(0));
    const atLimit = selectFrom(fields(padding));
    expect(checkedQueryUri('queryAll', atLimit)).toBe(queryUri('queryAll', atLimit));
    expect(() => checkedQueryUri('queryAll', selectFrom(fields(padding + 1)))).toThrow(
      expect.objectContaining({ code: 'SALESFORCE_QUERY_TOO_LONG' }),
    );
  });

  const refused = (status: number) =>
    tooLongQueryError(`ERROR_HTTP_${status}`, new AppError(`ERROR_HTTP_${status}`, 'html'));

  it('names the status Salesforce answered, 414 or 431, and says what to do', () => {
    const uri = refused(414);
    expect(uri?.code).toBe('SALESFORCE_QUERY_TOO_LONG');
    expect(uri?.message).toMatch(/too long \(414 URI Too Long\): the org has more Lead fields/);
    expect(uri?.message).toMatch(/report this with the number of Lead fields in your org\.$/);
    const headers = refused(431);
    expect(headers?.code).toBe('SALESFORCE_QUERY_TOO_LONG');
    expect(headers?.message).toMatch(/too long \(431 Request Header Fields Too Large\)/);
    expect(headers?.message).not.toMatch(/414/);
    expect(headers?.message).toMatch(
      /report this with .* any proxy between Leadbridge and Salesforce\.$/,
    );
  });

  it('leaves any other failure as it was', () => {
    expect(refused(400)).toBeUndefined();
    expect(tooLongQueryError('QUERY_TIMEOUT', undefined)).toBeUndefined();
  });
});
