// Bulk API 2.0 query jobs as Salesforce documents them: the job's states, CSV result sets read
// by locator, the errors, and jsforce's own bulk2 client reading the org as it reads a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { parse } from 'csv-parse/sync';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 230, seed: 'bulk-query-test' });
  token = org.issueSession().access_token;
});

afterAll(async () => {
  await org.close();
});

const call = (method: string, path: string, body?: unknown) =>
  restCall(org.url, token, method, path, body);

async function createJob(query: string, extra: Record<string, unknown> = {}) {
  const response = await call('POST', '/jobs/query', { operation: 'query', query, ...extra });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function completed(id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const info = (await (await call('GET', `/jobs/query/${id}`)).json()) as Record<string, unknown>;
    if (info.state !== 'UploadComplete' && info.state !== 'InProgress') return info;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Bulk API 2.0 query jobs in the demo org', () => {
  it('creates a job in state UploadComplete and completes it with the records counted', async () => {
    const { status, body } = await createJob('SELECT Id, LastName FROM Lead');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      operation: 'query',
      object: 'Lead',
      state: 'UploadComplete',
      contentType: 'CSV',
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
      apiVersion: 62,
    });
    expect(String(body.id)).toMatch(/^750/);
    const info = await completed(String(body.id));
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 230 });
  });

  it('serves result sets by locator and maxRecords, each with the header row, the last with locator "null"', async () => {
    const { body } = await createJob('SELECT Id FROM Lead ORDER BY Id');
    const id = String(body.id);
    await completed(id);
    const ids: string[] = [];
    const counts: string[] = [];
    let locator: string | null = null;
    do {
      const query: string = `maxRecords=100${locator ? `&locator=${locator}` : ''}`;
      const response = await call('GET', `/jobs/query/${id}/results?${query}`);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await response.text();
      expect(text.startsWith('"Id"\n')).toBe(true);
      ids.push(...(parse(text, { columns: true }) as { Id: string }[]).map((row) => row.Id));
      counts.push(response.headers.get('sforce-numberofrecords') ?? '');
      locator = response.headers.get('sforce-locator');
      expect(locator).not.toBeNull();
    } while (locator !== 'null');
    expect(counts).toEqual(['100', '100', '30']);
    expect(ids).toHaveLength(230);
    expect(ids).toEqual([...ids].sort());
  });

  it('writes nulls as empty fields and quotes values with quotes, commas, newlines and unicode', async () => {
    const created = await call('POST', '/sobjects/Lead', {
      LastName: 'Dupont, "le grand"\nsecond line',
      FirstName: 'Zoë 🚀',
      Company: 'Acme; Ltd',
      Email: null,
    });
    const leadId = String(((await created.json()) as { id: string }).id);
    const { body } = await createJob(
      `SELECT Id, FirstName, LastName, Company, Email, IsConverted, CreatedDate FROM Lead WHERE Id = '${leadId}'`,
    );
    await completed(String(body.id));
    const text = await (await call('GET', `/jobs/query/${String(body.id)}/results`)).text();
    const [, line] = text.split(/\n(?=")/);
    expect(line).toMatch(
      /^"[^"]+","Zoë 🚀","Dupont, ""le grand""\nsecond line","Acme; Ltd",,"false","\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z"\n$/,
    );
  });

  it('writes the delimiter and line ending the job asked for, and parent fields by relationship', async () => {
    const { body } = await createJob('SELECT Id, Owner.Name FROM Lead ORDER BY Id LIMIT 2', {
      columnDelimiter: 'PIPE',
      lineEnding: 'CRLF',
    });
    expect(body).toMatchObject({ columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    await completed(String(body.id));
    const text = await (await call('GET', `/jobs/query/${String(body.id)}/results`)).text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('"Id"|"Owner.Name"');
    expect(lines[1]).toMatch(/^"00Q\w+"\|"[^"]+ [^"]+"$/);
    expect(lines).toHaveLength(4);
    const bad = await createJob('SELECT Id FROM Lead', { columnDelimiter: 'SPACE' });
    expect(bad.status).toBe(400);
  });

  it('keeps the result as of when the job ran (a snapshot), not as the org is when it is read', async () => {
    const { body } = await createJob('SELECT Id, Company FROM Lead ORDER BY Id LIMIT 1');
    await completed(String(body.id));
    const before = await (await call('GET', `/jobs/query/${String(body.id)}/results`)).text();
    const [row] = parse(before, { columns: true }) as { Id: string; Company: string }[];
    org.updateRecord('Lead', row!.Id, { Company: 'Changed after the job ran' });
    const after = await (await call('GET', `/jobs/query/${String(body.id)}/results`)).text();
    expect(after).toBe(before);
  });

  it('refuses what Bulk queries do not support and invalid SOQL as the REST API reports it', async () => {
    const compound = await createJob('SELECT Id, Address FROM Lead');
    expect(compound.status).toBe(400);
    expect(compound.body).toEqual([
      expect.objectContaining({ errorCode: 'FUNCTIONALITY_NOT_ENABLED' }),
    ]);
    const count = await createJob('SELECT COUNT() FROM Lead');
    expect(count.status).toBe(400);
    const unknown = await createJob('SELECT Id, Nope__c FROM Lead');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD' })]);
  });

  it('answers an unknown job with NOT_FOUND and an unknown locator with INVALID_LOCATOR', async () => {
    const missing = await call('GET', '/jobs/query/750dM0000000000AAA/results');
    expect(missing.status).toBe(404);
    const { body } = await createJob('SELECT Id FROM Lead');
    await completed(String(body.id));
    const bad = await call('GET', `/jobs/query/${String(body.id)}/results?locator=bm9wZQ`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_LOCATOR' })]);
    expect(org.expireBulkJobs()).toBeGreaterThan(0);
    expect((await call('GET', `/jobs/query/${String(body.id)}`)).status).toBe(404);
  });

  it('aborts a job that has not completed, lists jobs and deletes one', async () => {
    org.settings.bulkQueryRunMs = 2_000;
    const { body } = await createJob('SELECT Id FROM Lead');
    const id = String(body.id);
    org.settings.bulkQueryRunMs = 0;
    const aborted = await call('PATCH', `/jobs/query/${id}`, { state: 'Aborted' });
    expect(((await aborted.json()) as { state: string }).state).toBe('Aborted');
    expect((await completed(id)).state).toBe('Aborted');
    const results = await call('GET', `/jobs/query/${id}/results`);
    expect(results.status).toBe(400);
    const list = (await (await call('GET', '/jobs/query')).json()) as {
      records: { id: string; jobType: string }[];
    };
    expect(list.records.find((job) => job.id === id)?.jobType).toBe('V2Query');
    expect((await call('DELETE', `/jobs/query/${id}`)).status).toBe(204);
    expect((await call('GET', `/jobs/query/${id}`)).status).toBe(404);
  });

  it('fails a job still running when the admin API says so, as a real org does: Failed with its errorMessage, no results', async () => {
    org.settings.bulkQueryRunMs = 60_000;
    try {
      const { body } = await createJob('SELECT Id FROM Lead');
      const id = String(body.id);
      const failed = await fetch(`${org.url}/__admin/fail-bulk-jobs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ errorMessage: 'Query timed out on the server' }),
      });
      expect(await failed.json()).toEqual({ failed: 1 });
      const info = await completed(id);
      expect(info).toMatchObject({
        state: 'Failed',
        errorMessage: 'Query timed out on the server',
        numberRecordsProcessed: 0,
      });
      const results = await call('GET', `/jobs/query/${id}/results`);
      expect(results.status).toBe(400);
      expect(await results.json()).toEqual([
        { errorCode: 'INVALIDJOB', message: 'Cannot get results for a job that has state Failed' },
      ]);
      // A job that has finished is not failed afterwards.
      expect(org.failBulkJobs()).toBe(0);
    } finally {
      org.settings.bulkQueryRunMs = 0;
    }
  });

  it('counts every Bulk call as an API call', async () => {
    const before = (await (await call('GET', '/limits')).json()) as {
      DailyApiRequests: { Remaining: number };
    };
    const { body } = await createJob('SELECT Id FROM Lead');
    await call('GET', `/jobs/query/${String(body.id)}`);
    const after = (await (await call('GET', '/limits')).json()) as {
      DailyApiRequests: { Remaining: number };
    };
    // The create, the state and the second /limits call.
    expect(before.DailyApiRequests.Remaining - after.DailyApiRequests.Remaining).toBe(3);
  });

  it('reports the API usage in Sforce-Limit-Info on every Bulk answer, CSV result sets included, as on every REST answer', async () => {
    const created = await call('POST', '/jobs/query', {
      operation: 'query',
      query: 'SELECT Id FROM Lead',
    });
    const id = String(((await created.json()) as { id: string }).id);
    await completed(id);
    const state = await call('GET', `/jobs/query/${id}`);
    const results = await call('GET', `/jobs/query/${id}/results?maxRecords=10`);
    const usage = [created, state, results].map((r) => r.headers.get('sforce-limit-info'));
    const used = usage.map((header) => Number(/^api-usage=(\d+)\/\d+$/.exec(header ?? '')?.[1]));
    expect(used[1]).toBeGreaterThan(used[0]!);
    expect(used[2]).toBe(used[1]! + 1);
  });

  it("reads every record with jsforce's bulk2 client", async () => {
    const conn = new Connection({ instanceUrl: org.url, accessToken: token, version: '62.0' });
    conn.bulk2.pollInterval = 10;
    const records = await (
      await conn.bulk2.query('SELECT Id, LastName, IsConverted FROM Lead ORDER BY Id')
    ).toArray();
    expect(records).toHaveLength(231);
    expect(new Set(records.map((record) => record.Id)).size).toBe(231);
    expect(records[0]).toHaveProperty('LastName');
  });
});
