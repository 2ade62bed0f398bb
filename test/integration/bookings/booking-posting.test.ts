import { describe, expect, it } from 'vitest';
import { bookingEvent } from '../../support/booking-events';
import { bookingsOf, leadSettings } from '../../support/booking-fixture';
import { admin } from '../../support/demo-org-admin';
import { restQuery } from '../../support/demo-org-rest';
import { useConnectedOutbox } from '../../support/outbox-fixture';

const setup = useConnectedOutbox({ leads: 10, seed: 'booking-posting' });
const core = () => setup.harness.core;

/** A cached live Lead: an existing guest. */
const existingLead = () =>
  core()
    .leads.search('', 100, 0)
    .leads.filter((lead) => !lead.isConverted && lead.email)
    .sort((a, b) => a.id.localeCompare(b.id))[0]!;

const writes = (verb: 'created' | 'updated', object: string) =>
  setup.org
    .requests()
    .flatMap((request) => request.writes?.[verb] ?? [])
    .filter((id) => setup.org.getRecord(object, id) !== undefined);

const newGuest = (email = 'new.guest@example.com') =>
  bookingEvent({
    guest: { email, firstName: 'Mika', lastName: 'Tanaka', company: 'Tanaka Trading', phone: null },
  });

describe('booking posting against the demo org', () => {
  it('a new guest: one Lead created with the mapped fields (assignment rules left on), and its Event', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings());
    const id = await bookings.record(newGuest());
    const summary = await bookings.summary(id);
    expect(summary).toMatchObject({ outcome: 'created', status: 'booked', error: null });
    const lead = setup.org.getRecord('Lead', summary.record!.id)!;
    expect(lead).toMatchObject({
      FirstName: 'Mika',
      LastName: 'Tanaka',
      Company: 'Tanaka Trading',
      Email: 'new.guest@example.com',
      LeadSource: 'Web',
    });
    expect(writes('created', 'Lead')).toEqual([summary.record!.id]);
    const [event] = writes('created', 'Event');
    expect(setup.org.getRecord('Event', event!)).toMatchObject({
      WhoId: summary.record!.id,
      Subject: 'Intro call: Mika Tanaka',
      StartDateTime: expect.stringMatching(/^2026-11-25T01:00:00/),
      Location: 'https://meet.example.com/abc',
    });
    expect(summary.event).toEqual({ state: 'sent', id: event });
    const leadCreate = setup.org
      .requests()
      .find((r) => r.method === 'POST' && r.writes?.created.includes(summary.record!.id));
    expect(leadCreate?.autoAssign).toBeUndefined();
    const logged = await core().handlers['log:list']({
      limit: 50,
      search: 'new.guest@example.com',
    });
    expect(logged.entries.map((entry) => entry.kind)).toContain('booking.posted');
    const listed = await core().handlers['bookings:list']({
      outcomes: ['created'],
      query: 'Tanaka',
      limit: 10,
      offset: 0,
    });
    expect(listed).toMatchObject({ total: 1, counts: { created: 1, failed: 0 } });
    const none = await core().handlers['bookings:list']({
      outcomes: ['failed'],
      query: '',
      limit: 10,
      offset: 0,
    });
    expect(none.total).toBe(0);
  });

  it('tells the Bookings screen when the Event is written, not only when the booking is posted', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings());
    // Each time the screen was told to read a booking again: which, and its Event's state then.
    const told: { bookingId: number; eventState: string }[] = [];
    const eventState = setup.queue.db
      .prepare(
        'SELECT o.state FROM bookings b JOIN outbox o ON o.id = b.event_item_id WHERE b.id = ?',
      )
      .pluck();
    const stop = core().events.subscribe((message) => {
      if (message.event !== 'bookings:changed') return;
      for (const bookingId of message.payload.bookingIds)
        told.push({ bookingId, eventState: String(eventState.get(bookingId) ?? 'none') });
    });
    try {
      const id = await bookings.record(newGuest());
      await core().outboxWorker.idle();
      expect((await bookings.summary(id)).event).toMatchObject({ state: 'sent' });
      expect(told.filter((t) => t.bookingId === id).at(-1)?.eventState).toBe('sent');
    } finally {
      stop();
    }
  });

  it('an existing Lead with overwrite off: left untouched, the Event added', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings());
    const lead = existingLead();
    const id = await bookings.record(newGuest(lead.email!.toUpperCase()));
    expect(await bookings.summary(id)).toMatchObject({
      outcome: 'untouched',
      record: { kind: 'lead', id: lead.id, name: lead.name },
      event: { state: 'sent' },
    });
    expect(writes('created', 'Lead')).toEqual([]);
    expect(writes('updated', 'Lead')).toEqual([]);
    expect(writes('created', 'Event')).toHaveLength(1);
  });

  it('an existing Lead with overwrite on: only the updateable mapped fields written, the email as it was', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ overwriteWhenFound: true, createEvent: false }));
    const lead = existingLead();
    const id = await bookings.record(newGuest(lead.email!));
    expect(await bookings.summary(id)).toMatchObject({ outcome: 'updated', event: null });
    expect(writes('updated', 'Lead')).toEqual([lead.id]);
    expect(setup.org.getRecord('Lead', lead.id)).toMatchObject({
      LastName: 'Tanaka',
      Company: 'Tanaka Trading',
      Email: lead.email,
    });
  });

  it('the org’s assignment rule routes a new Lead, and leaves an overwritten Lead’s owner alone', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ overwriteWhenFound: true, createEvent: false }));
    const lead = existingLead();
    const owner = setup.org.getRecord('Lead', lead.id)!.OwnerId;
    // Another active rep than the Lead's owner and Leadbridge's user: where the rule routes.
    const reps = await restQuery(
      setup.org.url,
      setup.org.issueSession({}).access_token,
      'SELECT Id FROM User WHERE IsActive = true',
    );
    const routedTo = reps
      .map((rep) => String(rep.Id))
      .find((id) => id !== owner && id !== setup.org.demoUserId)!;
    await admin(setup.org.url, 'PUT', 'assignment-rule', { ownerId: routedTo });
    const created = await bookings.summary(await bookings.record(newGuest()));
    const updated = await bookings.summary(
      await bookings.record(bookingEvent({ ...newGuest(lead.email!), externalId: 'tr-2' })),
    );
    expect(setup.org.getRecord('Lead', created.record!.id)!.OwnerId).toBe(routedTo);
    expect(updated.outcome).toBe('updated');
    expect(setup.org.getRecord('Lead', lead.id)!.OwnerId).toBe(owner);
  });

  it('no record and "do nothing": not created, nothing written', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createWhenMissing: false }));
    const id = await bookings.record(newGuest());
    expect(await bookings.summary(id)).toMatchObject({ outcome: 'not_created', record: null });
    expect(setup.org.requests().filter((r) => r.writes)).toEqual([]);
  });

  it('without booking settings the booking fails with what to do; Retry after saving them posts it', async () => {
    const bookings = bookingsOf(setup);
    const id = await bookings.record(newGuest());
    const failed = await bookings.summary(id);
    expect(failed.outcome).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'NO_BOOKING_SETTINGS' });
    expect(failed.error!.message).toMatch(/open Mapping/);
    await bookings.save(leadSettings());
    expect(await core().handlers['bookings:retry']({ bookingIds: [id] })).toEqual({ retried: 1 });
    await core().outboxWorker.idle();
    expect(await bookings.summary(id)).toMatchObject({ outcome: 'created', error: null });
  });

  it('a post whose answer was lost is looked up by email on its retry: one Lead, never two', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    setup.org.injectFault('lost-response', { match: '/composite/sobjects' });
    const id = await bookings.record(newGuest());
    expect((await bookings.summary(id)).outcome).toBe('pending');
    const waiting = await core().handlers['log:list']({
      limit: 50,
      search: 'new.guest@example.com',
    });
    // One entry for the call that failed, whatever number of bookings it carried.
    expect(waiting.entries.map((entry) => entry.kind)).toEqual(['booking.deferred']);
    setup.harness.clock.advance(60_000);
    await Promise.resolve();
    await core().outboxWorker.idle();
    const summary = await bookings.summary(id);
    expect(summary.outcome).toBe('created');
    expect(writes('created', 'Lead')).toEqual([summary.record!.id]);
    const logged = await core().handlers['log:list']({
      limit: 50,
      search: 'new.guest@example.com',
    });
    expect(logged.entries.find((e) => e.kind === 'booking.posted')?.details).toMatchObject({
      foundAfterInterruption: true,
    });
  });

  it('the host as owner: OwnerId is the host’s active User and the create turns assignment rules off', async () => {
    const bookings = bookingsOf(setup);
    const settings = leadSettings();
    settings.leadMapping.push({
      field: 'OwnerId',
      source: { kind: 'booking', field: 'host_user' },
    });
    await bookings.save(settings);
    const host = setup.org.getRecord('User', setup.org.demoUserId)!;
    const id = await bookings.record(
      bookingEvent({ hosts: [{ email: String(host.Email), name: null }] }),
    );
    const summary = await bookings.summary(id);
    expect(setup.org.getRecord('Lead', summary.record!.id)).toMatchObject({
      OwnerId: setup.org.demoUserId,
    });
    const create = setup.org
      .requests()
      .find((r) => r.method === 'POST' && r.writes?.created.includes(summary.record!.id));
    expect(create?.autoAssign).toBe('FALSE');
  });

  it('two bookings of one new guest in a batch: one Lead, the second booking finds it', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    core().sync.pause();
    const first = await bookings.record(newGuest());
    const second = await bookings.record(bookingEvent({ ...newGuest(), externalId: 'tr-2' }));
    core().sync.resume();
    await Promise.resolve();
    await core().outboxWorker.idle();
    const created = await bookings.summary(first);
    expect(created.outcome).toBe('created');
    expect(await bookings.summary(second)).toMatchObject({
      outcome: 'untouched',
      record: created.record,
    });
    expect(writes('created', 'Lead')).toEqual([created.record!.id]);
  });

  it('a converted Lead is not the guest’s record: a new Lead is created', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    const lead = existingLead();
    setup.org.convertLead(lead.id);
    setup.org.clearRequests();
    const id = await bookings.record(newGuest(lead.email!));
    const summary = await bookings.summary(id);
    expect(summary.outcome).toBe('created');
    expect(summary.record!.id).not.toBe(lead.id);
  });

  it('the outcome and the onPosted listeners commit together: a listener that fails leaves the post to be found again, once', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    const changed: number[][] = [];
    core().events.subscribe((message) => {
      if (message.event === 'bookings:changed') changed.push(message.payload.bookingIds);
    });
    const stop = core().bookings.onPosted(() => {
      throw new Error('the applier failed');
    });
    const id = await bookings.record(newGuest());
    expect(await bookings.summary(id)).toMatchObject({
      outcome: 'pending',
      record: null,
      error: { code: 'BOOKING_OUTCOME_NOT_RECORDED' },
    });
    expect(changed).toEqual([]);
    stop();
    const heard: string[] = [];
    core().bookings.onPosted((posted) => heard.push(posted.record.id));
    // Not sent again at once: after the backoff.
    expect(setup.org.requests().filter((r) => r.writes)).toHaveLength(1);
    setup.harness.clock.advance(60_000);
    await Promise.resolve();
    await core().outboxWorker.idle();
    const summary = await bookings.summary(id);
    expect(summary.outcome).toBe('created');
    expect(heard).toEqual([summary.record!.id]);
    expect(writes('created', 'Lead')).toEqual([summary.record!.id]);
    expect(changed).toEqual([[id]]);
  });

  it('posts at most 200 bookings a batch: one look-up and one create call each', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings({ createEvent: false }));
    core().sync.pause();
    const guests = Array.from({ length: 201 }, (_, i) =>
      bookingEvent({ ...newGuest(`guest.${i}@example.com`), externalId: `tr-batch-${i}` }),
    );
    for (const event of guests) await bookings.record(event);
    core().sync.resume();
    await Promise.resolve();
    await core().outboxWorker.idle();
    const calls = setup.org
      .requests()
      .filter((r) => r.path.endsWith('/composite/sobjects') || r.path.endsWith('/query'));
    expect(calls.map((r) => [r.method, r.writes?.created.length ?? null])).toEqual([
      ['GET', null],
      ['POST', 200],
      ['GET', null],
      ['POST', 1],
    ]);
  });

  it('nothing is posted while the sync is paused; resuming posts it', async () => {
    const bookings = bookingsOf(setup);
    await bookings.save(leadSettings());
    core().sync.pause();
    const id = await bookings.record(newGuest());
    expect((await bookings.summary(id)).outcome).toBe('pending');
    expect(setup.org.requests()).toEqual([]);
    core().sync.resume();
    await Promise.resolve();
    await core().outboxWorker.idle();
    expect((await bookings.summary(id)).outcome).toBe('created');
  });
});
