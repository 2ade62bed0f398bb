// The demo org behaves as a real org does for wide objects (URI limit, many custom fields) and
// for formula fields (computed on read, never stamped).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';

let org: DemoOrgHandle;
let token: string;
let nowMs: number;

beforeEach(async () => {
  nowMs = Date.parse('2026-03-10T12:00:00.000Z');
  org = await startDemoOrg({ leads: 5, seed: 'wide', now: () => nowMs });
  token = org.issueSession().access_token;
});
afterEach(async () => {
  await org.close();
});

function query(soql: string): Promise<Response> {
  return fetch(`${org.url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

async function rows(soql: string): Promise<Record<string, unknown>[]> {
  const res = await query(soql);
  expect(res.status).toBe(200);
  return ((await res.json()) as { records: Record<string, unknown>[] }).records;
}

function addFields(body: unknown): Promise<Response> {
  return fetch(`${org.url}/__admin/schema/Lead/fields`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('wide objects', () => {
  it('answers a query URI over 16,384 bytes with 414 and an HTML body, as Salesforce does', async () => {
    const fields = Array.from(
      { length: 800 },
      (_, i) => `Custom_Field_With_A_Long_API_Name_${i}__c`,
    ).join(', ');
    const res = await query(`SELECT Id, ${fields} FROM Lead`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toBe('<h1>Bad Message 414</h1><pre>reason: URI Too Long</pre>');

    const fits = await query(`SELECT Id FROM Lead WHERE Name != '${'x'.repeat(15_000)}'`);
    expect(fits.status).toBe(200);
  });

  it('adds custom fields through the admin API that describe and queries see', async () => {
    const names = Array.from({ length: 3 }, (_, i) => `Very_Long_Custom_Field_Name_Number_${i}__c`);
    const res = await addFields({ fields: names.map((name) => ({ name, type: 'string' })) });
    expect(res.status).toBe(201);
    const describe = (await (
      await fetch(`${org.url}/services/data/v62.0/sobjects/Lead/describe`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { fields: { name: string; custom: boolean; updateable: boolean }[] };
    for (const name of names)
      expect(describe.fields.find((f) => f.name === name)).toMatchObject({
        custom: true,
        updateable: true,
      });
    const [lead] = await rows(`SELECT Id, ${names.join(', ')} FROM Lead LIMIT 1`);
    org.updateRecord('Lead', String(lead!.Id), { [names[1]!]: 'value' });
    const [after] = await rows(`SELECT ${names[1]} FROM Lead WHERE Id = '${String(lead!.Id)}'`);
    expect(after![names[1]!]).toBe('value');

    expect((await addFields({ name: names[0], type: 'string' })).status).toBe(400);
    expect((await addFields({ name: 'No_Suffix', type: 'string' })).status).toBe(400);
    expect((await addFields({ name: `${'A'.repeat(38)}__c`, type: 'string' })).status).toBe(400);
  });
});

describe('formula fields', () => {
  it('compute on read from the clock and from another record, leaving SystemModstamp alone', async () => {
    const soql =
      'SELECT Id, SystemModstamp, CreatedDate, OwnerId, Days_Since_Created__c, Owner_Full_Name__c FROM Lead ORDER BY Id LIMIT 1';
    const [before] = await rows(soql);
    const created = Date.parse(String(before!.CreatedDate).replace('+0000', 'Z'));
    const days = (ms: number) => Math.floor(ms / 86_400_000);
    expect(before!.Days_Since_Created__c).toBe(days(nowMs) - days(created));

    nowMs += 3 * 86_400_000;
    token = org.issueSession().access_token;
    org.updateRecord('User', String(before!.OwnerId), { FirstName: 'Renamed' });
    const [after] = await rows(soql);
    expect(after!.Days_Since_Created__c).toBe(Number(before!.Days_Since_Created__c) + 3);
    expect(after!.Owner_Full_Name__c).toMatch(/^Renamed /);
    expect(after!.SystemModstamp).toBe(before!.SystemModstamp);

    const describe = (await (
      await fetch(`${org.url}/services/data/v62.0/sobjects/Lead/describe`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { fields: Record<string, unknown>[] };
    expect(describe.fields.find((f) => f.name === 'Days_Since_Created__c')).toMatchObject({
      calculated: true,
      calculatedFormula: 'TODAY() - DATEVALUE(CreatedDate)',
      createable: false,
      updateable: false,
    });
  });

  it('refuses writes to a formula field and can add one through the admin API', async () => {
    const [lead] = await rows('SELECT Id FROM Lead LIMIT 1');
    const write = await fetch(`${org.url}/__admin/sobjects/Lead/${String(lead!.Id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Days_Since_Created__c: 4 }),
    });
    expect(write.status).toBe(400);
    const added = await addFields({
      name: 'Age_In_Days__c',
      formula: 'TODAY() - DATEVALUE(CreatedDate)',
    });
    expect(added.status).toBe(201);
    const [row] = await rows(
      `SELECT Age_In_Days__c, Days_Since_Created__c FROM Lead WHERE Id = '${String(lead!.Id)}'`,
    );
    expect(row!.Age_In_Days__c).toBe(row!.Days_Since_Created__c);
    expect((await addFields({ name: 'Odd__c', formula: 'NOW()' })).status).toBe(400);
  });
});
