// Benchmark: booking posting (issue 12). Run with `npm run bench:bookings`. Prints figures; it
// is not a timed test. The demo org runs in a child process; the core is driven through the
// contract, and the bookings are recorded as the platform event applier records them.
//
// Posting: 1,000 bookings (half new guests, half guests who are existing Leads) posted with
// settings that create a Lead when none has the email, overwrite the mapped fields of one
// that does (the host's User as owner) and register an Event: the look-ups, creates,
// overwrites, the User look-up and the Events, counted from the org's request log, next to the
// one-by-one pattern (a look-up, a write and an Event per booking: 3 a booking).
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BookingLedger } from '../../src-main/core/bookings/booking-ledger';
import { EchoGuard } from '../../src-main/core/channels/echo-guard';
import { systemClock } from '../../src-main/core/ports';
import { Outbox } from '../../src-main/core/writeback/outbox';
import type { BookingSummary } from '../../src-preload/contract';
import { bookingEvent } from '../support/booking-events';
import { leadSettings } from '../support/booking-fixture';
import { syncNow } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import { coreCaller, HOST_EMAIL, outboxSettled } from '../support/writeback-trials';
import { callKinds, type LoggedRequest } from './call-kinds';
import { printFigures } from './figure-table';
import { signedInCore } from './signed-in-core';
import { startOrgProcess } from './org-process';

const BOOKINGS = 1_000;
const ONE_BY_ONE_CALLS = 3 * BOOKINGS;

async function postingFigures(): Promise<[string, string, string][]> {
  const org = await startOrgProcess(BOOKINGS, 'bookings-bench');
  const { core } = await signedInCore(org.url);
  const db = new BetterSqlite3(path.join(core.dataDirectory, 'leadbridge.db'));
  db.pragma('busy_timeout = 5000');
  try {
    const imported = await syncNow(core);
    if (imported.state !== 'idle') throw new Error(`import failed: ${imported.message}`);
    const call = coreCaller(core);
    const settings = leadSettings({ overwriteWhenFound: true });
    settings.leadMapping.push({
      field: 'OwnerId',
      source: { kind: 'booking', field: 'host_user' },
    });
    await call('booking-settings:save', settings);

    const existing = core.leads
      .search('', BOOKINGS, 0)
      .leads.filter((lead) => !lead.isConverted && lead.email)
      .slice(0, BOOKINGS / 2);
    if (existing.length < BOOKINGS / 2) throw new Error(`only ${existing.length} Leads`);
    // Existing guests on even indexes, new ones on odd: every batch looks up both.
    const events = Array.from({ length: BOOKINGS }, (_, index) =>
      bookingEvent({
        externalId: `bench-${index}`,
        hosts: [{ email: HOST_EMAIL, name: 'Alex Host' }],
        guest: {
          email:
            index % 2 === 0
              ? existing[index / 2]!.email!
              : `new.guest.${index}@bookings-bench.example`,
          firstName: 'Guest',
          lastName: `Number ${index}`,
          company: `Company ${index}`,
          phone: null,
        },
      }),
    );

    // Recorded in one transaction while the sync is paused, so the count is one burst.
    await call('sync:pause');
    const outbox = new Outbox(db, systemClock, new EchoGuard(db), () => core.outboxWorker.kick());
    const ledger = new BookingLedger(db, systemClock, (input) => outbox.enqueueBookingPost(input));
    db.transaction(() =>
      events.forEach((event, index) => ledger.recordEvent(event, null, index + 1)),
    )();
    await admin(org.url, 'DELETE', 'requests');
    const started = performance.now();
    await call('sync:resume');
    await outboxSettled(call, 300_000);
    const postMs = performance.now() - started;
    const { requests } = (await admin(org.url, 'GET', 'requests')) as {
      requests: LoggedRequest[];
    };
    // The sync that the resume starts reads Leads through queryAll: its call is not posting's.
    const posting = requests.filter(
      (r) => !(r.path.endsWith('/queryAll') && decodeURIComponent(r.query).includes('FROM Lead')),
    );
    const { counts } = await call<{ counts: Record<BookingSummary['outcome'], number> }>(
      'bookings:list',
      { limit: 1 },
    );
    if (counts.created !== BOOKINGS / 2 || counts.updated !== BOOKINGS / 2)
      throw new Error(`outcomes: ${JSON.stringify(counts)}`);
    return [
      [
        `API calls, ${BOOKINGS.toLocaleString('en-US')} bookings posted (half new guests) + 1 Event each`,
        `${posting.length} calls`,
        '≤ 30',
      ],
      ['  of which', callKinds(posting), ''],
      [
        'The same one by one (a look-up, a write and an Event each)',
        `${ONE_BY_ONE_CALLS.toLocaleString('en-US')} calls`,
        '',
      ],
      [
        `Posting time, ${BOOKINGS.toLocaleString('en-US')} bookings`,
        `${(postMs / 1000).toFixed(2)} s`,
        '',
      ],
      [
        'Posting rate',
        `${Math.round(BOOKINGS / (postMs / 1000)).toLocaleString('en-US')} bookings/s`,
        '',
      ],
    ];
  } finally {
    db.close();
    core.dispose();
    await org.stop();
  }
}

printFigures(`Booking posting, Node ${process.version}`, await postingFigures());
