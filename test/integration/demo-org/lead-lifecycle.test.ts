// Conversion, merge, sharing and the Recycle Bin, as a real org shows them through the API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { FakeClock } from '../../support/fake-clock';
import { readSalesforceFixture } from '../../support/salesforce-fixtures';

const DAY = 24 * 60 * 60_000;

let clock: FakeClock;
let org: DemoOrgHandle;
let token: string;
let leadIds: string[];

beforeEach(async () => {
  clock = new FakeClock();
  org = await startDemoOrg({ leads: 5, seed: 'lifecycle', now: () => clock.now() });
  token = org.issueSession().access_token;
  leadIds = (await query('query', 'SELECT Id FROM Lead ORDER BY Id')).map((r) => String(r.Id));
});
afterEach(async () => {
  await org.close();
});

async function query(endpoint: 'query' | 'queryAll', soql: string) {
  const response = await fetch(
    `${org.url}/services/data/v62.0/${endpoint}?q=${encodeURIComponent(soql)}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return ((await response.json()) as { records: Record<string, unknown>[] }).records;
}

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${org.url}/__admin/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

interface ChangeEvent {
  ChangeEventHeader: { entityName: string; changeType: string; transactionKey: string };
  [field: string]: unknown;
}

describe('the demo org converts, merges, hides and purges Leads as a real org does', () => {
  it('converts in one transaction of four CDC events, as the real conversion fixture shows', async () => {
    const before = (await (await admin('GET', 'events')).json()) as { events: unknown[] };
    const response = await admin('POST', `convert/Lead/${leadIds[0]}`, {});
    expect(response.status).toBe(200);
    const result = (await response.json()) as Record<string, string>;
    const { events } = (await (await admin('GET', 'events')).json()) as {
      events: { channel: string; data: { payload: ChangeEvent } }[];
    };
    const ours = events.slice(before.events.length).map((event) => event.data.payload);
    const real = readSalesforceFixture('lead-conversion-change-events.json') as ChangeEvent[];
    const header = (event: ChangeEvent) => [
      event.ChangeEventHeader.entityName,
      event.ChangeEventHeader.changeType,
    ];
    expect(ours.map(header)).toEqual(real.map(header));
    expect(new Set(ours.map((event) => event.ChangeEventHeader.transactionKey)).size).toBe(1);
    const lead = ours[3]!;
    expect(lead).toMatchObject({
      Status: 'Closed - Converted',
      IsConverted: true,
      ConvertedAccountId: result.accountId,
      ConvertedContactId: result.contactId,
      ConvertedOpportunityId: result.opportunityId,
    });
    expect(lead.ConvertedDate).toBe(new Date(clock.now()).toISOString().slice(0, 10));

    const edit = await admin('PATCH', `sobjects/Lead/${leadIds[0]}`, { Title: 'Too late' });
    expect(edit.status).toBe(400);
    expect(await edit.json()).toMatchObject([{ errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD' }]);
  });

  it('merges: the losers are deleted with MasterRecordId, visible only to queryAll', async () => {
    const [master, first, second] = leadIds;
    const response = await admin('POST', 'merge/Lead', {
      masterRecordId: master,
      recordIds: [first, second],
      fields: { Title: 'Survivor' },
    });
    expect(await response.json()).toMatchObject({ id: master, mergedRecordIds: [first, second] });
    expect((await query('query', 'SELECT Id FROM Lead')).map((r) => r.Id)).not.toContain(first);
    const losers = await query(
      'queryAll',
      `SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE Id IN ('${first}', '${second}')`,
    );
    expect(losers).toEqual([
      expect.objectContaining({ Id: first, IsDeleted: true, MasterRecordId: master }),
      expect.objectContaining({ Id: second, IsDeleted: true, MasterRecordId: master }),
    ]);
    expect(org.getRecord('Lead', master!)?.Title).toBe('Survivor');
  });

  it('takes the Lead’s Tasks and Events along: to the Contact on conversion, to the master on a merge', async () => {
    const [converted, master, loser] = leadIds;
    const created = await fetch(`${org.url}/services/data/v62.0/composite/sobjects`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        records: [
          { attributes: { type: 'Task' }, WhoId: converted, Subject: 'Before conversion' },
          {
            attributes: { type: 'Event' },
            WhoId: converted,
            Subject: 'Demo',
            StartDateTime: '2026-12-01T15:00:00Z',
            DurationInMinutes: 30,
          },
          { attributes: { type: 'Task' }, WhoId: loser, Subject: 'Before the merge' },
        ],
      }),
    });
    const [task, event, loserTask] = ((await created.json()) as { id: string }[]).map((r) => r.id);
    const result = (await (await admin('POST', `convert/Lead/${converted}`, {})).json()) as Record<
      string,
      string
    >;
    for (const [object, id] of [
      ['Task', task],
      ['Event', event],
    ] as const)
      expect(org.getRecord(object, id ?? '')).toMatchObject({
        WhoId: result.contactId,
        WhatId: result.opportunityId,
      });
    await admin('POST', 'merge/Lead', { masterRecordId: master, recordIds: [loser] });
    expect(org.getRecord('Task', loserTask ?? '')?.WhoId).toBe(master);
    const onLead = await query('query', `SELECT Id FROM Task WHERE WhoId = '${converted}'`);
    expect(onLead).toEqual([]);
  });

  it('hides a Lead no longer shared, without moving its SystemModstamp', async () => {
    const id = leadIds[0]!;
    const stamp = org.getRecord('Lead', id)?.SystemModstamp;
    expect((await admin('PATCH', `sharing/Lead/${id}`, { visible: false })).status).toBe(200);
    expect((await query('query', 'SELECT Id FROM Lead')).map((r) => r.Id)).not.toContain(id);
    expect((await query('queryAll', 'SELECT Id FROM Lead')).map((r) => r.Id)).not.toContain(id);
    await admin('PATCH', `sharing/Lead/${id}`, { visible: true });
    const [back] = await query('query', `SELECT SystemModstamp FROM Lead WHERE Id = '${id}'`);
    expect(back?.SystemModstamp).toBe(stamp);
  });

  it('purges the Recycle Bin when emptied, and by itself after 15 days', async () => {
    const [emptied, aged] = leadIds;
    org.deleteRecord('Lead', emptied!);
    org.deleteRecord('Lead', aged!);
    expect(await (await admin('POST', 'recycle-bin/empty', { ids: [emptied] })).json()).toEqual({
      purged: 1,
    });
    const all = async () => (await query('queryAll', 'SELECT Id FROM Lead')).map((r) => r.Id);
    expect(await all()).not.toContain(emptied);
    expect(await all()).toContain(aged);
    clock.advance(16 * DAY);
    token = org.issueSession().access_token;
    expect(await all()).not.toContain(aged);
  });
});
