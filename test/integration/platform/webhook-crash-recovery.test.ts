import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BookingSummary,
  InstanceSummary,
  PlatformStatus,
} from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { seededRandom } from '../../../src-main/demo-org/prng';
import { answerConsent } from '../../support/demo-consent';
import { genericBooking, genericHeaders, type Webhook } from '../../support/generic-webhooks';
import {
  ensureHeadlessBuild,
  spawnHeadless,
  type HeadlessProcess,
} from '../../support/headless-process';
import { freePort } from '../../support/free-port';
import { RetryingSender } from '../../support/retrying-sender';
import { makeTempDirectory } from '../../support/temp-directory';
import {
  HOST_EMAIL,
  orgRecordsWhere,
  outboxSettled,
  syncSettled,
  until,
  type ContractCall,
} from '../../support/writeback-trials';

// The built headless host, SIGKILLed at seeded random moments while a platform delivers
// bookings to its receiver and retries each until it is answered 2xx (as TimeRex does), and
// restarted on the same data directory each time. Each booking is of a new guest: one Lead
// created, one Event on it, one instance booked. Set LEADBRIDGE_WEBHOOK_CRASH_SEED to replay.
const SEED = process.env.LEADBRIDGE_WEBHOOK_CRASH_SEED ?? 'webhook-crash-1';
const BOOKINGS = 150;
/** Delivered a second time on purpose (a platform that did not see the first 2xx does so). */
const REPEATS = 15;
const KILLS = 3;
const SECRET = 'webhook-crash-generic-secret';
const CALENDAR = { id: 'cal-intro-call', name: 'Intro call' };

const temp = makeTempDirectory('lb-webhook-crash');
const databaseFile = path.join(temp.path, 'data', 'leadbridge.db');
const random = seededRandom(SEED);
let org: DemoOrgHandle;
let host: HeadlessProcess | undefined;
const timeline: string[] = [];

beforeAll(async () => {
  ensureHeadlessBuild();
  org = await startDemoOrg({ leads: 20, seed: SEED });
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGKILL');
  await org?.close();
  temp.remove();
});

const launch = () =>
  spawnHeadless({
    dataDirectory: path.join(temp.path, 'data'),
    secretsKeyFile: path.join(temp.path, 'secrets.key'),
    token: 'webhook-crash-token-0123456789',
    demoOrgUrl: org.url,
  });
const call: ContractCall = (method, input) => host!.call(method, input);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The platform ids the dead host's inbox holds, read from its file as an auditor would. */
function storedIds(): Map<string, string> {
  const db = new BetterSqlite3(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT external_id AS id, state FROM platform_events').all() as {
      id: string;
      state: string;
    }[];
    return new Map(rows.map((row) => [row.id, row.state]));
  } finally {
    db.close();
  }
}

/** Connected to the org, one meeting type on the calendar, bookings posted to new Leads. */
async function setUp(receiverPort: number): Promise<void> {
  const { authorizeUrl } = await call<{ authorizeUrl: string }>('connection:connect', {
    org: 'demo',
  });
  const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
  const landed = await fetch(`${host!.origin}${callback.pathname}${callback.search}`);
  expect(landed.ok).toBe(true);
  await syncSettled(call);
  await call('meeting-types:create', {
    name: 'Intro call',
    hosts: [HOST_EMAIL],
    calendar: CALENDAR,
  });
  await call('booking-settings:save', {
    calendarId: null,
    objectToLink: 'lead',
    createWhenMissing: true,
    overwriteWhenFound: false,
    createEvent: true,
    leadMapping: [
      { field: 'FirstName', source: { kind: 'booking', field: 'guest_first_name' } },
      { field: 'LastName', source: { kind: 'booking', field: 'guest_last_name' } },
      { field: 'Email', source: { kind: 'booking', field: 'guest_email' } },
      { field: 'Company', source: { kind: 'booking', field: 'guest_company' } },
    ],
    contactMapping: [],
  });
  await call('platform:set-secret', { name: 'generic_secret', value: SECRET });
  const status = await call<PlatformStatus>('platform:update', {
    receiver: { enabled: true, port: receiverPort, bindAddress: '127.0.0.1' },
  });
  expect(status.receiver.listening, JSON.stringify(status.receiver.error)).toBe(true);
}

function bookingsOfNewGuests(): { webhooks: Webhook[]; emails: string[] } {
  const webhooks: Webhook[] = [];
  const emails: string[] = [];
  for (let n = 1; n <= BOOKINGS; n += 1) {
    const email = `guest.${n}@crash-trial.example.com`;
    emails.push(email);
    const start = new Date(Date.UTC(2030, 0, 2 + (n % 20), 9 + (n % 8)));
    webhooks.push(
      genericBooking(
        `${SEED}-booking-${n}`,
        CALENDAR,
        { email, firstName: 'Guest', lastName: `Number ${n}`, company: `Company ${n}` },
        start,
        HOST_EMAIL,
      ),
    );
  }
  // Each repeat follows its first delivery a little later in the stream.
  for (let r = 0; r < REPEATS; r += 1) {
    const at = Math.floor(random() * (webhooks.length - 10)) + 10;
    webhooks.splice(at, 0, webhooks[at - 10]!);
  }
  return { webhooks, emails };
}

