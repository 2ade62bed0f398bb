import { describe, expect, it } from 'vitest';
import {
  idInClauses,
  MAX_QUERY_URI_BYTES,
  queryUri,
  selectFrom,
  splitLeadSelects,
} from './lead-query-plan';

const standard = ['Id', 'IsDeleted', 'Name', 'Email', 'Company', 'Status', 'SystemModstamp'];
/** Forty characters, the longest a custom field's API name can be. */
const longName = (i: number) => `Regional_Qualification_Notes_${String(i).padStart(4, '0')}_XYZ__c`;
const wide = [...standard, ...Array.from({ length: 800 }, (_, i) => longName(i))];

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
});
