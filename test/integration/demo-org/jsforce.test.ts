// The demo org seen through jsforce, the real Salesforce client: if jsforce can't tell it from a
// real org, neither can Leadbridge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { startDemoOrg } from '../../../src-main/demo-org/index';
import type { DemoOrgHandle } from '../../../src-main/demo-org/index';

let org: DemoOrgHandle;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 4500, seed: 'jsforce-test' });
});

afterAll(async () => {
  await org.close();
});

function connect(): Connection {
  return new Connection({
    instanceUrl: org.url,
    accessToken: org.issueSession().access_token,
    version: '62.0',
  });
}

describe('jsforce against the demo org', () => {
  it('pages a query with autoFetch across three pages', async () => {
    const conn = connect();
    org.clearRequests();
    const result = await conn
      .query('SELECT Id, Name, Email, Status FROM Lead ORDER BY Name')
      .run({ autoFetch: true, maxFetch: 10_000 });
    expect(result.totalSize).toBe(4500);
    expect(result.records).toHaveLength(4500);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(4500);
    const names = result.records.map((r) => String(r.Name).toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const queryCalls = org.requests().filter((r) => r.path.includes('/query'));
    expect(queryCalls).toHaveLength(3);
  });

  it('describes Lead with the custom fields', async () => {
    const describe = await connect().sobject('Lead').describe();
    const score = describe.fields.find((f) => f.name === 'Lead_Score__c');
    expect(score).toMatchObject({ type: 'double', custom: true, updateable: true });
    const meeting = describe.fields.find((f) => f.name === 'Meeting_Status__c');
    expect(meeting?.restrictedPicklist).toBe(true);
    expect(meeting?.picklistValues?.map((p) => p.value)).toContain('Booked');
  });

  it('updates one lead and a collection of leads', async () => {
    const conn = connect();
    const { records } = await conn.query<{ Id: string }>('SELECT Id FROM Lead ORDER BY Id LIMIT 3');
    const [first, ...rest] = records;
    const one = await conn
      .sobject('Lead')
      .update({ Id: first?.Id ?? '', Status: 'Working - Contacted' });
    expect(one.success).toBe(true);
    const many = await conn
      .sobject('Lead')
      .update(rest.map((r) => ({ Id: r.Id, Lead_Score__c: 99 })));
    expect(many.map((r) => r.success)).toEqual([true, true]);
    const check = await conn.query<{ Id: string }>(
      'SELECT Id FROM Lead WHERE Lead_Score__c = 99 AND Id IN (' +
        rest.map((r) => `'${r.Id}'`).join(',') +
        ')',
    );
    expect(check.totalSize).toBe(2);
    const bad = await conn
      .sobject('Lead')
      .update([{ Id: first?.Id ?? '', Meeting_Status__c: 'Maybe' }], { allOrNone: false });
    expect(bad[0]?.success).toBe(false);
    expect(JSON.stringify(bad[0])).toContain('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('refreshes an expired session by itself, then stops working once revoked', async () => {
    const session = org.issueSession({ refreshToken: true });
    const conn = new Connection({
      oauth2: {
        clientId: 'leadbridge-test',
        loginUrl: org.url,
        redirectUri: 'leadbridge://oauth/callback',
      },
      instanceUrl: org.url,
      accessToken: session.access_token,
      refreshToken: session.refresh_token,
      version: '62.0',
    });
    let refreshed = 0;
    conn.on('refresh', () => refreshed++);
    org.expireSessions();
    const result = await conn.query('SELECT COUNT() FROM Lead');
    expect(result.totalSize).toBe(4500);
    expect(refreshed).toBe(1);

    await conn.oauth2.revokeToken(session.refresh_token ?? '');
    const dead = new Connection({
      instanceUrl: org.url,
      accessToken: conn.accessToken ?? '',
      version: '62.0',
    });
    await expect(dead.query('SELECT Id FROM Lead LIMIT 1')).rejects.toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
    });
  });

  it('streams a change made in the org to a CDC subscriber', async () => {
    const conn = connect();
    const { records } = await conn.query<{ Id: string }>('SELECT Id FROM Lead ORDER BY Id LIMIT 1');
    const id = records[0]?.Id ?? '';
    const received = new Promise<Record<string, unknown>>((resolve) => {
      const client = conn.streaming.createClient([
        new StreamingExtension.Replay('/data/LeadChangeEvent', -1),
      ]);
      const sub = client.subscribe(
        '/data/LeadChangeEvent',
        (message: { payload: Record<string, unknown> }) => {
          resolve(message.payload);
          sub.cancel();
          (client as unknown as { disconnect(): void }).disconnect();
        },
      );
      void sub.then(() => org.updateRecord('Lead', id, { Timezone__c: 'Pacific/Auckland' }));
    });
    const payload = await received;
    expect(payload.Timezone__c).toBe('Pacific/Auckland');
    expect(payload.ChangeEventHeader).toMatchObject({
      entityName: 'Lead',
      changeType: 'UPDATE',
      recordIds: [id],
    });
    expect((payload.ChangeEventHeader as { changedFields: string[] }).changedFields).toContain(
      'Timezone__c',
    );
  });
});
