// The admin API changes a running demo: a web page open in the same browser must not reach it.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org/index';
import { APP_SCRIPT } from '../../../src-main/demo-org/demo-page/app-script';
import { admin } from '../../support/demo-org-admin';

let org: DemoOrgHandle;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 5, seed: 'admin-guard' });
});
afterAll(async () => {
  await org.close();
});

/** fetch() will not forge Host or Origin, so these requests go through node:http. */
function adminRequest(
  method: string,
  pathName: string,
  headers: Record<string, string>,
  body = '',
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: org.port, method, path: `/__admin/${pathName}`, headers },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const own = () => `127.0.0.1:${org.port}`;
const fault = JSON.stringify({ kind: '503', times: 1 });
const queuedFaults = async () =>
  ((await admin(org.url, 'GET', 'faults')) as { faults: unknown[] }).faults.length;

describe('demo org admin API protection', () => {
  it('refuses a cross-site simple POST, so a web page cannot inject faults', async () => {
    const status = await adminRequest(
      'POST',
      'faults',
      { Host: own(), Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      fault,
    );
    expect(status).toBe(403);
    expect(await queuedFaults()).toBe(0);
  });

  it('refuses a state change sent without Content-Type: application/json', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      expect(
        await adminRequest('POST', 'faults', { Host: own(), 'Content-Type': type }, fault),
      ).toBe(403);
    }
    expect(await adminRequest('POST', 'expire-sessions', { Host: own() })).toBe(403);
    expect(await queuedFaults()).toBe(0);
  });

  it('refuses a JSON request from another origin and a Host that is not its own (DNS rebinding)', async () => {
    const json = { 'Content-Type': 'application/json' };
    expect(
      await adminRequest('POST', 'faults', { ...json, Host: own(), Origin: 'null' }, fault),
    ).toBe(403);
    expect(
      await adminRequest('POST', 'faults', { ...json, Host: `evil.example:${org.port}` }, fault),
    ).toBe(403);
    expect(await adminRequest('GET', 'faults', { Host: `evil.example:${org.port}` })).toBe(403);
    expect(await queuedFaults()).toBe(0);
  });

  it('answers its own demo page and the test helpers', async () => {
    const json = { 'Content-Type': 'application/json' };
    const sameOrigin = { ...json, Host: own(), Origin: `http://${own()}` };
    expect(await adminRequest('POST', 'faults', sameOrigin, fault)).toBe(201);
    expect(await adminRequest('DELETE', 'faults', { ...json, Host: `localhost:${org.port}` })).toBe(
      204,
    );
    expect(await adminRequest('GET', 'leads', { Host: own() })).toBe(200);
    await admin(org.url, 'POST', 'expire-sessions');
    // The page's only state change is its PATCH, which must keep sending JSON.
    expect(APP_SCRIPT).toMatch(
      /method: 'PATCH', headers: \{ 'Content-Type': 'application\/json' \}/,
    );
  });

  it('answers a malformed percent-encoding with 400, not 500', async () => {
    expect(await adminRequest('GET', 'sobjects/Lead/%E0%A4%A', { Host: own() })).toBe(400);
  });
});
