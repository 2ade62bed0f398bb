// The Composite resource (POST /composite) as a real org serves it: subrequests through the same
// REST handler as single calls, references to earlier answers, allOrNone rolling every write back,
// one API call for the whole request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leadIds: string[];

beforeEach(async () => {
  org = await startDemoOrg({ leads: 3, seed: 'composite' });
  token = org.issueSession().access_token;
  leadIds = (await restQuery(org.url, token, 'SELECT Id FROM Lead ORDER BY Id')).map((r) =>
    String(r.Id),
  );
  org.clearRequests();
});
afterEach(async () => {
  await org.close();
});

interface SubAnswer {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const V = '/services/data/v62.0';

async function composite(body: unknown, headers: Record<string, string> = {}) {
  const response = await restCall(org.url, token, 'POST', '/composite', body, headers);
  const json = (await response.json()) as { compositeResponse: SubAnswer[] } | unknown[];
  return { status: response.status, json, headers: response.headers };
}

async function answers(body: unknown): Promise<SubAnswer[]> {
  const { status, json } = await composite(body);
  expect(status).toBe(200);
  return (json as { compositeResponse: SubAnswer[] }).compositeResponse;
}

async function leadEvents(): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${org.url}/__admin/events`);
  const { events } = (await response.json()) as {
    events: { data: { payload: { ChangeEventHeader: Record<string, unknown> } } }[];
  };
  return events.map((e) => e.data.payload.ChangeEventHeader);
}

const newLead = (referenceId: string, body: Record<string, unknown>) => ({
  method: 'POST',
  url: `${V}/sobjects/Lead`,
  referenceId,
  body,
});

const halted = {
  errorCode: 'PROCESSING_HALTED',
  message:
    'The transaction was rolled back since another operation in the same transaction failed.',
};

describe('a composite request runs its subrequests in order, later ones using earlier answers', () => {
  it('creates a Lead, reads it back through @{ref.id} and queries it through @{ref.records[0].Id}', async () => {
    const [created, read, queried, task] = await answers({
      compositeRequest: [
        newLead('newLead', { LastName: 'Okafor', Company: 'Brightline' }),
        {
          method: 'GET',
          url: `${V}/sobjects/Lead/@{newLead.id}?fields=LastName,Company`,
          referenceId: 'readLead',
        },
        {
          method: 'GET',
          url: `${V}/query?q=SELECT Id, Company FROM Lead WHERE Id = '@{newLead.id}'`,
          referenceId: 'found',
        },
        {
          method: 'POST',
          url: `${V}/sobjects/Task`,
          referenceId: 'followUp',
          body: { Subject: 'Call @{readLead.LastName}', WhoId: '@{found.records[0].Id}' },
        },
      ],
    });
    const id = (created?.body as { id: string }).id;
    expect(created).toEqual({
      body: { id, success: true, errors: [] },
      httpHeaders: { Location: `${V}/sobjects/Lead/${id}` },
      httpStatusCode: 201,
      referenceId: 'newLead',
    });
    expect(read).toMatchObject({
      httpStatusCode: 200,
      body: { attributes: { type: 'Lead' }, LastName: 'Okafor', Company: 'Brightline' },
    });
    expect(queried).toMatchObject({ httpStatusCode: 200, body: { totalSize: 1 } });
    expect(task?.httpStatusCode).toBe(201);
    const taskId = (task?.body as { id: string }).id;
    expect(org.getRecord('Task', taskId)).toMatchObject({ Subject: 'Call Okafor', WhoId: id });
  });

  it('answers an If-Unmodified-Since precondition per subrequest with 412, running the others', async () => {
    const [lead] = leadIds;
    const [stale, fresh] = await answers({
      compositeRequest: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Lead/${lead}`,
          referenceId: 'stale',
          httpHeaders: { 'If-Unmodified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' },
          body: { Title: 'Stale' },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Lead/${lead}`,
          referenceId: 'fresh',
          body: { Title: 'Fresh' },
        },
      ],
    });
    expect(stale).toMatchObject({
      httpStatusCode: 412,
      body: [{ errorCode: 'PRECONDITION_FAILED' }],
    });
    expect(fresh).toEqual({
      body: null,
      httpHeaders: {},
      httpStatusCode: 204,
      referenceId: 'fresh',
    });
    expect(org.getRecord('Lead', lead ?? '')?.Title).toBe('Fresh');
  });

  it("answers an Account's stale If-Match per subrequest with 412", async () => {
    const [created, read] = await answers({
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'A' } },
        { method: 'GET', url: `${V}/sobjects/Account/@{acct.id}`, referenceId: 'read' },
      ],
    });
    const id = (created?.body as { id: string }).id;
    const etag = read?.httpHeaders.ETag ?? '';
    expect(etag).not.toBe('');
    const [renamed, stale] = await answers({
      compositeRequest: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Account/${id}`,
          referenceId: 'rename',
          body: { Name: 'B' },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Account/${id}`,
          referenceId: 'stale',
          httpHeaders: { 'If-Match': etag },
          body: { Name: 'C' },
        },
      ],
    });
    expect(renamed?.httpStatusCode).toBe(204);
    expect(stale).toMatchObject({
      httpStatusCode: 412,
      body: [{ errorCode: 'PRECONDITION_FAILED' }],
    });
    expect(org.getRecord('Account', id)?.Name).toBe('B');
  });

  it('counts the whole request as one API call', async () => {
    const before = await restCall(org.url, token, 'GET', '/limits');
    const used = (header: string | null) => Number(/api-usage=(\d+)/.exec(header ?? '')?.[1]);
    const { status, json, headers } = await composite({
      compositeRequest: leadIds.map((id, i) => ({
        method: 'GET',
        url: `${V}/sobjects/Lead/${id}`,
        referenceId: `lead${i}`,
      })),
    });
    expect(status).toBe(200);
    const served = (json as { compositeResponse: SubAnswer[] }).compositeResponse;
    expect(served.map((a) => a.httpStatusCode)).toEqual([200, 200, 200]);
    expect(used(headers.get('sforce-limit-info'))).toBe(
      used(before.headers.get('sforce-limit-info')) + 1,
    );
  });
});

describe('allOrNone', () => {
  it('true rolls back every write when one subrequest fails: the failure answers itself, the others PROCESSING_HALTED', async () => {
    const [lead] = leadIds;
    const titleBefore = org.getRecord('Lead', lead ?? '')?.Title ?? null;
    const eventsBefore = (await leadEvents()).length;
    const [created, updated, refused, notRun] = await answers({
      allOrNone: true,
      compositeRequest: [
        newLead('first', { LastName: 'Ng', Company: 'Ng Labs' }),
        {
          method: 'PATCH',
          url: `${V}/sobjects/Lead/${lead}`,
          referenceId: 'edit',
          body: { Title: 'VP' },
        },
        newLead('bad', { LastName: 'NoCompany' }),
        newLead('after', { LastName: 'Late', Company: 'Late Co' }),
      ],
    });
    const rolledBack = (referenceId: string) => ({
      body: [halted],
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId,
    });
    expect(created).toEqual(rolledBack('first'));
    expect(updated).toEqual(rolledBack('edit'));
    expect(refused).toEqual({
      body: [
        {
          message: 'Required fields are missing: [Company]',
          errorCode: 'REQUIRED_FIELD_MISSING',
          fields: ['Company'],
        },
      ],
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId: 'bad',
    });
    expect(notRun).toEqual(rolledBack('after'));
    expect(await restQuery(org.url, token, 'SELECT Id FROM Lead')).toHaveLength(3);
    expect(org.getRecord('Lead', lead ?? '')?.Title ?? null).toBe(titleBefore);
    expect((await leadEvents()).length).toBe(eventsBefore);
    expect(org.writes().objects).toEqual({});
    const call = org.requests().find((r) => r.path === `${V}/composite`);
    expect(call?.writes?.failed).toEqual([
      { id: null, statusCode: 'PROCESSING_HALTED' },
      { id: lead, statusCode: 'PROCESSING_HALTED' },
      { id: null, statusCode: 'REQUIRED_FIELD_MISSING' },
    ]);
  });

  it('true commits every write as one transaction when all succeed', async () => {
    const eventsBefore = (await leadEvents()).length;
    const results = await answers({
      allOrNone: true,
      compositeRequest: [
        newLead('a', { LastName: 'Ames', Company: 'A Co' }),
        newLead('b', { LastName: 'Boyd', Company: 'B Co' }),
      ],
    });
    expect(results.map((r) => r.httpStatusCode)).toEqual([201, 201]);
    const events = (await leadEvents()).slice(eventsBefore);
    expect(events).toHaveLength(2);
    expect(new Set(events.map((e) => e.transactionKey)).size).toBe(1);
    expect(events.map((e) => e.sequenceNumber)).toEqual([1, 2]);
    expect(org.writes().objects).toEqual({ Lead: { created: 2, updated: 0, deleted: 0 } });
  });

  it('true makes a collection subrequest all-or-none too, rolling the call back when one record fails', async () => {
    const [collection, after] = await answers({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `${V}/composite/sobjects`,
          referenceId: 'leads',
          body: {
            allOrNone: false,
            records: [
              { attributes: { type: 'Lead' }, LastName: 'Fine', Company: 'Fine Co' },
              { attributes: { type: 'Lead' }, LastName: 'Broken' },
            ],
          },
        },
        newLead('after', { LastName: 'After', Company: 'After Co' }),
      ],
    });
    expect(collection?.httpStatusCode).toBe(200);
    expect(collection?.body).toMatchObject([
      { success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }] },
      { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING' }] },
    ]);
    expect(after).toMatchObject({ httpStatusCode: 400, body: [halted] });
    expect(await restQuery(org.url, token, 'SELECT Id FROM Lead')).toHaveLength(3);
  });

  it('false keeps the writes that succeeded; a subrequest referring to a failed one fails with PROCESSING_HALTED', async () => {
    const [saved, refused, dependent, independent] = await answers({
      allOrNone: false,
      compositeRequest: [
        newLead('saved', { LastName: 'Kept', Company: 'Kept Co' }),
        newLead('refused', { LastName: 'NoCompany' }),
        {
          method: 'POST',
          url: `${V}/sobjects/Task`,
          referenceId: 'dependent',
          body: { Subject: 'Call', WhoId: '@{refused.id}' },
        },
        {
          method: 'POST',
          url: `${V}/sobjects/Task`,
          referenceId: 'independent',
          body: { Subject: 'Call', WhoId: '@{saved.id}' },
        },
      ],
    });
    expect(saved?.httpStatusCode).toBe(201);
    expect(refused?.httpStatusCode).toBe(400);
    expect(dependent).toEqual({
      body: [
        {
          errorCode: 'PROCESSING_HALTED',
          message: 'Invalid reference specified. No value for refused.id found in refused.',
        },
      ],
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId: 'dependent',
    });
    expect(independent?.httpStatusCode).toBe(201);
    expect(org.writes().objects).toEqual({
      Lead: { created: 1, updated: 0, deleted: 0 },
      Task: { created: 1, updated: 0, deleted: 0 },
    });
  });
});

describe('a subrequest meets the org as a single call does', () => {
  it('fails the write of a locked record with UNABLE_TO_LOCK_ROW', async () => {
    const [locked] = leadIds;
    await fetch(`${org.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'unable-to-lock-row', recordIds: [locked] }),
    });
    const [edit] = await answers({
      compositeRequest: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Lead/${locked}`,
          referenceId: 'edit',
          body: { Title: 'X' },
        },
      ],
    });
    expect(edit).toMatchObject({
      httpStatusCode: 400,
      body: [
        {
          errorCode: 'UNABLE_TO_LOCK_ROW',
          message: `unable to obtain exclusive access to this record or 1 records: ${locked}`,
        },
      ],
    });
  });

  it('runs the Lead assignment rule, and honours Sforce-Auto-Assign in httpHeaders', async () => {
    const users = await restQuery(org.url, token, 'SELECT Id FROM User WHERE IsActive = true');
    const owner = String(users.find((u) => u.Id !== org.demoUserId)?.Id);
    await fetch(`${org.url}/__admin/assignment-rule`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ownerId: owner }),
    });
    const [assigned, kept] = await answers({
      compositeRequest: [
        newLead('assigned', { LastName: 'Routed', Company: 'R Co' }),
        {
          ...newLead('kept', { LastName: 'Mine', Company: 'M Co' }),
          httpHeaders: { 'Sforce-Auto-Assign': 'FALSE' },
        },
      ],
    });
    const idOf = (a: SubAnswer | undefined) => (a?.body as { id: string }).id;
    expect(org.getRecord('Lead', idOf(assigned))?.OwnerId).toBe(owner);
    expect(org.getRecord('Lead', idOf(kept))?.OwnerId).toBe(org.demoUserId);
  });
});

describe('the request is checked before any subrequest runs', () => {
  const read = (i: number) => ({
    method: 'GET',
    url: `${V}/query?q=SELECT Id FROM Lead`,
    referenceId: `q${i}`,
  });

  it.each([
    [
      'more than 25 subrequests',
      Array.from({ length: 26 }, (_, i) => newLead(`l${i}`, {})),
      'LIMIT_EXCEEDED',
    ],
    ['more than 5 queries', Array.from({ length: 6 }, (_, i) => read(i)), 'LIMIT_EXCEEDED'],
    [
      'a subrequest without referenceId',
      [{ method: 'GET', url: `${V}/limits` }],
      'JSON_PARSER_ERROR',
    ],
    ['a duplicate referenceId', [read(1), read(1)], 'JSON_PARSER_ERROR'],
    ['an illegal referenceId', [{ ...read(1), referenceId: 'ref[1]' }], 'JSON_PARSER_ERROR'],
    [
      'an Authorization header in a subrequest',
      [{ ...read(1), httpHeaders: { Authorization: 'Bearer x' } }],
      'JSON_PARSER_ERROR',
    ],
  ])('refuses %s with 400, saving nothing', async (_name, compositeRequest, errorCode) => {
    const { status, json } = await composite({ compositeRequest });
    expect(status).toBe(400);
    expect(json).toMatchObject([{ errorCode }]);
    expect(await restQuery(org.url, token, 'SELECT Id FROM Lead')).toHaveLength(3);
  });

  it('names the missing referenceId as Salesforce does', async () => {
    const { json } = await composite({ compositeRequest: [{ method: 'GET', url: `${V}/limits` }] });
    expect(json).toEqual([
      { message: "'referenceId' is a required field.", errorCode: 'JSON_PARSER_ERROR' },
    ]);
  });

  it('lists the composite resources on GET', async () => {
    const response = await restCall(org.url, token, 'GET', '/composite');
    expect(await response.json()).toEqual({
      tree: `${V}/composite/tree`,
      batch: `${V}/composite/batch`,
      sobjects: `${V}/composite/sobjects`,
    });
  });
});
