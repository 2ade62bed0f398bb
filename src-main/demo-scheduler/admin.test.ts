// /__admin changes where the scheduler sends and which secrets it uses: only this machine's
// own scripts may reach it, never a page of another site open in the same browser.
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoScheduler, type DemoSchedulerHandle } from './index';

let scheduler: DemoSchedulerHandle;

beforeAll(async () => {
  scheduler = await startDemoScheduler({ leadbridge: { timerexToken: 'token-0000-wxyz' } });
});
afterAll(async () => {
  await scheduler.close();
});

/** fetch() will not forge Host or Origin, so these requests go through node:http. */
function request(method: string, path: string, headers: Record<string, string>, body = '') {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: scheduler.port, method, path, headers },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const own = () => `127.0.0.1:${scheduler.port}`;
const change = JSON.stringify({ hooksUrl: 'http://127.0.0.1:9999' });

it('shows its state with secrets as hints only', async () => {
  const answer = await request('GET', '/__admin/state', { host: own() });
  expect(answer.status).toBe(200);
  expect(answer.text).toContain('"timerexToken": "…wxyz"');
  expect(answer.text).not.toContain('token-0000');
});

it('refuses a rebinding Host, a foreign Origin and a form post, and takes JSON from its own origin', async () => {
  const json = { 'content-type': 'application/json' };
  expect(
    (await request('POST', '/__admin/config', { ...json, host: 'evil.example' }, change)).status,
  ).toBe(403);
  expect(
    (
      await request(
        'POST',
        '/__admin/config',
        { ...json, host: own(), origin: 'http://evil.example' },
        change,
      )
    ).status,
  ).toBe(403);
  expect(
    (
      await request(
        'POST',
        '/__admin/config',
        { host: own(), 'content-type': 'text/plain' },
        change,
      )
    ).status,
  ).toBe(403);
  expect(scheduler.state().leadbridge.hooksUrl).toBe('http://127.0.0.1:8787');
  expect((await request('POST', '/__admin/config', { ...json, host: own() }, change)).status).toBe(
    200,
  );
  expect(scheduler.state().leadbridge.hooksUrl).toBe('http://127.0.0.1:9999');
});

it('refuses a setting it does not know and a secret shorter than 8 characters', async () => {
  const headers = { 'content-type': 'application/json', host: own() };
  const unknown = await request('POST', '/__admin/config', headers, '{"port":1}');
  expect(unknown.status).toBe(400);
  expect(unknown.text).toContain('Unknown setting');
  expect(
    (await request('POST', '/__admin/config', headers, '{"genericSecret":"short"}')).status,
  ).toBe(400);
});