/** Counts per key: the keys seen other than exactly once, as "key ×n". */
function notOnce(keys: readonly string[], expected: readonly string[]): string[] {
  const counts = new Map(expected.map((key) => [key, 0]));
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].filter(([, n]) => n !== 1).map(([key, n]) => `${key} ×${n}`);
}

describe(`webhooks across SIGKILLs of the built headless host (seed ${SEED})`, () => {
  it('stores every webhook answered 2xx before the kill and processes each exactly once', async () => {
    const receiverPort = await freePort();
    host = await launch();
    await setUp(receiverPort);
    // Posting waits on each write, so kills land while bookings are being posted too.
    org.injectFault('slow', { ratio: 1, ms: 60, match: '/composite/sobjects' });

    const { webhooks, emails } = bookingsOfNewGuests();
    const sender = new RetryingSender({
      url: `http://127.0.0.1:${receiverPort}/hooks/generic`,
      headers: (body) => genericHeaders(SECRET, body),
      concurrency: 4,
      spacingMs: 10,
      firstBackoffMs: 50,
      maxBackoffMs: 800,
      timeoutMs: 5_000,
    });
    const delivered = sender.deliver(webhooks);

    for (let kill = 1; kill <= KILLS; kill += 1) {
      const before = sender.acceptedBefore(performance.now()).length;
      const wanted = before + 10 + Math.floor(random() * 25);
      await until(`${wanted} webhooks accepted`, () =>
        sender.acceptedBefore(performance.now()).length >= wanted ? true : undefined,
      );
      const delay = Math.floor(random() * 40);
      await sleep(delay);
      const killedAt = performance.now();
      expect(await host.kill('SIGKILL')).toBe('SIGKILL');
      const stored = storedIds();
      const accepted = sender.acceptedBefore(killedAt);
      timeline.push(
        `kill ${kill}: ${delay} ms after ${wanted} accepted; ${accepted.length} answered 2xx, ${stored.size} stored`,
      );
      // Answered 2xx means committed: the kill may not take one back.
      expect(
        accepted.filter((id) => !stored.has(id)),
        timeline.join('\n'),
      ).toEqual([]);
      host = await launch();
    }
    await delivered;
    timeline.push(`delivered: ${sender.records.size} webhooks, ${webhooks.length} deliveries`);
    org.clearFaults();

    await until('every stored webhook applied', async () => {
      const status = await call<PlatformStatus>('platform:status');
      return status.received.pending === 0 ? status : undefined;
    });
    await outboxSettled(call);

    const stored = storedIds();
    const ids = webhooks.map((webhook) => webhook.id);
    expect(stored.size, timeline.join('\n')).toBe(BOOKINGS);
    expect(
      [...stored].filter(([, state]) => state !== 'applied'),
      timeline.join('\n'),
    ).toEqual([]);
    expect(ids.filter((id) => !stored.has(id))).toEqual([]);

    const { bookings, total } = await call<{ bookings: BookingSummary[]; total: number }>(
      'bookings:list',
      { limit: 500 },
    );
    expect(total).toBe(BOOKINGS);
    expect(bookings.filter((booking) => booking.outcome !== 'created')).toEqual([]);

    // The org's side: one Lead a guest, one Event a Lead, and no Lead created twice.
    const leads = await orgRecordsWhere(org, 'Lead', ['Id', 'Email'], 'Email', emails);
    expect(
      notOnce(
        leads.map((lead) => String(lead.Email)),
        emails,
      ),
      timeline.join('\n'),
    ).toEqual([]);
    const leadIds = leads.map((lead) => String(lead.Id));
    const events = await orgRecordsWhere(org, 'Event', ['Id', 'WhoId'], 'WhoId', leadIds);
    expect(
      notOnce(
        events.map((event) => String(event.WhoId)),
        leadIds,
      ),
      timeline.join('\n'),
    ).toEqual([]);
    const createdLeads = org
      .requests()
      .flatMap((request) => request.writes?.created ?? [])
      .filter((id) => id.startsWith('00Q'));
    expect(notOnce(createdLeads, leadIds)).toEqual([]);

    // And Leadbridge's side: one booked instance a Lead.
    const { instances } = await call<{ instances: InstanceSummary[] }>('instances:search', {
      query: '',
      statuses: ['booked'],
      limit: 500,
      offset: 0,
    });
    expect(
      notOnce(
        instances.map((instance) => instance.recordId),
        leadIds,
      ),
    ).toEqual([]);
    if (process.env.LEADBRIDGE_CRASH_VERBOSE) console.log(timeline.join('\n'));
  }, 90_000);
});
