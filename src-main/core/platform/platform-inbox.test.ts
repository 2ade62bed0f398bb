import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PlatformEvent } from '../../../src-preload/contract';
import { FakeClock } from '../../../test/support/fake-clock';
import { preparedPlans } from '../../../test/support/query-plans';
import { applyMigrations } from '../store/migrations';
import { migrations } from '../store/schema';
import { PlatformInbox } from './platform-inbox';

function setup() {
  const db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  const clock = new FakeClock(Date.parse('2026-11-30T09:00:00Z'));
  return { db, clock, inbox: new PlatformInbox(db, clock) };
}

function booking(
  externalId: string,
  email: string,
  kind: PlatformEvent['kind'] = 'booked',
): PlatformEvent {
  return {
    source: 'generic',
    kind,
    externalId,
    occurredAt: '2026-11-30T08:59:00.000Z',
    start: null,
    end: null,
    timezone: null,
    calendar: { id: 'intro', name: 'Intro call' },
    hosts: [],
    guest: { email, firstName: null, lastName: 'Guest', company: null, phone: null },
    answers: [],
    meetingUrl: null,
    rescheduledFrom: null,
  };
}

describe('PlatformInbox', () => {
  it('hands pending events to the applier in the order received, and no longer once applied or failed', () => {
    const { inbox } = setup();
    inbox.store(booking('a', 'a@x.example'), Buffer.from('{}'));
    inbox.store(booking('b', 'b@x.example'), Buffer.from('{}'));
    inbox.store(booking('a', 'a@x.example', 'cancelled'), Buffer.from('{}'));
    expect(inbox.pending(10).map((p) => [p.id, p.event.externalId, p.event.kind])).toEqual([
      [1, 'a', 'booked'],
      [2, 'b', 'booked'],
      [3, 'a', 'cancelled'],
    ]);
    expect(inbox.pending(2).map((p) => p.id)).toEqual([1, 2]);
    inbox.markApplied(1, { outcome: 'Instance booked', meetingTypeId: null, instanceId: 7 });
    inbox.markFailed(2, {
      code: 'NO_MEETING_TYPE',
      message: 'No meeting type has calendar intro.',
    });
    expect(inbox.pending(10).map((p) => p.id)).toEqual([3]);
    expect(inbox.pending(10)[0]?.receivedAt).toBe('2026-11-30T09:00:00.000Z');
  });

  it('lists newest first with outcome, error and meeting type, filtered by state and by email or id', () => {
    const { db, inbox, clock } = setup();
    db.prepare(
      `INSERT INTO meeting_types (name, hosts, calendar_id, calendar_name, created_at, updated_at)
       VALUES ('Intro call', '[]', 'intro', 'Intro call', 'x', 'x')`,
    ).run();
    inbox.store(booking('ext-1', 'Hanako@Example.co.jp'), Buffer.from('{}'));
    clock.advance(1000);
    inbox.store(booking('ext-2', 'jordan@example.com'), Buffer.from('{}'));
    inbox.markApplied(1, { outcome: 'Instance booked', meetingTypeId: 1, instanceId: 5 });
    inbox.markFailed(2, { code: 'X', message: 'Why.' });

    const all = inbox.list({ query: '', limit: 10, offset: 0 });
    expect(all.total).toBe(2);
    expect(all.events.map((e) => e.id)).toEqual([2, 1]);
    expect(all.events[1]).toMatchObject({
      state: 'applied',
      outcome: 'Instance booked',
      error: null,
      meetingType: { id: 1, name: 'Intro call' },
      instanceId: 5,
      event: { externalId: 'ext-1' },
    });
    expect(all.events[0]).toMatchObject({
      state: 'failed',
      error: { code: 'X', message: 'Why.' },
      meetingType: null,
    });
    expect(
      inbox.list({ states: ['failed'], query: '', limit: 10, offset: 0 }).events.map((e) => e.id),
    ).toEqual([2]);
    expect(inbox.list({ query: 'hanako@', limit: 10, offset: 0 }).events.map((e) => e.id)).toEqual([
      1,
    ]);
    expect(inbox.list({ query: 'EXT-2', limit: 10, offset: 0 }).events.map((e) => e.id)).toEqual([
      2,
    ]);
    expect(inbox.list({ query: '', limit: 1, offset: 1 })).toMatchObject({
      total: 2,
      events: [{ id: 1 }],
    });
  });

  it('counts total, pending and failed and the last receipt for platform:status', () => {
    const { inbox, clock } = setup();
    expect(inbox.counts()).toEqual({ total: 0, pending: 0, failed: 0, lastAt: null });
    inbox.store(booking('a', 'a@x.example'), Buffer.from('{}'));
    clock.advance(60_000);
    inbox.store(booking('b', 'b@x.example'), Buffer.from('{}'));
    inbox.store(booking('c', 'c@x.example'), Buffer.from('{}'));
    inbox.markFailed(1, { code: 'X', message: 'Why.' });
    inbox.markApplied(2, { outcome: 'ok', meetingTypeId: null, instanceId: null });
    expect(inbox.counts()).toEqual({
      total: 3,
      pending: 1,
      failed: 1,
      lastAt: '2026-11-30T09:01:00.000Z',
    });
  });

  it('finds what the applier asks about one booking by the booking’s key, never by reading every applied event', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, migrations);
    const clock = new FakeClock(Date.parse('2026-11-30T09:00:00Z'));
    const statements = preparedPlans(db, () => new PlatformInbox(db, clock));
    const perBooking = statements.filter((statement) =>
      /WHERE source = \? AND external_id = \?/.test(statement.sql),
    );
    expect(perBooking).toHaveLength(3);
    for (const { sql, plan } of perBooking) {
      expect(plan, sql).toContain('sqlite_autoindex_platform_events_1 (source=? AND external_id=?');
    }
  });
});
