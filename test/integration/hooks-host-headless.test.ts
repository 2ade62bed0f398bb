import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless, type RunningHeadless } from '../../src-main/headless/run-headless';
import { sign } from '../../src-main/core/platform/webhook-signature';
import { freePort } from '../support/free-port';
import { platformFixtureBytes } from '../support/platform-fixtures';
import { headlessApi } from '../support/headless-api';
import { createRecordingLogger } from '../support/silent-logger';
import { makeTempDirectory } from '../support/temp-directory';

const token = 'test-token-0123456789abcdef';
const temp = makeTempDirectory('lb-hooks-headless');
let host: RunningHeadless;
let hooksPort: number;

beforeAll(async () => {
  const renderer = path.join(temp.path, 'renderer');
  fs.mkdirSync(renderer, { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Leadbridge</title>');
  const dataDirectory = path.join(temp.path, 'data');
  fs.mkdirSync(dataDirectory, { recursive: true });
  hooksPort = await freePort();
  // Left on by an earlier run: the headless host listens from the start.
  fs.writeFileSync(
    path.join(dataDirectory, 'settings.json'),
    JSON.stringify({ hooksReceiver: { enabled: true, port: hooksPort, bindAddress: '127.0.0.1' } }),
  );
  host = await runHeadless({
    argv: ['--port', '0', '--data-dir', dataDirectory, '--token', token],
    env: { LEADBRIDGE_SECRETS_KEY_FILE: path.join(temp.path, 'key') },
    appVersion: '9.9.9',
    rendererDirectory: renderer,
    logger: createRecordingLogger(),
    defaultClientId: 'test-client',
  });
});
afterAll(async () => {
  await host.stop();
  temp.remove();
});

const api = headlessApi(() => host.port, token);

const post = (port: number, source: string, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}/hooks/${source}`, { method: 'POST', headers, body });

describe('the headless host composes the webhook receiver', () => {
  it('listens on its own port from start-up, takes a signed generic event, and shows it in platform:status', async () => {
    const body = platformFixtureBytes('generic-booking-created');
    expect((await post(hooksPort, 'generic', body)).status).toBe(401);
    const { generated } = (await api('platform:set-secret', { name: 'generic_secret' })) as {
      generated: string;
    };
    const signature = sign(generated, body, Math.floor(Date.now() / 1000));
    const answer = await post(hooksPort, 'generic', body, { 'Leadbridge-Signature': signature });
    expect(answer.status).toBe(200);
    expect(await api('platform:status')).toMatchObject({
      receiver: { enabled: true, listening: true, baseUrl: `http://127.0.0.1:${hooksPort}/hooks/` },
      // The applier may already have taken it: pending or applied, it is stored.
      received: { total: 1, failed: 0 },
    });
    const listed = (await api('platform:events')) as {
      events: { event: { externalId: string } }[];
    };
    expect(listed.events.map((entry) => entry.event.externalId)).toEqual([
      (JSON.parse(body.toString('utf8')) as { id: string }).id,
    ]);
  });

  it('keeps the API off the receiver’s port and the hooks off the API’s port', async () => {
    const onHooksPort = await fetch(`http://127.0.0.1:${hooksPort}/api/platform:status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(onHooksPort.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${hooksPort}/`)).status).toBe(404);
    const onApiPort = await post(
      host.port,
      'generic',
      platformFixtureBytes('generic-booking-created'),
    );
    expect(onApiPort.status).not.toBe(200);
  });

  it('moves when platform:update gives another port, and stops when turned off', async () => {
    const next = await freePort();
    const moved = await api('platform:update', {
      receiver: { enabled: true, port: next, bindAddress: '127.0.0.1' },
    });
    expect(moved).toMatchObject({ receiver: { port: next } });
    await expect
      .poll(() => post(next, 'generic', Buffer.from('{}')).then((r) => r.status))
      .toBe(401);
    await expect(post(hooksPort, 'generic', Buffer.from('{}'))).rejects.toThrow();
    await api('platform:update', {
      receiver: { enabled: false, port: next, bindAddress: '127.0.0.1' },
    });
    await expect
      .poll(() =>
        post(next, 'generic', Buffer.from('{}')).then(
          () => 'open',
          () => 'closed',
        ),
      )
      .toBe('closed');
    expect(await api('platform:status')).toMatchObject({
      receiver: { enabled: false, listening: false },
    });
  });
});
