// `npm run serve -- --demo`: the demo scheduler starts beside the demo org, already wired to
// Leadbridge both ways, so a booking made on its page arrives at the receiver as a webhook.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BookingSettings,
  MeetingType,
  PlatformStatus,
  ReceivedEvent,
} from '../../src-preload/contract';
import { runHeadless, type RunningHeadless } from '../../src-main/headless/run-headless';
import { eventually } from '../support/fake-hooks-receiver';
import { headlessApi } from '../support/headless-api';
import { createRecordingLogger } from '../support/silent-logger';
import { makeTempDirectory } from '../support/temp-directory';

const token = 'test-token-0123456789abcdef';
const temp = makeTempDirectory('lb-demo-scheduler');
const renderer = path.join(temp.path, 'renderer');
const dataDirectory = path.join(temp.path, 'data');
let host: RunningHeadless;

const launch = () =>
  runHeadless({
    argv: ['--port', '0', '--data-dir', dataDirectory, '--token', token, '--demo'],
    env: { LEADBRIDGE_SECRETS_KEY_FILE: path.join(temp.path, 'key') },
    appVersion: '9.9.9',
    rendererDirectory: renderer,
    logger: createRecordingLogger(),
    defaultClientId: 'test-client',
  });

beforeAll(async () => {
  fs.mkdirSync(renderer, { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Leadbridge</title>');
  fs.mkdirSync(dataDirectory, { recursive: true });
  host = await launch();
}, 60_000);
afterAll(async () => {
  await host.stop();
  temp.remove();
});

const api = headlessApi(() => host.port, token);

async function bookOnTheSchedulerPage(email: string): Promise<void> {
  const page = `${host.demoSchedulerUrl}/book/7a1c9e05`;
  const slot = /name="slot" value="(\d+)">/.exec(await (await fetch(page)).text())![1]!;
  const answer = await fetch(page, {
    method: 'POST',
    body: new URLSearchParams({
      slot,
      name: 'Mei Tanaka',
      email,
      company: 'Initech',
      answer: 'Demo',
    }),
    redirect: 'manual',
  });
  expect(answer.status).toBe(303);
}

/** The events the receiver stored for a guest, once there is one. */
const storedFor = (email: string) =>
  eventually(async () => {
    const { events } = await api<{ events: ReceivedEvent[] }>('platform:events', { query: email });
    return events.length > 0 && events;
  }, `the event stored for ${email}`);

describe('npm run serve -- --demo', () => {
  it('turns the receiver on at 127.0.0.1, sets every secret and points the outbound events at the scheduler', async () => {
    expect(host.demoSchedulerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const status = await api<PlatformStatus>('platform:status');
    expect(status.receiver).toMatchObject({
      enabled: true,
      listening: true,
      bindAddress: '127.0.0.1',
    });
    expect(status.outbound).toEqual({
      enabled: true,
      url: `${host.demoSchedulerUrl}/platform/instance-events`,
    });
    for (const secret of Object.values(status.secrets)) expect(secret.set).toBe(true);
  });

  it('maps the demo meeting type to the scheduler’s calendar', async () => {
    const { meetingTypes } = await api<{ meetingTypes: MeetingType[] }>('meeting-types:list');
    expect(meetingTypes.find((type) => type.name === 'Intro call')?.calendar).toEqual({
      id: '7a1c9e05',
      name: 'Intro call',
    });
  });

  it('saves a default booking mapping: a Lead from the form, the question into Description', async () => {
    const { settings } = await api<{ settings: BookingSettings[] }>('booking-settings:list');
    expect(settings).toEqual([
      expect.objectContaining({
        calendarId: null,
        objectToLink: 'lead',
        createWhenMissing: true,
        createEvent: true,
      }),
    ]);
    expect(settings[0]!.leadMapping).toContainEqual({
      field: 'Description',
      source: { kind: 'booking', field: 'answer', label: 'What would you like to discuss?' },
    });
  });

  it('delivers a booking made on the scheduler’s page to the receiver, which stores it', async () => {
    await bookOnTheSchedulerPage('mei@initech.example');
    expect((await storedFor('mei@initech.example')).map((stored) => stored.event)).toEqual([
      expect.objectContaining({
        source: 'timerex',
        kind: 'booked',
        calendar: { id: '7a1c9e05', name: 'Intro call' },
        hosts: [{ email: 'alex.host@leadbridge.demo', name: 'Alex Host' }],
        guest: expect.objectContaining({ email: 'mei@initech.example', company: 'Initech' }),
        answers: [{ label: 'What would you like to discuss?', value: 'Demo' }],
        meetingUrl: expect.stringMatching(/^https:\/\/meet\.google\.com\//),
      }),
    ]);
  });

  it('keeps Leadbridge’s secrets across launches and gives them to the new scheduler', async () => {
    const before = await api<PlatformStatus>('platform:status');
    await host.stop();
    host = await launch();
    const after = await api<PlatformStatus>('platform:status');
    expect(after.secrets).toEqual(before.secrets);
    expect(after.receiver.port).toBe(before.receiver.port);
    expect(after.outbound.url).toBe(`${host.demoSchedulerUrl}/platform/instance-events`);
    await bookOnTheSchedulerPage('ren@initech.example');
    expect(await storedFor('ren@initech.example')).toHaveLength(1);
  }, 60_000);
});
