// The demo org's CometD refusals, in the words Salesforce uses (Streaming API error codes):
// a replay id past the retention and a client the org no longer knows. Raw Bayeux over HTTP,
// so what is checked is the wire, not a client's reading of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { admin } from '../../support/demo-org-admin';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 5, seed: 'streaming-refusals' });
  token = org.issueSession().access_token;
});
afterAll(async () => {
  await org.close();
});

type Reply = Record<string, unknown>;

async function bayeux(message: Record<string, unknown>): Promise<Reply> {
  const response = await fetch(`${org.url}/cometd/62.0`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify([message]),
  });
  const replies = (await response.json()) as Reply[];
  return replies.find((reply) => reply.channel === message.channel)!;
}

async function orgAdmin(path: string, method = 'POST'): Promise<Reply> {
  return (await admin(org.url, method, path)) as Reply;
}

async function handshake(): Promise<string> {
  const reply = await bayeux({
    channel: '/meta/handshake',
    version: '1.0',
    supportedConnectionTypes: ['long-polling'],
    ext: { replay: true },
  });
  return String(reply.clientId);
}

const subscribeFrom = (clientId: string, replayId: number) =>
  bayeux({
    channel: '/meta/subscribe',
    clientId,
    subscription: '/data/LeadChangeEvent',
    ext: { replay: { '/data/LeadChangeEvent': replayId } },
  });

describe('demo org streaming refusals', () => {
  it('refuses a subscription from a replay id past the retention, as Salesforce words it', async () => {
    org.updateRecord('Lead', await firstLeadId(), { Lead_Score__c: 7 });
    const { events } = (await orgAdmin('events', 'GET')) as { events: { replayId: number }[] };
    const last = events.at(-1)!.replayId;
    const clientId = await handshake();
    expect(await subscribeFrom(clientId, last)).toMatchObject({ successful: true });

    expect(await orgAdmin('expire-events')).toEqual({ expired: events.length });
    expect(await subscribeFrom(await handshake(), last)).toMatchObject({
      successful: false,
      error: `400::The replayId {${last}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
    });
    expect(await subscribeFrom(await handshake(), -1)).toMatchObject({ successful: true });
  });

  it('answers a dropped client 403::Unknown client with advice to handshake again', async () => {
    const clientId = await handshake();
    expect(await subscribeFrom(clientId, -1)).toMatchObject({ successful: true });
    expect((await orgAdmin('drop-stream-clients')).dropped).toBeGreaterThanOrEqual(1);

    const reply = await bayeux({
      channel: '/meta/connect',
      clientId,
      connectionType: 'long-polling',
    });
    expect(reply).toMatchObject({
      successful: false,
      error: '403::Unknown client',
      advice: { reconnect: 'handshake', interval: 0 },
    });
  });
});

async function firstLeadId(): Promise<string> {
  const { leads } = (await orgAdmin('leads?limit=1', 'GET')) as { leads: { Id: string }[] };
  return leads[0]!.Id;
}
