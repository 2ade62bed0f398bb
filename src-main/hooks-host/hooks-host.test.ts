import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverState } from '../core/platform/platform-service';
import { freePort } from '../../test/support/free-port';
import { createIntakeFixture, intakeSecrets } from '../../test/support/intake-fixture';
import { platformFixtureBytes } from '../../test/support/platform-fixtures';
import { createRecordingLogger } from '../../test/support/silent-logger';
import { HooksHost, MAX_BODY_BYTES } from './hooks-host';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listening() {
  const fixture = createIntakeFixture();
  const reports: ReceiverState[] = [];
  const host = new HooksHost({
    intake: fixture.intake,
    report: (s) => reports.push(s),
    logger: createRecordingLogger(),
  });
  cleanups.push(
    () => fixture.close(),
    () => host.stop(),
  );
  const port = await freePort();
  await host.apply({ enabled: true, port, bindAddress: '127.0.0.1' });
  return { ...fixture, host, reports, port, url: `http://127.0.0.1:${port}` };
}

/** A raw request (fetch refuses some methods and bodies this test needs). */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'POST', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const timerex = {
  'x-timerex-authorization': intakeSecrets.timerex_token,
  'content-type': 'application/json',
};

describe('hooks host', () => {
  it('takes a POST /hooks/timerex to the intake, stores it, answers its 200, and reports where it listens', async () => {
    const { url, stored, reports, port } = await listening();
    const answer = await request(`${url}/hooks/timerex`, {
      headers: timerex,
      body: platformFixtureBytes('timerex-event-confirmed'),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ received: true, id: 1, duplicate: false });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(stored()).toBe(1);
    expect(reports.at(-1)).toEqual({
      listening: true,
      baseUrl: `http://127.0.0.1:${port}/hooks/`,
      error: null,
    });
  });

  it('serves nothing but /hooks/<source>: 404 for the API, the UI and anything else, 405 for other methods', async () => {
    const { url, stored } = await listening();
    for (const path of [
      '/',
      '/index.html',
      '/api/app:info',
      '/rpc',
      '/events',
      '/hooks',
      '/hooks/',
      '/hooks/timerex/x',
      '/oauth/callback',
    ]) {
      expect((await request(`${url}${path}`, { method: 'GET' })).status, path).toBe(404);
      expect((await request(`${url}${path}`, { body: '{}' })).status, path).toBe(404);
    }
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const answer = await request(`${url}/hooks/timerex`, { method, headers: timerex });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe('POST');
    }
    expect((await request(`${url}/hooks/zoom`, { body: '{}' })).status).toBe(404);
    expect(stored()).toBe(0);
  });

  it('refuses a body over 256 KB with 413, declared or streamed, and stores nothing', async () => {
    const { url, stored } = await listening();
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    expect((await request(`${url}/hooks/timerex`, { headers: timerex, body: big })).status).toBe(
      413,
    );
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${url}/hooks/timerex`,
        { method: 'POST', headers: { ...timerex, 'transfer-encoding': 'chunked' }, agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i += 1) req.write(Buffer.alloc(64 * 1024, 0x20));
      req.end();
    });
    expect(streamed).toBe(413);
    // A body just under the limit is read and judged on its content.
    const under = Buffer.alloc(MAX_BODY_BYTES, 0x20);
    expect((await request(`${url}/hooks/timerex`, { headers: timerex, body: under })).status).toBe(
      400,
    );
    expect(stored()).toBe(0);
  });

  it('moves to a new port, stops when turned off, and reports each', async () => {
    const { host, url, reports } = await listening();
    const next = await freePort();
    await host.apply({ enabled: true, port: next, bindAddress: '127.0.0.1' });
    await expect(request(`${url}/hooks/timerex`, { body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
    expect((await request(`http://127.0.0.1:${next}/hooks/timerex`, { body: '{}' })).status).toBe(
      401,
    );
    await host.apply({ enabled: false, port: next, bindAddress: '127.0.0.1' });
    await expect(request(`http://127.0.0.1:${next}/hooks/timerex`, { body: '{}' })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    expect(reports.map((r) => r.listening)).toEqual([true, true, false]);
    expect(reports.at(-1)).toEqual({ listening: false, baseUrl: null, error: null });
  });

  it('reports a port in use or an address not on this machine as an error an admin can act on', async () => {
    const { host, port, reports } = await listening();
    const second = new HooksHost({
      intake: createIntakeFixture().intake,
      report: (s) => reports.push(s),
      logger: createRecordingLogger(),
    });
    cleanups.push(() => second.stop());
    await second.apply({ enabled: true, port, bindAddress: '127.0.0.1' });
    expect(reports.at(-1)).toMatchObject({
      listening: false,
      error: {
        code: 'RECEIVER_PORT_IN_USE',
        message: expect.stringMatching(new RegExp(`Port ${port}`)),
      },
    });
    await second.apply({ enabled: true, port: await freePort(), bindAddress: '192.0.2.1' });
    expect(reports.at(-1)).toMatchObject({
      listening: false,
      error: { code: 'RECEIVER_ADDRESS_UNAVAILABLE' },
    });
    await host.stop();
  });
});
