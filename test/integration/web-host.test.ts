import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, LogPage, MethodOutput } from '../../src-preload/contract';
import { runHeadless, type RunningHeadless } from '../../src-main/headless/run-headless';
import { makeTempDirectory } from '../support/temp-directory';
import { createRecordingLogger } from '../support/silent-logger';

const token = 'test-token-0123456789abcdef';
const temp = makeTempDirectory('lb-web-host');
let host: RunningHeadless;
let base: string;

beforeAll(async () => {
  const renderer = path.join(temp.path, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Leadbridge</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(temp.path, 'outside.txt'), 'secret');
  host = await runHeadless({
    argv: ['--port', '0', '--data-dir', path.join(temp.path, 'data'), '--token', token],
    env: { LEADBRIDGE_SECRETS_KEY_FILE: path.join(temp.path, 'key') },
    appVersion: '9.9.9',
    rendererDirectory: renderer,
    logger: createRecordingLogger(),
    defaultClientId: 'test-client',
  });
  base = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.stop();
  temp.remove();
});

const auth = { Authorization: `Bearer ${token}` };
const call = (method: string, body?: unknown, headers: Record<string, string> = auth) =>
  fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** fetch() will not send a forged Host header, so the rebinding check uses node:http. */
function statusWithHost(pathName: string, hostHeader: string, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathName,
        method,
        headers: { Host: hostHeader, ...auth, 'Content-Type': 'application/json' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('headless web host', () => {
  it('prints a UI address on 127.0.0.1 with the real port and the token in the fragment', () => {
    expect(host.uiUrl).toBe(`http://127.0.0.1:${host.port}/#token=${token}`);
  });

  it('answers contract methods with their output', async () => {
    const response = await call('app:info', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: 'Leadbridge',
      version: '9.9.9',
      hostKind: 'headless',
      dataDirectory: path.join(temp.path, 'data'),
      oauthCallbackUrl: `http://localhost:${host.port}/oauth/callback`,
    });
    const log = (await (await call('log:list', { limit: 5 })).json()) as LogPage;
    expect(log.entries[0]).toMatchObject({ kind: 'app.started' });
  });

  it('names the kinds its log holds, and exports the log in words in the reader’s time zone', async () => {
    expect(await (await call('log:kinds', {})).json()).toEqual({ kinds: ['app.started'] });
    const exported = (await (
      await call('log:export', { timeZone: 'Asia/Tokyo' })
    ).json()) as MethodOutput<'log:export'>;
    const [header, row] = exported.csv.split('\r\n');
    expect(header).toMatch(/^Time \(Asia\/Tokyo\),What happened,/);
    expect(row).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,Leadbridge started,/);
  });

  it('refuses /api requests without the token, or with a wrong one, with 401', async () => {
    expect((await call('app:info', {}, {})).status).toBe(401);
    expect((await call('app:info', {}, { Authorization: 'Bearer nope' })).status).toBe(401);
    const events = await fetch(`${base}/api/events`);
    expect(events.status).toBe(401);
    expect(await events.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a foreign Host header with 403 (DNS rebinding), even with the token', async () => {
    expect(await statusWithHost('/', 'evil.example:80')).toBe(403);
    expect(await statusWithHost('/', `evil.example:${host.port}`)).toBe(403);
    expect(await statusWithHost('/', `localhost:${host.port}`)).toBe(200);
  });

  it.each([
    ['POST', '/api/app:info'],
    ['GET', '/api/events'],
    ['GET', '/assets/app.js'],
    ['GET', '/'],
  ])('guards %s %s by Host: only our loopback names with our own port', async (method, route) => {
    const other = host.port === 65535 ? host.port - 1 : host.port + 1;
    for (const foreign of [
      `evil.example:${host.port}`,
      `127.0.0.1:${other}`,
      `localhost:${other}`,
      '127.0.0.1',
      'localhost',
    ])
      expect(await statusWithHost(route, foreign, method), `Host: ${foreign}`).toBe(403);
    if (route === '/api/events') return; // the stream stays open once let in
    for (const ours of [`127.0.0.1:${host.port}`, `localhost:${host.port}`])
      expect(await statusWithHost(route, ours, method), `Host: ${ours}`).toBe(200);
  });

  it('answers bad input with 400 and a code and a sentence', async () => {
    const invalid = await call('log:list', { limit: 'many' });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as ApiError;
    expect(body.code).toBe('INVALID_INPUT');
    expect(body.message).toMatch(/limit/);

    const notJson = await fetch(`${base}/api/log:list`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'INVALID_JSON' });

    const unknown = await call('nothing:here', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('reads and changes settings, refusing values out of range', async () => {
    const updated = await call('settings:update', { syncIntervalMinutes: 15 });
    expect(await updated.json()).toEqual({
      syncIntervalMinutes: 15,
      apiBudgetPercent: 90,
      bulkImportThreshold: 200_000,
      oauthScopes: 'api',
      salesforceClientId: '',
      allowInsecureSecretStorage: false,
      startAtLogin: false,
    });
    expect(await (await call('sync:status', {})).json()).toMatchObject({ intervalMinutes: 15 });
    expect((await call('settings:update', { syncIntervalMinutes: 0 })).status).toBe(400);
    expect((await call('settings:update', { syncPaused: true })).status).toBe(400);
  });

  it('leaves start at login and the logs folder to the desktop app, saying where to look instead', async () => {
    const startAtLogin = await call('settings:update', { startAtLogin: true });
    expect(await startAtLogin.json()).toMatchObject({ code: 'START_AT_LOGIN_UNAVAILABLE' });
    expect(await (await call('settings:get', {})).json()).toMatchObject({ startAtLogin: false });

    expect(await (await call('app:info', {})).json()).toMatchObject({ logsDirectory: null });
    const logs = await call('app:open-logs-folder', {});
    expect(await logs.json()).toMatchObject({
      code: 'LOGS_ON_STANDARD_ERROR',
      message: expect.stringContaining('standard error'),
    });
  });

  it('sends no CORS headers and a strict CSP', async () => {
    const page = await fetch(`${base}/`, { headers: { Origin: 'https://evil.example' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves the renderer but never a file outside it', async () => {
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${base}/..%2foutside.txt`)).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2f..%2foutside.txt`)).status).toBe(404);
  });

  it('streams events: a host-side log entry reaches an SSE client', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events`, {
      headers: auth,
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    await call('sync:pause', {});
    let text = '';
    while (!text.includes('event: log:appended')) {
      const { value } = await reader.read();
      text += decoder.decode(value);
    }
    controller.abort();
    await call('sync:resume', {});
    expect(text).toContain('"kind":"sync.paused"');
    expect(text).toContain('event: sync:status');
  });

  it('answers malformed %-escapes and // paths with 4xx, never 500', async () => {
    const own = `127.0.0.1:${host.port}`;
    for (const target of ['//', '//evil.example/index.html', '/%', '/%E0%A4%A', '/api//']) {
      const status = await statusWithHost(target, own);
      expect(status, target).toBeGreaterThanOrEqual(400);
      expect(status, target).toBeLessThan(500);
    }
    const method = await fetch(`${base}/api/%E0%A4%A`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(method.status).toBe(400);
    expect(await method.json()).toMatchObject({ code: 'BAD_PATH' });
  });

  it('serves a bounded number of event streams and refuses one more with 503', async () => {
    const controller = new AbortController();
    const open = () => fetch(`${base}/api/events`, { headers: auth, signal: controller.signal });
    const streams = await Promise.all(Array.from({ length: 16 }, open));
    expect(streams.every((stream) => stream.status === 200)).toBe(true);
    const refused = await open();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_EVENT_STREAMS' });
    controller.abort();
  });
});
