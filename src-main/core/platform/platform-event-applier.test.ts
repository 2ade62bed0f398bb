import { describe, expect, it } from 'vitest';
import type { PlatformEvent, PlatformEventKind } from '../../../src-preload/contract';
import { bookingEvent } from '../../../test/support/booking-events';
import { countCommits } from '../../../test/support/commit-counter';
import { cacheLead, createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import { outboxRows } from '../../../test/support/outbox-rows';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { BookingLedger } from '../bookings/booking-ledger';
import { ActivityLogging } from '../meetings/activity-logging';
import { LeadRepository } from '../store/lead-repository';
import { PlatformEventApplier } from './platform-event-applier';
import { PlatformInbox } from './platform-inbox';

const CALENDAR = { id: 'cal-intro', name: 'Intro call' };
const GUEST = 'guest@example.com';
const START = '2026-11-25T01:00:00.000Z';

const platformEvent = (kind: PlatformEventKind, changes: Partial<PlatformEvent> = {}) =>
  bookingEvent({ kind, ...changes });

const HOST = 'alex.host@leadbridge.demo';

function setup() {
  const store = createMeetingsStore();
  const leads = new LeadRepository(store.db, store.clock);
  const intro = store.meetingTypes.create({
    name: 'Intro call',
    hosts: [HOST],
    calendar: CALENDAR,
  });
  const inbox = new PlatformInbox(store.db, store.clock);
  const notices = { applied: 0 };
  const bookings = new BookingLedger(store.db, store.clock, (input) =>
    store.outbox.enqueueBookingPost(input),
  );
  const activities = new ActivityLogging({
    meetingTypes: store.meetingTypes,
    enqueueCreate: (input) => store.outbox.enqueueCreate(input),
    clock: store.clock,
    timeZone: 'UTC',
  });
  const applier = new PlatformEventApplier({
    db: store.db,
    inbox,
    bookings,
    meetingTypes: store.meetingTypes,
    instances: store.instances,
    leadByEmail: (email) => leads.unconvertedByEmail(email),
    activities,
    log: store.log,
    logger: createRecordingLogger(),
    applied: () => (notices.applied += 1),
  });
  const open = (status: 'initialized' | 'activated', email = GUEST, n = 1) =>
    store.instances.openInstance({
      recordId: leadId(n),
      email,
      meetingTypeId: intro.id,
      status,
      reason: 'Imported',
      cause: { kind: 'channel', id: '7', name: 'Working leads' },
    }).instance;
  /** Delivers events as the intake would (repeats stored once) and applies what is pending. */
  const deliver = (...events: PlatformEvent[]) => {
    for (const event of events) inbox.store(event, Buffer.from(JSON.stringify(event)));
    return applier.applyPending();
  };
  /** The inbox's events, oldest first. */
  const received = () => inbox.list({ query: '', limit: 100, offset: 0 }).events.reverse();
  /** The bookings the ledger holds and the posts it queued. */
  const ledger = () => ({
    bookings: store.db
      .prepare(
        'SELECT status, meeting_type_id AS meetingTypeId, instance_id AS instanceId FROM bookings ORDER BY id',
      )
      .all(),
    posts: outboxRows(store.db).filter((row) => row.kind === 'booking_post').length,
  });
  const statuses = (instanceId: number) =>
    store.instances
      .history(instanceId)
      .map((entry) => entry.to)
      .reverse();
  return {
    ...store,
    leads,
    intro,
    inbox,
    bookings,
    applier,
    notices,
    open,
    deliver,
    received,
    ledger,
    statuses,
  };
}

describe('bookings move the guest’s instance of the calendar’s meeting type', () => {
  it('books the open instance found by the guest’s email, whatever its case, with the time, host and URL, caused by the platform', () => {
    const t = setup();
    const instance = t.open('activated', 'Guest@Example.com');
    t.deliver(
      platformEvent('booked', {
        guest: { ...platformEvent('booked').guest, email: 'GUEST@example.COM' },
      }),
    );
    expect(t.instances.require(instance.id)).toMatchObject({
      status: 'booked',
      bookedStart: START,
      bookedEnd: '2026-11-25T01:30:00.000Z',
      hostEmail: HOST,
      meetingUrl: 'https://meet.example.com/abc',
      lastChange: {
        cause: { kind: 'platform', id: '1', name: 'timerex' },
        reason: 'Booked through TimeRex (booking tr-1).',
      },
    });
    expect(t.received()[0]).toMatchObject({
      state: 'applied',
      outcome: 'Instance booked.',
      meetingType: { id: t.intro.id, name: 'Intro call' },
      instanceId: instance.id,
    });
    expect(t.ledger()).toEqual({
      bookings: [{ status: 'booked', meetingTypeId: t.intro.id, instanceId: instance.id }],
      posts: 1,
    });
    expect(t.notices.applied).toBe(1);
  });

  it('queues no activity-logging Event for a platform booking: the booking settings make that one', () => {
    const t = setup();
    t.open('activated');
    t.deliver(platformEvent('booked'));
    expect(outboxRows(t.db).filter((row) => row.object === 'Event')).toEqual([]);
  });

  it('leaves an instance of another meeting type or email alone', () => {
    const t = setup();
    const other = t.meetingTypes.create({
      name: 'Demo',
      hosts: [HOST],
      calendar: { id: 'cal-demo', name: 'Demo' },
    });
    const demo = t.instances.openInstance({
      recordId: leadId(1),
      email: GUEST,
      meetingTypeId: other.id,
      status: 'activated',
      reason: 'Imported',
      cause: { kind: 'admin' },
    }).instance;
    const someoneElse = t.open('activated', 'grace@example.com', 2);
    t.deliver(platformEvent('booked'));
    expect(t.instances.require(demo.id).status).toBe('activated');
    expect(t.instances.require(someoneElse.id).status).toBe('activated');
  });

  it('starts an instance in booked for the cached unconverted Lead with the guest’s email when none is open', () => {
    const t = setup();
    cacheLead(t.db, leadId(3), 'Ada Lovelace', GUEST);
    t.deliver(platformEvent('booked'));
    const [started] = t.instances.search({ query: '', limit: 10, offset: 0 }).instances;
    expect(started).toMatchObject({
      recordId: leadId(3),
      status: 'booked',
      meetingType: { id: t.intro.id },
    });
    expect(t.received()[0]).toMatchObject({
      outcome: 'Started an instance, booked, for the cached Lead with this email.',
      instanceId: started!.id,
    });
  });

  it('starts none for a converted Lead’s email: the instance waits for the booking’s record', () => {
    const t = setup();
    cacheLead(t.db, leadId(3), 'Ada Lovelace', GUEST);
    t.db.prepare('UPDATE leads SET is_converted = 1').run();
    t.deliver(platformEvent('booked'));
    expect(t.instances.search({ query: '', limit: 10, offset: 0 }).total).toBe(0);
    expect(t.received()[0]).toMatchObject({
      outcome:
        'No instance or cached Lead has this guest’s email: the instance starts once the booking is posted.',
      instanceId: null,
    });
  });

  it('starts the instance in booked for the record a booking was posted to, once, and not for a cancelled booking', async () => {
    const t = setup();
    t.bookings.onPosted((posted) => t.applier.bookingPosted(posted));
    const changed: number[] = [];
    t.instances.onChanged((changes) => changed.push(...changes.map((c) => c.instanceId)));
    /** What the poster does once Salesforce answered: the outcome, in its transaction. */
    const posted = (bookingId: number, record: { kind: 'lead' | 'contact'; id: string }) =>
      t.db.transaction(() =>
        t.bookings.recordOutcome(bookingId, {
          outcome: 'created',
          record,
          error: null,
          eventItemId: null,
        }),
      )();
    t.deliver(platformEvent('booked'));
    expect(t.instances.search({ query: '', limit: 10, offset: 0 }).total).toBe(0);
    const contact = { kind: 'contact' as const, id: '003000000000001AAA' };
    posted(1, contact);
    posted(1, contact);
    await Promise.resolve();
    const { instances } = t.instances.search({ query: '', limit: 10, offset: 0 });
    expect(instances).toEqual([
      expect.objectContaining({
        recordId: contact.id,
        recordKind: 'contact',
        status: 'booked',
        hostEmail: HOST,
        lastChange: expect.objectContaining({
          cause: { kind: 'platform', id: null, name: 'timerex' },
        }),
      }),
    ]);
    expect(changed).toEqual([instances[0]!.id]);
    expect(t.ledger().bookings).toEqual([
      { status: 'booked', meetingTypeId: t.intro.id, instanceId: instances[0]!.id },
    ]);

    t.deliver(
      platformEvent('booked', { externalId: 'tr-2' }),
      platformEvent('cancelled', { externalId: 'tr-2' }),
    );
    posted(2, { kind: 'lead', id: leadId(9) });
    expect(t.instances.search({ query: '', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('starts no second instance when the posted record is not the one the booking already moved', () => {
    const t = setup();
    t.bookings.onPosted((posted) => t.applier.bookingPosted(posted));
    const instance = t.open('activated');
    t.deliver(platformEvent('booked'));
    t.db.transaction(() =>
      t.bookings.recordOutcome(1, {
        outcome: 'created',
        record: { kind: 'contact', id: '003000000000001AAA' },
        error: null,
        eventItemId: null,
      }),
    )();
    expect(
      t.instances.search({ query: '', limit: 10, offset: 0 }).instances.map((i) => i.id),
    ).toEqual([instance.id]);
  });

  it('moves nothing for a calendar no meeting type is mapped to, yet records the booking', () => {
    const t = setup();
    const instance = t.open('activated');
    t.deliver(platformEvent('booked', { calendar: { id: 'cal-unknown', name: 'Sales' } }));
    expect(t.instances.require(instance.id).status).toBe('activated');
    expect(t.ledger()).toEqual({
      bookings: [{ status: 'booked', meetingTypeId: null, instanceId: null }],
      posts: 1,
    });
    expect(t.received()[0]).toMatchObject({
      outcome: 'No meeting type is mapped to the calendar “Sales”: no instance moved.',
      meetingType: null,
      instanceId: null,
    });
  });

  it('takes the calendar’s live meeting type: an archived one is passed over, of two the older', () => {
    const t = setup();
    const newer = t.meetingTypes.create({
      name: 'Intro call, second',
      hosts: [HOST],
      calendar: CALENDAR,
    });
    t.admin.archiveMeetingType(t.intro.id);
    t.deliver(platformEvent('invite_sent', { externalId: 'a-1' }));
    expect(t.received()[0]).toMatchObject({ meetingType: { id: newer.id } });
    t.meetingTypes.create({
      name: 'Intro call, third',
      hosts: [HOST],
      calendar: CALENDAR,
    });
    t.deliver(platformEvent('invite_sent', { externalId: 'a-2' }));
    expect(t.received()[1]).toMatchObject({ meetingType: { id: newer.id } });
  });

  it('reschedules a booked instance to the new time, also under a new booking id that names the old one', () => {
    const t = setup();
    const instance = t.open('activated');
    t.deliver(platformEvent('booked'));
    t.deliver(
      platformEvent('rescheduled', {
        start: '2026-12-04T10:00:00.000Z',
        end: '2026-12-04T10:30:00.000Z',
      }),
    );
    expect(t.instances.require(instance.id)).toMatchObject({
      status: 'rescheduled',
      bookedStart: '2026-12-04T10:00:00.000Z',
    });
    expect(t.statuses(instance.id)).toEqual(['activated', 'booked', 'rescheduled']);
  });

  it('follows a reschedule under a new booking id to the instance the old id booked, whatever email it carries', () => {
    const t = setup();
    const instance = t.open('activated');
    const calendly = { source: 'calendly' as const };
    // Calendly: the old invitee "moved" (no time yet), the new one created naming it.
    t.deliver(
      platformEvent('booked', { ...calendly, externalId: 'inv-0' }),
      platformEvent('rescheduled', { ...calendly, externalId: 'inv-0', start: null, end: null }),
      platformEvent('rescheduled', {
        ...calendly,
        externalId: 'inv-2',
        rescheduledFrom: 'inv-0',
        start: '2026-12-05T10:00:00.000Z',
        end: '2026-12-05T10:30:00.000Z',
        guest: { ...platformEvent('booked').guest, email: 'ada.new@example.com' },
      }),
    );
    expect(t.instances.require(instance.id)).toMatchObject({
      status: 'rescheduled',
      bookedStart: '2026-12-05T10:00:00.000Z',
    });
    expect(t.statuses(instance.id)).toEqual(['activated', 'booked', 'rescheduled']);
    expect(t.received()[1]!.outcome).toBe(
      'The booking was moved; its new time comes with the next event.',
    );
  });

  it('leaves a booked instance as it is when the guest books another slot under another booking id', () => {
    const t = setup();
    const instance = t.open('activated');
    t.deliver(platformEvent('booked'));
    t.deliver(
      platformEvent('booked', {
        externalId: 'booking-2',
        start: '2026-12-09T15:00:00.000Z',
        end: '2026-12-09T15:30:00.000Z',
      }),
    );
    expect(t.instances.require(instance.id)).toMatchObject({
      status: 'booked',
      bookedStart: START,
    });
    expect(t.received()[1]).toMatchObject({
      outcome: 'The “Intro call” instance is already booked: left as it is.',
      instanceId: null,
    });
  });

  it.each(['cancelled', 'no_show', 'completed'] as const)(
    'closes a booked instance as %s',
    (kind) => {
      const t = setup();
      const instance = t.open('activated');
      t.deliver(platformEvent('booked'), platformEvent(kind));
      expect(t.statuses(instance.id)).toEqual(['activated', 'booked', kind]);
    },
  );

  it('marks an event failed, with the code and sentence, when its instance cannot move, and still records the booking', () => {
    const t = setup();
    cacheLead(t.db, 'not-an-id', 'Broken', GUEST);
    t.deliver(platformEvent('booked'));
    expect(t.received()[0]).toMatchObject({
      state: 'failed',
      error: { code: 'INSTANCE_RECORD_INVALID' },
    });
    expect(t.ledger().posts).toBe(1);
  });
});

describe('a burst of events', () => {
  it('commits once per batch, each event in a savepoint of its own: one that fails leaves the others applied', () => {
    const t = setup();
    const guests = ['one@example.com', 'broken@example.com', 'three@example.com'];
    const opened = [t.open('activated', guests[0], 1), t.open('activated', guests[2], 3)];
    cacheLead(t.db, 'not-an-id', 'Broken', guests[1]!);
    const commits = countCommits(t.db);
    t.deliver(
      ...guests.map((email, n) =>
        platformEvent('booked', {
          externalId: `burst-${n}`,
          guest: { ...platformEvent('booked').guest, email },
        }),
      ),
    );
    expect(commits.count).toBe(1);
    expect(t.received().map((row) => row.state)).toEqual(['applied', 'failed', 'applied']);
    expect(t.ledger().posts).toBe(3);
    expect(opened.map((instance) => t.instances.get(instance.id)?.status)).toEqual([
      'booked',
      'booked',
    ]);
  });
});

describe('invite and email attempts', () => {
  it('moves activated to invited on the first invite, and makes each attempt one Task keyed by its event', () => {
    const t = setup();
    const instance = t.open('activated');
    const attempt = (kind: PlatformEventKind, externalId: string) =>
      platformEvent(kind, { source: 'generic', externalId });
    t.deliver(
      attempt('invite_sent', 'a-1'),
      attempt('email_sent', 'a-2'),
      attempt('invite_sent', 'a-3'),
    );
    expect(t.statuses(instance.id)).toEqual(['activated', 'invited']);
    expect(t.instances.require(instance.id).lastChange.cause).toEqual({
      kind: 'platform',
      id: '1',
      name: 'generic',
    });
    expect(
      outboxRows(t.db).map((row) => [row.object, row.idempotencyKey, row.values.Subject]),
    ).toEqual([
      ['Task', 'task:platform:generic:a-1:invite_sent', 'Meeting invite: Intro call'],
      ['Task', 'task:platform:generic:a-2:email_sent', 'Email: Intro call'],
      ['Task', 'task:platform:generic:a-3:invite_sent', 'Meeting invite: Intro call'],
    ]);
    expect(t.received().map((row) => row.outcome)).toEqual([
      'Invite recorded, instance invited, Task queued.',
      'Email recorded, Task queued.',
      'Invite recorded, Task queued.',
    ]);
    expect(t.ledger()).toEqual({ bookings: [], posts: 0 });
  });

  it('records nothing for a guest with no open instance', () => {
    const t = setup();
    t.deliver(platformEvent('invite_sent'));
    expect(outboxRows(t.db)).toEqual([]);
    expect(t.received()[0]).toMatchObject({ state: 'applied', instanceId: null });
  });
});

describe('out of order and repeated deliveries', () => {
  const booked = platformEvent('booked');
  const cancelled = platformEvent('cancelled');
  const orders: [string, PlatformEvent[][], string[]][] = [
    [
      'three confirms, then the cancel',
      [[booked], [booked], [booked, cancelled]],
      ['activated', 'booked', 'cancelled'],
    ],
    [
      'a confirm, the cancel, two late confirms',
      [[booked], [cancelled], [booked], [booked]],
      ['activated', 'booked', 'cancelled'],
    ],
    [
      'the cancel before any confirm',
      [[cancelled], [booked], [booked, booked]],
      ['activated', 'booked', 'cancelled'],
    ],
    [
      'all in one batch, cancel in the middle',
      [[booked, booked, cancelled, booked]],
      ['activated', 'booked', 'cancelled'],
    ],
  ];

  it.each(orders)(
    '%s: one instance change per real transition, the final state right',
    (_, rounds, expected) => {
      const t = setup();
      const instance = t.open('activated');
      for (const round of rounds) t.deliver(...round);
      expect(t.statuses(instance.id)).toEqual(expected);
      // Each stored event reached the ledger once: a repeat is not stored again.
      // One booking, cancelled, and one post whatever the order.
      expect(t.ledger()).toEqual({
        bookings: [{ status: 'cancelled', meetingTypeId: t.intro.id, instanceId: instance.id }],
        posts: 1,
      });
      expect(t.received().every((row) => row.state === 'applied')).toBe(true);
    },
  );

  it('a confirm after its cancel books and cancels at once, and says so', () => {
    const t = setup();
    t.open('activated');
    t.deliver(cancelled, booked);
    expect(t.received().map((row) => row.outcome)).toEqual([
      'No booked “Intro call” instance has this guest’s email: no instance moved.',
      'Instance booked, and cancelled: the cancel arrived first.',
    ]);
  });
});
