// Tasks and Events as a real org takes them through the REST API: describe's rules (TaskSubtype
// set once), an Event's start and end (EndDateTime or DurationInMinutes, the other derived),
// what an activity may be about (WhoId), per record inside a collection answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';

let org: DemoOrgHandle;
let conn: Connection;
let leadIds: string[];

beforeAll(async () => {
  org = await startDemoOrg({ leads: 4, seed: 'activities' });
  conn = new Connection({
    instanceUrl: org.url,
    accessToken: org.issueSession().access_token,
    version: '62.0',
  });
  const leads = await conn.query<{ Id: string }>('SELECT Id FROM Lead ORDER BY Id');
  leadIds = leads.records.map((lead) => lead.Id);
});
afterAll(async () => {
  await org.close();
});

interface SaveResult {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

async function collection(method: 'POST' | 'PATCH', records: Record<string, unknown>[]) {
  const response = await fetch(`${org.url}/services/data/v62.0/composite/sobjects`, {
    method,
    headers: {
      Authorization: `Bearer ${conn.accessToken ?? ''}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ allOrNone: false, records }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SaveResult[];
}

const task = (values: Record<string, unknown>) => ({ attributes: { type: 'Task' }, ...values });
const event = (values: Record<string, unknown>) => ({ attributes: { type: 'Event' }, ...values });

describe('the demo org takes Tasks and Events as a real org does', () => {
  it('creates closed email Tasks on Leads, queryable by WhoId and CreatedDate with their Description', async () => {
    const since = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const results = await collection('POST', [
      task({
        WhoId: leadIds[0],
        Subject: 'Intro call invite sent',
        Status: 'Completed',
        ActivityDate: '2026-11-30',
        TaskSubtype: 'Email',
        Description: 'leadbridge:task:1',
      }),
      task({ WhoId: leadIds[0], Subject: 'Follow up' }),
    ]);
    expect(results.map((result) => result.success)).toEqual([true, true]);
    const found = await conn.query<Record<string, unknown>>(
      `SELECT Id, Subject, Status, IsClosed, TaskSubtype, ActivityDate, Description, OwnerId FROM Task WHERE WhoId = '${leadIds[0]}' AND CreatedDate >= ${since} ORDER BY Subject`,
    );
    expect(found.records.map(({ attributes: _attributes, ...rest }) => rest)).toEqual([
      {
        Id: results[1]?.id,
        Subject: 'Follow up',
        Status: 'Not Started',
        IsClosed: false,
        TaskSubtype: null,
        ActivityDate: null,
        Description: null,
        OwnerId: org.demoUserId,
      },
      {
        Id: results[0]?.id,
        Subject: 'Intro call invite sent',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Email',
        ActivityDate: '2026-11-30',
        Description: 'leadbridge:task:1',
        OwnerId: org.demoUserId,
      },
    ]);
    const [again] = await collection('PATCH', [task({ Id: results[0]?.id, TaskSubtype: 'Call' })]);
    expect(again?.errors[0]).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['TaskSubtype'],
    });
  });

  it('describes TaskSubtype as createable but not updateable, and an Event’s timing fields', async () => {
    const taskFields = (await conn.sobject('Task').describe()).fields;
    expect(taskFields.find((f) => f.name === 'TaskSubtype')).toMatchObject({
      createable: true,
      updateable: false,
    });
    expect(taskFields.find((f) => f.name === 'Description')).toMatchObject({
      type: 'textarea',
      filterable: false,
    });
    const eventFields = (await conn.sobject('Event').describe()).fields;
    for (const name of ['StartDateTime', 'EndDateTime', 'DurationInMinutes', 'Location', 'WhoId'])
      expect(eventFields.find((f) => f.name === name)).toMatchObject({ createable: true });
  });

  it('derives an Event’s end or duration from the other, and refuses one without either', async () => {
    const start = '2026-12-01T15:00:00.000Z';
    const results = await collection('POST', [
      event({
        WhoId: leadIds[1],
        Subject: 'Intro call with Alex Host',
        StartDateTime: start,
        EndDateTime: '2026-12-01T15:30:00.000Z',
        Location: 'https://meet.example/abc',
      }),
      event({ WhoId: leadIds[1], Subject: 'Demo', StartDateTime: start, DurationInMinutes: 45 }),
      event({ WhoId: leadIds[1], Subject: 'No end', StartDateTime: start }),
      event({ WhoId: leadIds[1], Subject: 'No start', DurationInMinutes: 30 }),
    ]);
    expect(results.slice(0, 2).map((result) => result.success)).toEqual([true, true]);
    expect(results[2]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [DurationInMinutes]',
          fields: ['DurationInMinutes'],
        },
      ],
    });
    expect(results[3]?.errors[0]).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
      fields: ['StartDateTime'],
    });
    const found = await conn.query<Record<string, unknown>>(
      `SELECT Subject, StartDateTime, EndDateTime, DurationInMinutes, ActivityDate, Location FROM Event WHERE WhoId = '${leadIds[1]}' ORDER BY Subject`,
    );
    expect(found.records.map(({ attributes: _attributes, ...rest }) => rest)).toEqual([
      {
        Subject: 'Demo',
        StartDateTime: '2026-12-01T15:00:00.000+0000',
        EndDateTime: '2026-12-01T15:45:00.000+0000',
        DurationInMinutes: 45,
        ActivityDate: '2026-12-01',
        Location: null,
      },
      {
        Subject: 'Intro call with Alex Host',
        StartDateTime: '2026-12-01T15:00:00.000+0000',
        EndDateTime: '2026-12-01T15:30:00.000+0000',
        DurationInMinutes: 30,
        ActivityDate: '2026-12-01',
        Location: 'https://meet.example/abc',
      },
    ]);
  });

  it('takes only a Lead or Contact as WhoId, and no converted Lead', async () => {
    const converted = org.convertLead(leadIds[3] ?? '');
    const results = await collection('POST', [
      task({ WhoId: converted.accountId, Subject: 'About an Account' }),
      task({ WhoId: leadIds[3], Subject: 'About a converted Lead' }),
      task({ WhoId: converted.contactId, Subject: 'About its Contact' }),
    ]);
    expect(results[0]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: `Name ID: id value of incorrect type: ${converted.accountId}`,
          fields: ['WhoId'],
        },
      ],
    });
    expect(results[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'CANNOT_UPDATE_CONVERTED_LEAD',
          message: 'cannot reference converted lead',
          fields: [],
        },
      ],
    });
    expect(results[2]?.success).toBe(true);
  });

  it('selects Description but refuses to filter on it, as a long text area', async () => {
    const response = await fetch(
      `${org.url}/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id FROM Task WHERE Description = 'leadbridge:task:1'")}`,
      { headers: { Authorization: `Bearer ${conn.accessToken ?? ''}` } },
    );
    expect(response.status).toBe(400);
    const [error] = (await response.json()) as { errorCode: string; message: string }[];
    expect(error?.errorCode).toBe('INVALID_FIELD');
    expect(error?.message).toMatch(/field 'Description' can not be filtered in a query call$/);
  });
});
