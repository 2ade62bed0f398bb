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
import {
  startDemoScheduler,
  type DemoSchedulerHandle,
  type Delivery,
} from '../../../src-main/demo-scheduler';
import { slotDays } from '../../../src-main/demo-scheduler/slots';
import { answerConsent } from '../../support/demo-consent';
import { freePort } from '../../support/free-port';
import {
  ensureHeadlessBuild,
  spawnHeadless,
  type HeadlessProcess,
} from '../../support/headless-process';
import { turnReceiverOn } from '../../support/receiver-on';
import { makeTempDirectory } from '../../support/temp-directory';
import {
  HOST_EMAIL,
  orgRecordsWhere,
  outboxSettled,
  syncSettled,
  type ContractCall,
} from '../../support/writeback-trials';
import { until } from '../../support/poll-until';

// The built headless host, SIGKILLed at seeded random moments while guests book on the demo
// scheduler, whose TimeRex-shaped webhooks are retried until answered 2xx (as TimeRex does;
// time compressed to milliseconds), restarted on the same data directory each time. Every
// guest is new: one Lead created, one Event on it, one instance booked. Set
// LEADBRIDGE_WEBHOOK_CRASH_SEED to replay a failing run.
const SEED = process.env.LEADBRIDGE_WEBHOOK_CRASH_SEED ?? 'webhook-crash-1';
const BOOKINGS = 150;
const KILLS = 4;
const BOOKING_LANES = 4;
const TIMEREX_TOKEN = 'webhook-crash-timerex-token';
const CALENDAR = { id: 'crash-trial-call', name: 'Crash trial call' };

const temp = makeTempDirectory('lb-webhook-crash');
const databaseFile = path.join(temp.path, 'data', 'leadbridge.db');
const random = seededRandom(SEED);
let org: DemoOrgHandle;
let scheduler: DemoSchedulerHandle;
let host: HeadlessProcess | undefined;
const timeline: string[] = [];

beforeAll(async () => {
  ensureHeadlessBuild();
  org = await startDemoOrg({ leads: 20, seed: SEED });
}, 120_000);

