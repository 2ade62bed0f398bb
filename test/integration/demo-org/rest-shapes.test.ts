// The emulator's answers compared in SHAPE with real Salesforce responses in the shared fixtures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg } from '../../../src-main/demo-org/index';
import type { DemoOrgHandle } from '../../../src-main/demo-org/index';

import { readSalesforceFixture as fixture } from '../../support/salesforce-fixtures';
import { shape } from './json-shape';

let org: DemoOrgHandle;
let token: string;
let leadId: string;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 30, seed: 'shapes', duplicateRuleOnEmail: true });
  token = org.issueSession().access_token;
  const res = await api(
    'GET',
    '/query?q=' + encodeURIComponent('SELECT Id FROM Lead ORDER BY Id LIMIT 1'),
  );
  leadId = ((await res.json()) as { records: { Id: string }[] }).records[0]?.Id ?? '';
});
afterAll(async () => {
  await org.close();
});

function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${org.url}/services/data/v62.0${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('response shapes match real Salesforce', () => {
  it('token response and userinfo', async () => {
    const session = org.issueSession({ refreshToken: true });
    expect(shape(session)).toEqual(shape(fixture('token-response.json')));
    const info = await fetch(`${org.url}/services/oauth2/userinfo`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const expected = shape(fixture('userinfo.json')) as Record<string, unknown>;
    const actual = shape(await info.json()) as Record<string, unknown>;
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    expect(actual.urls).toEqual(expected.urls);
  });

  it('limits, with Sforce-Limit-Info counting every call', async () => {
    const first = await api('GET', '/limits');
    const body = (await first.json()) as Record<string, { Max: number; Remaining: number }>;
    expect(shape(body.DailyApiRequests)).toEqual(
      shape((fixture('limits.json') as Record<string, unknown>).DailyApiRequests),
    );
    const used = Number(
      /api-usage=(\d+)\/100000/.exec(first.headers.get('sforce-limit-info') ?? '')?.[1],
    );
    const second = await api('GET', '/limits');
    expect(second.headers.get('sforce-limit-info')).toBe(`api-usage=${used + 1}/100000`);
  });

  it('describe fields carry every property of a real describe, and 304 when unchanged', async () => {
    const res = await api('GET', '/sobjects/Lead/describe');
    const body = (await res.json()) as { fields: Record<string, unknown>[] };
    const real = fixture('lead-describe.json') as { fields: Record<string, unknown>[] };
    expect(Object.keys(body.fields[0] ?? {}).sort()).toEqual(
      Object.keys(real.fields[0] ?? {}).sort(),
    );
    expect(Object.keys(body).sort()).toEqual(Object.keys(real).sort());
    const lastModified = res.headers.get('last-modified') ?? '';
    expect(
      (
        await api('GET', '/sobjects/Lead/describe', undefined, {
          'if-modified-since': lastModified,
        })
      ).status,
    ).toBe(304);
  });

  it('query pages like a real org', async () => {
    const res = await api(
      'GET',
      '/query?q=' + encodeURIComponent('SELECT Id, Name, LastModifiedDate, CreatedDate FROM Lead'),
      undefined,
      { 'sforce-query-options': 'batchSize=200' },
    );
    const body = (await res.json()) as {
      records: { attributes: { url: string }; LastModifiedDate: string }[];
    };
    expect(Object.keys(body).sort()).toEqual(['done', 'records', 'totalSize']);
    expect(body.records[0]?.attributes.url).toMatch(
      /^\/services\/data\/v62\.0\/sobjects\/Lead\/00Q\w{15}$/,
    );
    expect(body.records[0]?.LastModifiedDate).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/,
    );
  });

  it.each([
    [
      'unknown column',
      () => api('GET', '/query?q=' + encodeURIComponent('SELECT Bacon__c FROM Lead LIMIT 2')),
      400,
      'error-invalid-field.json',
    ],
    ['malformed query', () => api('GET', '/query?q=SELEKT'), 400, 'error-malformed-query.json'],
    [
      'invalid field on create',
      () => api('POST', '/sobjects/Lead', { LastName: 'x', Company: 'y', FavoritePet__c: 'cat' }),
      400,
      'error-invalid-field-on-create.json',
    ],
    [
      'required field missing',
      () => api('POST', '/sobjects/Lead', { FirstName: 'x' }),
      400,
      'error-required-field-missing.json',
    ],
    [
      'malformed id',
      () => api('PATCH', '/sobjects/Lead/a00B000000FSjVUIB1', { FirstName: 'x' }),
      400,
      'error-malformed-id.json',
    ],
  ] as const)('%s error', async (_name, call, status, file) => {
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    expect(shape(await res.json())).toEqual(shape(fixture(file)));
  });

  it('deleted records: ENTITY_IS_DELETED on a second delete, visible only to queryAll', async () => {
    const created = (await (
      await api('POST', '/sobjects/Lead', { LastName: 'Gone', Company: 'Soon' })
    ).json()) as { id: string };
    expect((await api('DELETE', `/sobjects/Lead/${created.id}`)).status).toBe(204);
    const again = await api('DELETE', `/sobjects/Lead/${created.id}`);
    expect(again.status).toBe(404);
    expect(shape(await again.json())).toEqual(shape(fixture('error-entity-is-deleted.json')));
    const q = encodeURIComponent(`SELECT Id, IsDeleted FROM Lead WHERE Id = '${created.id}'`);
    expect(
      ((await (await api('GET', `/query?q=${q}`)).json()) as { totalSize: number }).totalSize,
    ).toBe(0);
    expect(
      ((await (await api('GET', `/queryAll?q=${q}`)).json()) as { totalSize: number }).totalSize,
    ).toBe(1);
    const deleted = (await (
      await api(
        'GET',
        `/sobjects/Lead/deleted/?start=${encodeURIComponent('2000-01-01T00:00:00Z')}&end=${encodeURIComponent('2100-01-01T00:00:00Z')}`,
      )
    ).json()) as Record<string, unknown>;
    expect(Object.keys(deleted).sort()).toEqual([
      'deletedRecords',
      'earliestDateAvailable',
      'latestDateCovered',
    ]);
  });

  it('duplicate rule answers DUPLICATES_DETECTED in the real shape', async () => {
    const lead = org.getRecord('Lead', leadId);
    const res = await api('POST', '/sobjects/Lead', {
      LastName: 'Dup',
      Company: 'Dup',
      Email: lead?.Email,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>[];
    expect(Object.keys(body[0] ?? {}).sort()).toEqual(
      Object.keys(
        (fixture('error-duplicates-detected.json') as Record<string, unknown>[])[0] ?? {},
      ).sort(),
    );
  });

  it('collections return SaveResults in order, with allOrNone rolling back', async () => {
    const ok = await api('PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Lead' }, Id: leadId, Title: 'CEO' },
        { attributes: { type: 'Lead' }, Id: '001xx000003DGb2999', Title: 'x' },
      ],
    });
    const mixed = (await ok.json()) as unknown[];
    expect(shape(mixed)).toEqual(shape(fixture('composite-update-response.json')));
    expect(mixed[1]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'MALFORMED_ID', fields: ['Id'] }],
    });
    const rolled = (await (
      await api('PATCH', '/composite/sobjects', {
        allOrNone: true,
        records: [
          { attributes: { type: 'Lead' }, Id: leadId, Title: 'CTO' },
          { attributes: { type: 'Lead' }, Id: 'bad', Title: 'x' },
        ],
      })
    ).json()) as { errors: { statusCode: string }[] }[];
    expect(rolled[0]?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(org.getRecord('Lead', leadId)?.Title).toBe('CEO');
    const tooMany = await api('POST', '/composite/sobjects', {
      records: Array.from({ length: 201 }, () => ({
        attributes: { type: 'Lead' },
        LastName: 'x',
        Company: 'y',
      })),
    });
    expect(tooMany.status).toBe(400);
  });

  it('If-Unmodified-Since on PATCH answers 412 once the record changed', async () => {
    const res = await api(
      'PATCH',
      `/sobjects/Lead/${leadId}`,
      { Title: 'VP' },
      { 'if-unmodified-since': new Date(Date.now() - 3_600_000).toUTCString() },
    );
    expect(res.status).toBe(412);
  });

  it('answers malformed JSON and unknown paths in Salesforce shape', async () => {
    const bad = await api('POST', '/sobjects/Lead', '{"LastName": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorCode: string }[])[0]?.errorCode).toBe('JSON_PARSER_ERROR');
    const missing = await api('GET', '/nothing/here');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errorCode: string }[])[0]?.errorCode).toBe('NOT_FOUND');
  });
});

