// The built host (`npm run serve -- --demo`): it prints the demo scheduler's URL beside the
// UI's, and a booking made there reaches the receiver of that same process.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReceivedEvent } from '../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../src-main/demo-org';
import {
  ensureHeadlessBuild,
  spawnHeadless,
  type HeadlessProcess,
} from '../support/headless-process';
import { eventually } from '../support/fake-hooks-receiver';
import { makeTempDirectory } from '../support/temp-directory';

const temp = makeTempDirectory('lb-demo-built');
let org: DemoOrgHandle;
let host: HeadlessProcess | undefined;

beforeAll(async () => {
  ensureHeadlessBuild();
  org = await startDemoOrg({ leads: 10, seed: 'demo-scheduler-built' });
}, 180_000);
afterAll(async () => {
  await host?.kill('SIGTERM');
  await org?.close();
  temp.remove();
});

it('prints the demo scheduler’s URL, and a booking made there is stored by its receiver', async () => {
  host = await spawnHeadless({
    dataDirectory: path.join(temp.path, 'data'),
    secretsKeyFile: path.join(temp.path, 'key'),
    token: 'built-demo-token-0123456789',
    demoOrgUrl: org.url,
    demo: true,
  });
  const scheduler = await eventually(
    () => /^Demo scheduler: (http:\/\/127\.0\.0\.1:\d+) /m.exec(host!.stdout())?.[1],
    'the Demo scheduler line',
    10_000,
  );
  const booked = await fetch(`${scheduler}/__admin/book`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      calendarId: '7a1c9e05',
      name: 'Yui Mori',
      email: 'yui@umbrella.example',
    }),
  });
  expect(booked.status).toBe(201);
  const events = await eventually(async () => {
    const { events } = await host!.call<{ events: ReceivedEvent[] }>('platform:events', {});
    return events.length > 0 && events;
  }, 'the stored event');
  expect(events.map((stored) => [stored.event.source, stored.event.guest.email])).toEqual([
    ['timerex', 'yui@umbrella.example'],
  ]);
}, 60_000);
