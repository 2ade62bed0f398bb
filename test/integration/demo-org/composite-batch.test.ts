// Composite Batch (POST /composite/batch) as a real org serves it: independent subrequests run in
// order, each committing on its own, each counted against the API allowance; haltOnError stops
// the rest with 412 BATCH_PROCESSING_HALTED.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { restCall, restQuery } from '../../support/demo-org-rest';

let org: DemoOrgHandle;
let token: string;
let leadIds: string[];

beforeEach(async () => {
  org = await startDemoOrg({ leads: 2, seed: 'composite-batch' });
  token = org.issueSession().access_token;
  leadIds = (await restQuery(org.url, token, 'SELECT Id FROM Lead ORDER BY Id')).map((r) =>
    String(r.Id),
  );
  org.clearRequests();
});
afterEach(async () => {
  await org.close();
});

async function batch(body: unknown) {
  const response = await restCall(org.url, token, 'POST', '/composite/batch', body);
  return {
    status: response.status,
    body: (await response.json()) as {
      hasErrors: boolean;
      results: { statusCode: number; result: unknown }[];
    },
    limitInfo: response.headers.get('sforce-limit-info'),
  };
}

const used = (header: string | null) => Number(/api-usage=(\d+)/.exec(header ?? '')?.[1]);

describe('a batch request', () => {
  it('runs each subrequest on its own: a failure keeps the writes before and after it', async () => {
    const [lead] = leadIds;
    const { status, body } = await batch({
      batchRequests: [
        { method: 'PATCH', url: `v62.0/sobjects/Lead/${lead}`, richInput: { Title: 'Director' } },
        { method: 'POST', url: 'v62.0/sobjects/Lead', richInput: { LastName: 'NoCompany' } },
        { method: 'GET', url: `v62.0/sobjects/Lead/${lead}?fields=Title` },
      ],
    });
    expect(status).toBe(200);
    expect(body.hasErrors).toBe(true);
    expect(body.results[0]).toEqual({ statusCode: 204, result: null });
    expect(body.results[1]).toEqual({
      statusCode: 400,
      result: [
        {
          message: 'Required fields are missing: [Company]',
          errorCode: 'REQUIRED_FIELD_MISSING',
          fields: ['Company'],
        },
      ],
    });
    expect(body.results[2]).toMatchObject({ statusCode: 200, result: { Title: 'Director' } });
    expect(org.getRecord('Lead', lead ?? '')?.Title).toBe('Director');
    expect(org.writes().objects).toEqual({ Lead: { created: 0, updated: 1, deleted: 0 } });
  });

  it('with haltOnError answers the subrequests after a failure with 412 BATCH_PROCESSING_HALTED', async () => {
    const [lead] = leadIds;
    const { body } = await batch({
      haltOnError: true,
      batchRequests: [
        { method: 'POST', url: 'v62.0/sobjects/Lead', richInput: { LastName: 'NoCompany' } },
        { method: 'PATCH', url: `v62.0/sobjects/Lead/${lead}`, richInput: { Title: 'Never' } },
      ],
    });
    expect(body.results[1]).toEqual({
      statusCode: 412,
      result: [
        { errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' },
      ],
    });
    expect(org.getRecord('Lead', lead ?? '')?.Title).not.toBe('Never');
  });

  it('counts every subrequest against the API allowance', async () => {
    const before = await restCall(org.url, token, 'GET', '/limits');
    const { limitInfo } = await batch({
      batchRequests: leadIds.map((id) => ({ method: 'GET', url: `v62.0/sobjects/Lead/${id}` })),
    });
    expect(used(limitInfo)).toBe(used(before.headers.get('sforce-limit-info')) + leadIds.length);
  });

  it('refuses more than 25 subrequests with 400 before running any', async () => {
    const { status, body } = await batch({
      batchRequests: Array.from({ length: 26 }, () => ({
        method: 'POST',
        url: 'v62.0/sobjects/Lead',
        richInput: { LastName: 'Many', Company: 'Many Co' },
      })),
    });
    expect(status).toBe(400);
    expect(body).toMatchObject([{ errorCode: 'LIMIT_EXCEEDED' }]);
    expect(await restQuery(org.url, token, 'SELECT Id FROM Lead')).toHaveLength(2);
  });
});