describe('faults and admin', () => {
  it('injects expired-session, 503, request-limit-exceeded and malformed-json once each', async () => {
    const admin = (body: unknown) =>
      fetch(`${org.url}/__admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await admin({ kind: 'expired-session' })).status).toBe(201);
    const expired = await api('GET', '/limits');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Token');
    await admin({ kind: '503' });
    expect((await api('GET', '/limits')).status).toBe(503);
    await admin({ kind: 'request-limit-exceeded' });
    const limited = await api('GET', '/limits');
    expect(limited.status).toBe(403);
    expect(((await limited.json()) as { errorCode: string }[])[0]?.errorCode).toBe(
      'REQUEST_LIMIT_EXCEEDED',
    );
    await admin({ kind: 'malformed-json' });
    await expect((await api('GET', '/limits')).json()).rejects.toThrow();
    expect((await api('GET', '/limits')).status).toBe(200);
  });

  it('late-commit adds a lead stamped before rows already served', async () => {
    const newest = async () =>
      (
        (await (
          await api(
            'GET',
            '/query?q=' +
              encodeURIComponent(
                'SELECT SystemModstamp FROM Lead ORDER BY SystemModstamp DESC LIMIT 1',
              ),
          )
        ).json()) as { records: { SystemModstamp: string }[] }
      ).records[0]?.SystemModstamp ?? '';
    const watermark = await newest();
    org.injectFault('late-commit', { ms: 3_600_000 });
    const count = async (q: string) =>
      (
        (await (await api('GET', '/query?q=' + encodeURIComponent(q))).json()) as {
          totalSize: number;
        }
      ).totalSize;
    expect(await count(`SELECT COUNT() FROM Lead WHERE SystemModstamp > ${watermark}`)).toBe(0);
    expect(
      await count('SELECT COUNT() FROM Lead WHERE SystemModstamp = LAST_N_DAYS:1'),
    ).toBeGreaterThan(0);
  });

  it('edits through the admin API as a user would, and refuses bad input', async () => {
    const before = org.getRecord('Lead', leadId);
    const res = await fetch(`${org.url}/__admin/sobjects/Lead/${leadId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Status: 'Closed - Not Converted' }),
    });
    expect(res.status).toBe(200);
    const after = org.getRecord('Lead', leadId);
    expect(after?.Status).toBe('Closed - Not Converted');
    expect(String(after?.SystemModstamp) >= String(before?.SystemModstamp)).toBe(true);
    const bad = await fetch(`${org.url}/__admin/sobjects/Lead/${leadId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Meeting_Status__c: 'Nope' }),
    });
    expect(bad.status).toBe(400);
    const log = (await (await fetch(`${org.url}/__admin/requests`)).json()) as {
      requests: { path: string; status: number }[];
    };
    expect(log.requests.some((r) => r.path.endsWith('/limits') && r.status === 503)).toBe(true);
  });

  it('renames a Lead field so describe and queries see the new name', async () => {
    const res = await fetch(`${org.url}/__admin/schema/Lead/fields/Timezone__c`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Time_Zone__c', label: 'Time Zone' }),
    });
    expect(res.status).toBe(200);
    const describe = (await (await api('GET', '/sobjects/Lead/describe')).json()) as {
      fields: { name: string }[];
    };
    expect(describe.fields.map((f) => f.name)).toContain('Time_Zone__c');
    expect(
      (await api('GET', '/query?q=' + encodeURIComponent('SELECT Timezone__c FROM Lead'))).status,
    ).toBe(400);
  });
});
