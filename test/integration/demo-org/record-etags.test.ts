// sObject Rows' entity tags as a real org serves them: an ETag on Account records only, If-Match
// and If-None-Match checked against it on GET and PATCH.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let accountId: string;

beforeEach(async () => {
  org = await startDemoOrg({ leads: 1, seed: 'record-etags' });
  token = org.issueSession().access_token;
  const created = await restCall(org.url, token, 'POST', '/sobjects/Account', { Name: 'Tagged' });
  accountId = ((await created.json()) as { id: string }).id;
});
afterEach(async () => {
  await org.close();
});

const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  restCall(org.url, token, method, path, body, headers);

describe('Account records carry an ETag', () => {
  it('that a GET with a matching If-None-Match answers 304, and a save changes', async () => {
    const first = await api('GET', `/sobjects/Account/${accountId}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+--gzip"$/);
    const unchanged = await api('GET', `/sobjects/Account/${accountId}`, undefined, {
      'If-None-Match': etag,
    });
    expect(unchanged.status).toBe(304);
    const saved = await api('PATCH', `/sobjects/Account/${accountId}`, { Name: 'Retagged' });
    expect(saved.status).toBe(204);
    expect(saved.headers.get('etag')).not.toBe(etag);
    const changed = await api('GET', `/sobjects/Account/${accountId}`, undefined, {
      'If-None-Match': etag,
    });
    expect(changed.status).toBe(200);
  });

  it('that a PATCH with a stale If-Match is refused with 412, saving nothing', async () => {
    const etag = (await api('GET', `/sobjects/Account/${accountId}`)).headers.get('etag') ?? '';
    await api('PATCH', `/sobjects/Account/${accountId}`, { Name: 'Moved on' });
    const stale = await api(
      'PATCH',
      `/sobjects/Account/${accountId}`,
      { Name: 'Stale' },
      {
        'If-Match': etag,
      },
    );
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject([{ errorCode: 'PRECONDITION_FAILED' }]);
    expect(org.getRecord('Account', accountId)?.Name).toBe('Moved on');
    const current = (await api('GET', `/sobjects/Account/${accountId}`)).headers.get('etag') ?? '';
    const fresh = await api(
      'PATCH',
      `/sobjects/Account/${accountId}`,
      { Name: 'Fresh' },
      {
        'If-Match': current,
      },
    );
    expect(fresh.status).toBe(204);
  });

  it('while other objects have none, and ignore If-Match', async () => {
    const leadId = (
      (await (await api('GET', '/query?q=SELECT+Id+FROM+Lead')).json()) as {
        records: { Id: string }[];
      }
    ).records[0]?.Id;
    const read = await api('GET', `/sobjects/Lead/${leadId}`);
    expect(read.headers.get('etag')).toBeNull();
    const saved = await api(
      'PATCH',
      `/sobjects/Lead/${leadId}`,
      { Title: 'X' },
      {
        'If-Match': '"nothing--gzip"',
      },
    );
    expect(saved.status).toBe(204);
  });
});
