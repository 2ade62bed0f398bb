import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../src-preload/contract';
import { AppError } from '../core/errors';
import type { Logger } from '../core/ports';
import { freePort } from '../../test/support/free-port';
import { startLoopbackCallback, type LoopbackCallback } from './loopback-oauth-callback';

const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
// Only the message reaches the page; the rest of the status is the connection screen's.
const connected = {
  state: 'connected',
  message: 'Connected to Acme as dana@acme.example.',
} as ConnectionStatus;

let running: LoopbackCallback[] = [];
afterEach(async () => {
  await Promise.all(running.map((callback) => callback.close()));
  running = [];
});

async function start(handle = vi.fn(async (_url: string) => connected)) {
  const port = await freePort();
  running.push(
    await startLoopbackCallback({
      port,
      route: { path: '/oauth/callback', handle },
      logger: quietLogger,
    }),
  );
  return { port, handle };
}

describe('the development sign-in callback on loopback', () => {
  it('completes the sign-in with the callback named as the External Client App lists it', async () => {
    const { port, handle } = await start();
    const response = await fetch(`http://127.0.0.1:${port}/oauth/callback?code=C&state=S`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Leadbridge is connected');
    expect(handle).toHaveBeenCalledWith(`http://localhost:${port}/oauth/callback?code=C&state=S`);
  });

  it('says on the page why a refused callback did not connect', async () => {
    const { port } = await start(
      vi.fn(async (_url: string): Promise<ConnectionStatus> => {
        throw new AppError(
          'OAUTH_STATE_MISMATCH',
          'This sign-in is not the one Leadbridge started.',
        );
      }),
    );
    const response = await fetch(`http://127.0.0.1:${port}/oauth/callback?code=C&state=X`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This sign-in is not the one Leadbridge started.');
  });

  it('serves nothing but GET on its one path', async () => {
    const { port, handle } = await start();
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/api/app:info`)).status).toBe(404);
    expect(
      (await fetch(`http://127.0.0.1:${port}/oauth/callback?code=C`, { method: 'POST' })).status,
    ).toBe(404);
    expect(handle).not.toHaveBeenCalled();
  });

  it('names the taken port and what to do', async () => {
    const { port } = await start();
    await expect(
      startLoopbackCallback({
        port,
        route: { path: '/oauth/callback', handle: async () => connected },
        logger: quietLogger,
      }),
    ).rejects.toMatchObject({ code: 'OAUTH_PORT_IN_USE' });
  });
});
