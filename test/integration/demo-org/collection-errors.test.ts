// Per-record errors inside an sObject Collections answer (allOrNone=false), as a real org gives
// them: converted and deleted Leads, a record another transaction holds (UNABLE_TO_LOCK_ROW) —
// and what the whole-call faults do to a collection call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leadIds: string[];

beforeEach(async () => {
  org = await startDemoOrg({ leads: 4, seed: 'collection-errors' });
  token = org.issueSession().access_token;
  const response = await api(
    'GET',
    `/query?q=${encodeURIComponent('SELECT Id FROM Lead ORDER BY Id')}`,
  );
  leadIds = ((await response.json()) as { records: { Id: string }[] }).records.map((r) => r.Id);
});
afterEach(async () => {
  await org.close();
});

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return restCall(org.url, token, method, path, body, headers);
}

async function updateTitles(ids: (string | undefined)[], title: string) {
  const response = await api('PATCH', '/composite/sobjects', {
    allOrNone: false,
    records: ids.map((id) => ({ attributes: { type: 'Lead' }, Id: id, Title: title })),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as unknown[];
}

function fault(body: Record<string, unknown>) {
  return fetch(`${org.url}/__admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const saved = (id: string | undefined) => ({ id, success: true, errors: [] });
const refused = (id: string | undefined, statusCode: string, message: string) => ({
  id,
  success: false,
  errors: [{ statusCode, message, fields: [] }],
});

describe('a collection update answers each record on its own', () => {
  it('refuses a converted Lead and a deleted Lead, saving the others', async () => {
    const [converted, deleted, live] = leadIds;
    org.convertLead(converted ?? '');
    org.deleteRecord('Lead', deleted ?? '');
    const results = await updateTitles([converted, deleted, live], 'Head of Ops');
    expect(results).toEqual([
      refused(converted, 'CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead'),
      refused(deleted, 'ENTITY_IS_DELETED', 'entity is deleted'),
      saved(live),
    ]);
    expect(org.getRecord('Lead', live ?? '')?.Title).toBe('Head of Ops');
  });

  it('fails a locked record with UNABLE_TO_LOCK_ROW, saves the others, and lets it through once released', async () => {
    const [locked, free] = leadIds;
    expect((await fault({ kind: 'unable-to-lock-row', recordIds: [locked] })).status).toBe(201);
    const lockMessage = `unable to obtain exclusive access to this record or 1 records: ${locked}`;
    expect(await updateTitles([locked, free], 'CTO')).toEqual([
      refused(locked, 'UNABLE_TO_LOCK_ROW', lockMessage),
      saved(free),
    ]);
    expect(org.requests().at(-1)?.writes?.failed).toEqual([
      { id: locked, statusCode: 'UNABLE_TO_LOCK_ROW' },
    ]);
    expect(await updateTitles([locked], 'CTO')).toEqual([saved(locked)]);
  });

  it('fails a Task whose Lead is locked, and a single-record write as a whole', async () => {
    const [lead] = leadIds;
    org.injectFault('unable-to-lock-row', { times: 2, recordIds: [lead ?? ''] });
    const created = await api('POST', '/composite/sobjects', {
      records: [{ attributes: { type: 'Task' }, WhoId: lead, Subject: 'Call' }],
    });
    expect(await created.json()).toEqual([
      {
        success: false,
        errors: [
          {
            statusCode: 'UNABLE_TO_LOCK_ROW',
            message: `unable to obtain exclusive access to this record or 1 records: ${lead}`,
            fields: [],
          },
        ],
      },
    ]);
    const single = await api('PATCH', `/sobjects/Lead/${lead}`, { Title: 'CEO' });
    expect(single.status).toBe(400);
    expect(await single.json()).toEqual([
      {
        errorCode: 'UNABLE_TO_LOCK_ROW',
        message: `unable to obtain exclusive access to this record or 1 records: ${lead}`,
        fields: [],
      },
    ]);
    expect((await api('PATCH', `/sobjects/Lead/${lead}`, { Title: 'CEO' })).status).toBe(204);
  });
});

describe('whole-call faults on a collection call', () => {
  it('a 503 saves nothing: the org answers before it reads the records', async () => {
    await fault({ kind: '503', match: '/composite/sobjects' });
    const response = await api('PATCH', '/composite/sobjects', {
      records: [{ attributes: { type: 'Lead' }, Id: leadIds[0], Title: 'Never' }],
    });
    expect(response.status).toBe(503);
    expect(org.getRecord('Lead', leadIds[0] ?? '')?.Title).not.toBe('Never');
  });

  it('a lost response saves every record, then drops the connection unanswered', async () => {
    await fault({ kind: 'lost-response', match: '/composite/sobjects' });
    await expect(updateTitles([leadIds[0], leadIds[1]], 'Saved unseen')).rejects.toThrow();
    expect(org.getRecord('Lead', leadIds[0] ?? '')?.Title).toBe('Saved unseen');
    expect(org.requests().at(-1)).toMatchObject({
      status: 0,
      writes: { updated: [leadIds[0], leadIds[1]] },
    });
  });
});