afterAll(async () => {
  await scheduler?.close();
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

/** What the dead host's file holds: its inbox (platform id → state), and posts in flight. */
function deadHostFile(): { stored: Map<string, string>; postsInFlight: number } {
  const db = new BetterSqlite3(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT external_id AS id, state FROM platform_events').all() as {
      id: string;
      state: string;
    }[];
    const inFlight = db
      .prepare(
        "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'booking_post' AND in_flight_since IS NOT NULL",
      )
      .get() as { n: number };
    return { stored: new Map(rows.map((row) => [row.id, row.state])), postsInFlight: inFlight.n };
  } finally {
    db.close();
  }
}

/** Record-creating calls (collections POST) the org has answered so far. */
const answeredCreates = () =>
  org
    .requests()
    .filter(
      (request) =>
        request.method === 'POST' &&
        request.path.endsWith('/composite/sobjects') &&
        request.status > 0,
    ).length;

/** Connected to the org, a meeting type on the calendar, its bookings posted to new Leads. */
async function setUp(receiverPort: number): Promise<void> {
  const { authorizeUrl } = await call<{ authorizeUrl: string }>('connection:connect', {
    org: 'demo',
  });
  const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
  const landed = await fetch(`${host!.origin}${callback.pathname}${callback.search}`);
  expect(landed.ok).toBe(true);
  await syncSettled(call);
  await call('meeting-types:create', {
    name: CALENDAR.name,
    hosts: [HOST_EMAIL],
    calendar: CALENDAR,
  });
  await call('booking-settings:save', {
    calendarId: CALENDAR.id,
    objectToLink: 'lead',
    createWhenMissing: true,
    overwriteWhenFound: false,
    createEvent: true,
    leadMapping: [
      { field: 'LastName', source: { kind: 'booking', field: 'guest_last_name' } },
      { field: 'Email', source: { kind: 'booking', field: 'guest_email' } },
      { field: 'Company', source: { kind: 'booking', field: 'guest_company' } },
    ],
    contactMapping: [],
  });
  await call('platform:set-secret', { name: 'timerex_token', value: TIMEREX_TOKEN });
  await turnReceiverOn(call, receiverPort);
}

/** Guests book the calendar's free slots on its booking page, a few at a time. */
async function bookAsGuests(emails: readonly string[]): Promise<void> {
  const [calendar] = scheduler.calendars;
  const slots = slotDays(calendar!, Date.now(), 30, new Set())
    .flatMap((day) => day.slots)
    .map((slot) => slot.startMs);
  if (slots.length < emails.length) throw new Error(`only ${slots.length} slots`);
  let next = 0;
  const lane = async () => {
    while (next < emails.length) {
      const n = next;
      next += 1;
      const answer = await fetch(`${scheduler.url}/book/${CALENDAR.id}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          slot: String(slots[n]),
          name: `Guest Number ${n}`,
          email: emails[n]!,
          company: `Company ${n}`,
          answer: 'Pricing',
        }).toString(),
      });
      if (answer.status !== 303) throw new Error(`booking ${n} answered ${answer.status}`);
      await sleep(10);
    }
  };
  await Promise.all(Array.from({ length: BOOKING_LANES }, lane));
}

const delivered = (delivery: Delivery, before = Infinity) =>
  delivery.attempts.some(
    (attempt) =>
      attempt.status !== null &&
      attempt.status >= 200 &&
      attempt.status < 300 &&
      Date.parse(attempt.at) < before,
  );

/** The platform ids of the bookings whose webhook an attempt started before `moment` got 2xx. */
const acceptedBefore = (moment: number) =>
  scheduler
    .state()
    .deliveries.filter((delivery) => delivered(delivery, moment))
    .map((delivery) => delivery.bookingId!);

/** Keys seen other than exactly once, as "key ×n". */
function notOnce(keys: readonly string[], expected: readonly string[]): string[] {
  const counts = new Map(expected.map((key) => [key, 0]));
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].filter(([, n]) => n !== 1).map(([key, n]) => `${key} ×${n}`);
}

describe(`webhooks across SIGKILLs of the built headless host (seed ${SEED})`, () => {
  it('loses no webhook answered 2xx and processes each booking exactly once', async () => {
    const receiverPort = await freePort();
    host = await launch();
    await setUp(receiverPort);
    scheduler = await startDemoScheduler({
      calendars: [{ ...CALENDAR, hosts: [{ email: HOST_EMAIL, name: 'Alex Host' }] }],
      leadbridge: { hooksUrl: `http://127.0.0.1:${receiverPort}`, timerexToken: TIMEREX_TOKEN },
      bookingDays: 30,
      retry: { timeoutMs: 5_000, firstDelayMs: 50, factor: 2, maxDelayMs: 800, maxAttempts: null },
    });
    // Posting waits on each write, so kills land while bookings are being posted too.
    org.injectFault('slow', { ratio: 1, ms: 60, match: '/composite/sobjects' });

    const emails = Array.from({ length: BOOKINGS }, (_, n) => `guest.${n}@crash-trial.example.com`);
    const booking = bookAsGuests(emails);
    for (let kill = 1; kill <= KILLS; kill += 1) {
      let how: string;
      if (kill % 2 === 1) {
        // While webhooks arrive: a few more accepted, then a random moment.
        const wanted = acceptedBefore(Date.now()).length + 10 + Math.floor(random() * 25);
        await until(`${wanted} webhooks accepted`, () =>
          acceptedBefore(Date.now()).length >= wanted ? true : undefined,
        );
        const delay = Math.floor(random() * 40);
        await sleep(delay);
        how = `${delay} ms after ${wanted} accepted`;
      } else {
        // As the org answers a create: the post is done in Salesforce, not yet in Leadbridge.
        const before = answeredCreates();
        await until('the org to answer a create', () =>
          answeredCreates() > before ? true : undefined,
        );
        how = 'as the org answered a create';
      }
      const killedAt = Date.now();
      expect(await host.kill('SIGKILL')).toBe('SIGKILL');
      // Attempts cut off by the kill come back (reset) before the file is read.
      await sleep(50);
      const { stored, postsInFlight } = deadHostFile();
      const accepted = acceptedBefore(killedAt);
      timeline.push(
        `kill ${kill} ${how}: ${accepted.length} answered 2xx, ${stored.size} stored, ${[...stored.values()].filter((state) => state === 'pending').length} not applied, ${postsInFlight} posts in flight`,
      );
      // Answered 2xx means committed: the kill may not take one back.
      expect(
        accepted.filter((id) => !stored.has(id)),
        timeline.join('\n'),
      ).toEqual([]);
      host = await launch();
    }
    await booking;
    await until(
      'every webhook delivered',
      () =>
        scheduler.state().deliveries.every((delivery) => delivered(delivery)) ? true : undefined,
      30_000,
    );
    org.clearFaults();
    const deliveries = scheduler.state().deliveries;
    const ids = deliveries.map((delivery) => delivery.bookingId!);
    timeline.push(
      `delivered ${deliveries.length} webhooks in ${deliveries.reduce((sum, d) => sum + d.attempts.length, 0)} attempts`,
    );

    await until('every stored webhook applied', async () => {
      const status = await call<PlatformStatus>('platform:status');
      return status.received.pending === 0 ? status : undefined;
    });
    await outboxSettled(call);

    const { stored } = deadHostFile();
    expect(stored.size, timeline.join('\n')).toBe(BOOKINGS);
    expect(
      ids.filter((id) => stored.get(id) !== 'applied'),
      timeline.join('\n'),
    ).toEqual([]);

    const { bookings, total } = await call<{ bookings: BookingSummary[]; total: number }>(
      'bookings:list',
      { limit: 500 },
    );
    expect(total).toBe(BOOKINGS);
    expect(bookings.filter((summary) => summary.outcome !== 'created')).toEqual([]);

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

    // Leadbridge's side: one booked instance a Lead.
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
