// The request log lets a test count how often each record was written: every write call lists
// the records it created, updated, deleted or refused, and the Sforce-Auto-Assign header it
// carried — and no credential ever lands in it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leadIds: string[];

beforeAll(async () => {
  org = await startDemoOrg({ leads: 3, seed: 'request-log' });
  token = org.issueSession().access_token;
  const response = await api('GET', `/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`);
  leadIds = ((await response.json()) as { records: { Id: string }[] }).records.map((r) => r.Id);
});
afterAll(async () => {
  await org.close();
});
beforeEach(() => org.clearRequests());

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return restCall(org.url, token, method, path, body, headers);
}

describe('the request log counts the records each call wrote', () => {
  it('lists the updated and refused records of a collection call, and its auto-assign header', async () => {
    const [first, second] = leadIds;
    const response = await api(
      'PATCH',
      '/composite/sobjects',
      {
        allOrNone: false,
        records: [
          { attributes: { type: 'Lead' }, Id: first, Title: 'CEO' },
          { attributes: { type: 'Lead' }, Id: second, Meeting_Status__c: 'Not a status' },
        ],
      },
      { 'Sforce-Auto-Assign': 'FALSE' },
    );
    expect(response.status).toBe(200);
    const [entry] = org.requests();
    expect(entry).toMatchObject({
      method: 'PATCH',
      path: '/services/data/v62.0/composite/sobjects',
      autoAssign: 'FALSE',
      writes: {
        created: [],
        updated: [first],
        deleted: [],
        failed: [{ id: second, statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }],
      },
    });
  });

  it('lists created records of collections and single-record calls, and leaves reads without writes', async () => {
    const created = await api('POST', '/composite/sobjects', {
      records: [
        { attributes: { type: 'Task' }, WhoId: leadIds[0], Subject: 'Call' },
        { attributes: { type: 'Task' }, WhoId: leadIds[1], Subject: 'Email' },
      ],
    });
    const ids = ((await created.json()) as { id: string }[]).map((result) => result.id);
    const single = await api('POST', '/sobjects/Task', { WhoId: leadIds[2], Subject: 'Note' });
    const singleId = ((await single.json()) as { id: string }).id;
    await api('PATCH', `/sobjects/Task/${singleId}`, { Subject: 'Note, edited' });
    await api('DELETE', `/sobjects/Task/${singleId}`);
    await api('GET', `/sobjects/Lead/${leadIds[0]}`);
    const writes = org.requests().map((entry) => entry.writes);
    expect(writes).toEqual([
      { created: ids, updated: [], deleted: [], failed: [] },
      { created: [singleId], updated: [], deleted: [], failed: [] },
      { created: [], updated: [singleId], deleted: [], failed: [] },
      { created: [], updated: [], deleted: [singleId], failed: [] },
      undefined,
    ]);
    expect(org.requests()[0]?.autoAssign).toBeUndefined();
  });

  it('keeps credentials sent in a URL out of the log', async () => {
    await fetch(
      `${org.url}/services/oauth2/token?grant_type=refresh_token&refresh_token=secret-refresh&client_secret=shh`,
      { method: 'POST' },
    );
    await fetch(`${org.url}/services/oauth2/userinfo?oauth_token=${encodeURIComponent(token)}`);
    const logged = JSON.stringify(org.requests());
    expect(logged).not.toContain('secret-refresh');
    expect(logged).not.toContain('shh');
    expect(logged).not.toContain(token);
    expect(org.requests()[0]?.query).toBe(
      '?grant_type=refresh_token&refresh_token=REDACTED&client_secret=REDACTED',
    );
  });
});
