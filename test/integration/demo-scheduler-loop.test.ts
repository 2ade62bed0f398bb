// The demo's whole loop through the composed host (`npm run serve -- --demo`): an instance
// activated by the example channel reaches the demo scheduler, whose invite and email attempts
// move it to invited; the Lead then books on the scheduler's page and the instance is booked,
// the Lead left untouched (overwrite off) and an Event queued; a new guest gets a new Lead.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  BookingSummary,
  Channel,
  InstanceSummary,
  LeadSummary,
  SyncStatus,
} from '../../src-preload/contract';
import type { SchedulerState } from '../../src-main/demo-scheduler';
import { runHeadless, type RunningHeadless } from '../../src-main/headless/run-headless';
import { answerConsent } from '../support/demo-consent';
import { admin } from '../support/demo-org-admin';
import { eventually } from '../support/fake-hooks-receiver';
import { headlessApi } from '../support/headless-api';
import { createRecordingLogger } from '../support/silent-logger';
import { makeTempDirectory } from '../support/temp-directory';

const token = 'loop-token-0123456789abcdef';
const temp = makeTempDirectory('lb-demo-loop');
let host: RunningHeadless;

beforeAll(async () => {
  const renderer = path.join(temp.path, 'renderer');
  fs.mkdirSync(renderer, { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Leadbridge</title>');
  host = await runHeadless({
    argv: ['--port', '0', '--data-dir', path.join(temp.path, 'data'), '--token', token, '--demo'],
    env: { LEADBRIDGE_SECRETS_KEY_FILE: path.join(temp.path, 'key') },
    appVersion: '9.9.9',
    rendererDirectory: renderer,
    logger: createRecordingLogger(),
    defaultClientId: 'test-client',
  });
}, 60_000);
afterAll(async () => {
  await host.stop();
  temp.remove();
});

const api = headlessApi(() => host.port, token);

const schedulerState = async () =>
  (await (await fetch(`${host.demoSchedulerUrl}/__admin/state`)).json()) as SchedulerState;

async function synced(): Promise<void> {
  await api('sync:now');
  await eventually(
    async () => {
      const status = await api<SyncStatus>('sync:status');
      return status.state === 'idle' && status.lastSyncAt !== null;
    },
    'a finished sync',
    30_000,
  );
}

async function instanceOf(leadId: string, status: InstanceSummary['status']) {
  return eventually(
    async () => {
      const { instances } = await api<{ instances: InstanceSummary[] }>('instances:search', {
        query: leadId,
      });
      return instances.find((instance) => instance.status === status);
    },
    `the instance ${status}`,
    15_000,
  );
}

it('invites an activated Lead through the scheduler, then books it from the scheduler’s page', async () => {
  const { authorizeUrl } = await api<{ authorizeUrl: string }>('connection:connect', {
    org: 'demo',
  });
  const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
  await fetch(`http://127.0.0.1:${host.port}${callback.pathname}${callback.search}`);
  await synced();

  const { channels } = await api<{ channels: Channel[] }>('channels:list');
  const importChannel = channels.find((channel) => channel.kind === 'import')!;
  await api('channels:set-enabled', { channelId: importChannel.id, enabled: true });
  const { leads } = await api<{ leads: LeadSummary[] }>('leads:search', { limit: 50 });
  const lead = leads.find((l) => l.email && l.status !== 'Working - Contacted' && !l.isConverted)!;
  await admin(host.demoOrgUrl!, 'PATCH', `sobjects/Lead/${lead.id}`, {
    Status: 'Working - Contacted',
  });
  await synced();

  // Activated → the outbound event → the scheduler's two attempts → invited.
  await instanceOf(lead.id, 'invited');
  const attempts = await eventually(
    async () => {
      const generic = (await schedulerState()).deliveries.filter((d) => d.source === 'generic');
      return generic.length === 2 && generic.every((d) => d.state === 'delivered') && generic;
    },
    'both attempts delivered',
    15_000,
  );
  expect(attempts.map((delivery) => delivery.type)).toEqual(['attempt.invite', 'attempt.email']);
  expect((await schedulerState()).instanceEvents).toContainEqual(
    expect.objectContaining({ type: 'instance.activated', status: 200, email: lead.email }),
  );

  // The invited Lead books on the scheduler's page: booked, the Lead untouched, one Event.
  const booked = await fetch(`${host.demoSchedulerUrl}/__admin/book`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      calendarId: '7a1c9e05',
      name: 'Any Name',
      email: lead.email,
      company: 'X',
    }),
  });
  expect(booked.status).toBe(201);
  await instanceOf(lead.id, 'booked');
  const existing = await eventually(
    async () => {
      const { bookings } = await api<{ bookings: BookingSummary[] }>('bookings:list', {});
      return bookings.find((b) => b.guest.email === lead.email && b.outcome !== 'pending');
    },
    'the existing Lead’s booking posted',
    15_000,
  );
  expect(existing).toMatchObject({ outcome: 'untouched', record: { kind: 'lead', id: lead.id } });
  expect(existing.event).not.toBeNull();

  // A new guest: a new Lead from the default mapping, and an instance started in booked for it.
  const newGuest = await fetch(`${host.demoSchedulerUrl}/__admin/book`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      calendarId: '7a1c9e05',
      name: 'Nora Quinn',
      email: 'nora@quinn.example',
      company: 'Quinn Ltd',
      answer: 'Pricing for 20 seats',
    }),
  });
  expect(newGuest.status).toBe(201);
  const created = await eventually(
    async () => {
      const { bookings } = await api<{ bookings: BookingSummary[] }>('bookings:list', {});
      return bookings.find(
        (b) => b.guest.email === 'nora@quinn.example' && b.outcome !== 'pending',
      );
    },
    'the new guest’s booking posted',
    15_000,
  );
  expect(created).toMatchObject({ outcome: 'created', record: { kind: 'lead' } });
  const newLead = (await admin(host.demoOrgUrl!, 'GET', `sobjects/Lead/${created.record!.id}`)) as
    Record<string, unknown> | undefined;
  expect(newLead).toMatchObject({
    LastName: 'Nora Quinn',
    Email: 'nora@quinn.example',
    Company: 'Quinn Ltd',
    LeadSource: 'Web',
    Description: 'Pricing for 20 seats',
  });
  await instanceOf(created.record!.id, 'booked');
}, 120_000);
