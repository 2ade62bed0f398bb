import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { JsonLeadPageReader, rendersAsParsed } from './lead-json-page';
import { LeadRepository } from './lead-repository';
import { applyMigrations } from './migrations';
import { migrations } from './schema';

function cache() {
  const db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  return {
    db,
    leads: new LeadRepository(db, new FakeClock(0)),
    reader: new JsonLeadPageReader(db),
  };
}

const rows = (db: BetterSqlite3.Database) =>
  db.prepare('SELECT * FROM leads ORDER BY id').all() as Record<string, unknown>[];

/** The same page stored by `importPage` (records parsed in JavaScript) and `importJsonPage`. */
function bothPaths(text: string) {
  const parsed = cache();
  parsed.leads.importPage((JSON.parse(text) as { records: never[] }).records);
  const json = cache();
  const page = json.reader.read(text);
  if (!page) throw new Error('the page was not read');
  json.leads.importJsonPage(page);
  return { parsed: rows(parsed.db), json: rows(json.db) };
}

const lead = (n: number, fields: Record<string, unknown>) => ({
  attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/00Q${n}` },
  Id: `00Q00000000000${n}AAA`,
  SystemModstamp: `2026-11-22T09:0${n}:00.000+0000`,
  ...fields,
});

const page = (records: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ totalSize: records.length, done: true, records, ...extra });

const varied = [
  lead(1, {
    IsDeleted: false,
    IsConverted: true,
    Name: 'Zoë García-Müller 😀 李',
    Email: 'zoe@example.com',
    Company: null,
    Status: 'Closed - Converted',
    AnnualRevenue: 1250000.5,
    NumberOfEmployees: 0,
    Lead_Score__c: -42,
    Latitude__c: 0.000123,
    Big__c: 9007199254740991,
    Exp__c: 1e21,
    Description: `${'Long "quoted" text\\ with\nlines\tand tabs, 1,000 of them. '.repeat(1500)}\u2028end`,
  }),
  lead(2, {
    IsDeleted: false,
    IsConverted: false,
    Name: 42,
    Company: 'Acme',
    Status: true,
    HasOptedOutOfEmail: false,
  }),
  lead(3, { Name: 'No attributes', Email: null }),
];
delete (varied[2] as Partial<(typeof varied)[2]>).attributes;

describe('importJsonPage (the import through SQLite)', () => {
  it('stores the rows importPage stores, byte for byte: nulls, numbers, booleans, unicode, long text, attributes removed', () => {
    const text = page(varied);
    expect(rendersAsParsed(text)).toBe(true);
    const { parsed, json } = bothPaths(text);
    expect(json).toEqual(parsed);
    expect(json).toHaveLength(3);
    expect(json[0]).toMatchObject({
      is_converted: 1,
      company: null,
      name: 'Zoë García-Müller 😀 李',
    });
    expect(json[1]).toMatchObject({ name: null, status: null, email: null, is_converted: 0 });
    expect(JSON.parse(json[0]!.fields as string)).not.toHaveProperty('attributes');
  });

  it('stores a page laid out as Salesforce sends it (indented) as importPage does', () => {
    const text = JSON.stringify(JSON.parse(page(varied)), null, 2);
    expect(rendersAsParsed(text)).toBe(true);
    const { parsed, json } = bothPaths(text);
    expect(json).toEqual(parsed);
  });

  it('updates a Lead already cached, as importPage does', () => {
    const { db, leads, reader } = cache();
    leads.importJsonPage(reader.read(page([lead(1, { Name: 'Old', Email: 'old@example.com' })]))!);
    leads.importJsonPage(reader.read(page([lead(1, { Name: 'New', Email: null })]))!);
    expect(rows(db)).toEqual([expect.objectContaining({ name: 'New', email: null })]);
  });
});

describe('rendersAsParsed', () => {
  it.each([
    ['a decimal with a trailing zero', '{"records":[{"AnnualRevenue":1500.0}]}'],
    ['an exponent JavaScript writes otherwise', '{"records":[{"AnnualRevenue":1.5E7}]}'],
    ['an integer beyond 2^53', '{"records":[{"Big__c":12345678901234567891}]}'],
    ['minus zero', '{"records":[{"Score__c":-0}]}'],
    ['a \\u escape', '{"records":[{"Name":"Zo\\u00eb"}]}'],
    ['an escaped slash', '{"records":[{"Website":"http:\\/\\/example.com"}]}'],
  ])('refuses a page with %s, which SQLite would store otherwise', (_name, records) => {
    expect(rendersAsParsed(records)).toBe(false);
    const text = records.replace('{"records":[{', page([lead(1, {})]).slice(0, -3) + ',');
    expect(rendersAsParsed(text)).toBe(false);
    const { parsed, json } = bothPaths(text);
    expect(json).not.toEqual(parsed);
  });
});

describe('JsonLeadPageReader', () => {
  it('reads what the sync follows: total, done, next page, size and the last Id', () => {
    const { reader } = cache();
    const read = reader.read(
      page([lead(1, {}), lead(2, {})], { totalSize: 9, done: false, nextRecordsUrl: '/next' }),
    );
    expect(read).toMatchObject({
      totalSize: 9,
      done: false,
      nextRecordsUrl: '/next',
      size: 2,
      lastId: '00Q000000000002AAA',
    });
    expect(reader.read(page([]))).toMatchObject({ size: 0, lastId: undefined, done: true });
  });

  it.each([
    ['not JSON', '<html>Service unavailable</html>'],
    ['a record without an Id', page([{ SystemModstamp: '2026-11-22T09:00:00.000+0000' }])],
    ['a record whose Id is not text', page([{ Id: 7, SystemModstamp: '2026' }])],
    ['a record without SystemModstamp', page([{ Id: '00Q1' }])],
    ['a record that is not an object', page(['00Q1'])],
    ['no done', JSON.stringify({ totalSize: 0, records: [] })],
    [
      'a totalSize that is not a number',
      JSON.stringify({ totalSize: '0', done: true, records: [] }),
    ],
    ['no totalSize', JSON.stringify({ done: true, records: [] })],
    ['records that are not a list', JSON.stringify({ totalSize: 0, done: true, records: {} })],
  ])('refuses %s', (_name, text) => {
    expect(cache().reader.read(text)).toBeUndefined();
  });
});
