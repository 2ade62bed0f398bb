import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheLead, createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import { makeTempDirectory } from '../../../test/support/temp-directory';
import { LeadRepository } from '../store/lead-repository';
import { InstanceRepository } from './instance-repository';
import { InstanceWrites } from './instance-writes';

const channel = { kind: 'channel', id: '7', name: 'Working leads' } as const;
const platform = { kind: 'platform', id: 'timerex', name: 'TimeRex' } as const;

function setup() {
  const store = createMeetingsStore();
  cacheLead(store.db, leadId(1), 'Ada Lovelace', 'ada@example.com');
  cacheLead(store.db, leadId(2), 'Grace Hopper', 'grace@example.com');
  const intro = store.meetingTypes.create({
    name: 'Intro call',
    hosts: ['rep@example.com'],
    calendar: null,
  });
  const demo = store.meetingTypes.create({
    name: 'Product demo',
    hosts: ['se@example.com'],
    calendar: { id: 'cal-1', name: 'Demo calendar' },
  });
  store.announced.splice(0);
  const open = (n: number, meetingTypeId = intro.id, status = 'initialized' as const) =>
    store.instances.openInstance({
      recordId: leadId(n),
      email: n === 1 ? 'ada@example.com' : 'grace@example.com',
      meetingTypeId,
      status,
      reason: 'Status changed to Working - Contacted',
      cause: channel,
    });
  return { ...store, intro, demo, open };
}

const count = (store: ReturnType<typeof setup>, table: string) =>
  store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();

const temp: { remove(): void }[] = [];
afterEach(() => temp.splice(0).forEach((directory) => directory.remove()));

describe('opening an instance', () => {
  it('starts it with a history entry saying when, why and by what, and logs it with the Lead', () => {
    const store = setup();
    const { instance, created } = store.open(1);
    expect(created).toBe(true);
    expect(instance).toMatchObject({
      recordId: leadId(1),
      recordKind: 'lead',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      meetingType: { id: store.intro.id, name: 'Intro call' },
      status: 'initialized',
      isOpen: true,
      openedAt: '2026-11-22T09:00:00.000Z',
      closedAt: null,
      adminStatuses: ['activated', 'booked', 'deactivated'],
    });
    expect(store.instances.history(instance.id)).toEqual([
      {
        id: expect.any(Number),
        at: '2026-11-22T09:00:00.000Z',
        from: null,
        to: 'initialized',
        reason: 'Status changed to Working - Contacted',
        cause: { kind: 'channel', id: '7', name: 'Working leads' },
      },
    ]);
    expect(store.announced).toEqual([
      expect.objectContaining({
        kind: 'instance.initialized',
        subject: leadId(1),
        details: expect.objectContaining({
          meetingType: 'Intro call',
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          reason: 'Status changed to Working - Contacted',
        }),
      }),
    ]);
  });

  it('returns the open instance unchanged when asked again, writing nothing', () => {
    const store = setup();
    const first = store.open(1);
    const again = store.open(1, store.intro.id, 'activated' as 'initialized');
    expect(again).toEqual({ instance: first.instance, created: false });
    expect(count(store, 'instances')).toBe(1);
    expect(count(store, 'instance_history')).toBe(1);
    expect(store.announced).toHaveLength(1);
    // Another meeting type, or another Lead, is another instance.
    expect(store.open(1, store.demo.id).created).toBe(true);
    expect(store.open(2).created).toBe(true);
  });

  it('keeps one open instance per Lead and type when two connections open it at once', () => {
    const file = `${tempDirectory()}/meetings.db`;
    const a = setupOn(file);
    const b = createMeetingsStore(file);
    const first = a.open(1);
    const second = b.instances.openInstance({
      recordId: leadId(1),
      email: 'ada@example.com',
      meetingTypeId: a.intro.id,
      status: 'activated',
      reason: 'second channel',
      cause: channel,
    });
    expect(second).toEqual({ instance: first.instance, created: false });
    // The index refuses it even when the code is bypassed.
    expect(() =>
      a.db
        .prepare(
          "INSERT INTO instances (record_id, record_kind, meeting_type_id, status, opened_at, changed_at) VALUES (?, 'lead', ?, 'booked', 'x', 'x')",
        )
        .run(leadId(1), a.intro.id),
    ).toThrow(/UNIQUE/);
    a.db.close();
    b.db.close();
  });

  it('keeps one open instance per Lead and type when three processes race for the same Leads', async () => {
    const file = `${tempDirectory()}/race.db`;
    const first = setupOn(file);
    first.db.close();
    const race = () =>
      promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        'test/support/open-instances-process.ts',
        file,
        String(first.intro.id),
        '300',
      ]);
    const results = await Promise.all([race(), race(), race()]);
    const created = results.map((result) => Number(result.stdout));
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(300);
    const check = createMeetingsStore(file);
    expect(
      check.db
        .prepare('SELECT COUNT(*) FROM instances GROUP BY record_id HAVING COUNT(*) > 1')
        .all(),
    ).toEqual([]);
    expect(check.db.prepare('SELECT COUNT(*) FROM instance_history').pluck().get()).toBe(300);
    check.db.close();
  }, 60_000);

  it('starts a new instance once the previous one is closed', () => {
    const store = setup();
    const first = store.open(1).instance;
    store.instances.transition(first.id, 'deactivated', { reason: 'intercepted', cause: channel });
    const next = store.open(1);
    expect(next.created).toBe(true);
    expect(next.instance.id).not.toBe(first.id);
    expect(store.instances.get(first.id)?.status).toBe('deactivated');
  });

  it('refuses an archived meeting type, a status no instance starts in, and a bad record Id', () => {
    const store = setup();
    store.admin.archiveMeetingType(store.demo.id);
    expect(() => store.open(1, store.demo.id)).toThrowError(
      expect.objectContaining({ code: 'MEETING_TYPE_ARCHIVED' }),
    );
    expect(() => store.open(1, store.intro.id, 'completed' as 'initialized')).toThrowError(
      expect.objectContaining({ code: 'INSTANCE_START_INVALID' }),
    );
    expect(() =>
      store.instances.openInstance({
        recordId: "x' OR 1=1",
        email: null,
        meetingTypeId: store.intro.id,
        status: 'initialized',
        reason: 'r',
        cause: channel,
      }),
    ).toThrowError(expect.objectContaining({ code: 'INSTANCE_RECORD_INVALID' }));
    expect(() => store.open(1, 999)).toThrowError(
      expect.objectContaining({ code: 'MEETING_TYPE_NOT_FOUND' }),
    );
    expect(count(store, 'instances')).toBe(0);
  });
});

describe('changing an instance status', () => {
  it('records each change with its cause and keeps the booking facts it brings', () => {
    const store = setup();
    const { instance } = store.open(1, store.intro.id, 'activated' as 'initialized');
    store.clock.advance(60_000);
    store.instances.transition(instance.id, 'booked', {
      reason: 'Booked on TimeRex',
      cause: platform,
      booking: {
        start: '2026-11-25T10:00:00Z',
        end: '2026-11-25T10:30:00Z',
        hostEmail: 'rep@example.com',
        meetingUrl: 'https://meet.example.com/x',
      },
    });
    store.clock.advance(60_000);
    const moved = store.instances.transition(instance.id, 'rescheduled', {
      reason: 'Moved by the prospect',
      cause: platform,
      booking: { start: '2026-11-26T10:00:00Z', end: '2026-11-26T10:30:00Z' },
    });
    expect(moved).toMatchObject({
      status: 'rescheduled',
      bookedStart: '2026-11-26T10:00:00Z',
      hostEmail: 'rep@example.com',
      meetingUrl: 'https://meet.example.com/x',
      lastChange: { from: 'booked', to: 'rescheduled', at: '2026-11-22T09:02:00.000Z' },
    });
    store.clock.advance(60_000);
    const done = store.instances.transition(instance.id, 'completed', {
      reason: 'Meeting held',
      cause: { kind: 'admin' },
    });
    expect(done).toMatchObject({ isOpen: false, closedAt: '2026-11-22T09:03:00.000Z' });
    expect(
      store.instances.history(instance.id).map((h) => [h.from, h.to, h.cause.kind, h.reason]),
    ).toEqual([
      ['rescheduled', 'completed', 'admin', 'Meeting held'],
      ['booked', 'rescheduled', 'platform', 'Moved by the prospect'],
      ['activated', 'booked', 'platform', 'Booked on TimeRex'],
      [null, 'activated', 'channel', 'Status changed to Working - Contacted'],
    ]);
    expect(store.announced.map((e) => e.kind)).toEqual([
      'instance.activated',
      'instance.booked',
      'instance.rescheduled',
      'instance.completed',
    ]);
  });

  it('refuses a transition the machine does not allow and changes nothing', () => {
    const store = setup();
    const { instance } = store.open(1);
    const logged = count(store, 'log');
    expect(() =>
      store.instances.transition(instance.id, 'no_show', { reason: 'r', cause: platform }),
    ).toThrowError(expect.objectContaining({ code: 'INSTANCE_TRANSITION_INVALID' }));
    expect(store.instances.get(instance.id)).toEqual(instance);
    expect(count(store, 'instance_history')).toBe(1);
    expect(count(store, 'log')).toBe(logged);
    expect(() =>
      store.instances.transition(999, 'activated', { reason: 'r', cause: platform }),
    ).toThrowError(expect.objectContaining({ code: 'INSTANCE_NOT_FOUND' }));
  });

  it('keeps the history append-only', () => {
    const store = setup();
    store.open(1);
    expect(() => store.db.prepare("UPDATE instance_history SET reason = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => store.db.prepare('DELETE FROM instance_history').run()).toThrow(/append-only/);
  });

  it('deactivates a Lead’s open instances of one meeting type, or of all', () => {
    const store = setup();
    store.open(1);
    store.open(1, store.demo.id);
    store.open(2);
    const change = { reason: 'Lead converted', cause: { kind: 'system' } } as const;
    expect(store.instances.deactivateOpen(leadId(1), store.demo.id, change)).toHaveLength(1);
    expect(store.instances.openOf(leadId(1)).map((i) => i.meetingType.name)).toEqual([
      'Intro call',
    ]);
    expect(store.instances.deactivateOpen(leadId(1), 'all', change)).toHaveLength(1);
    expect(store.instances.openOf(leadId(1))).toEqual([]);
    expect(store.instances.openOf(leadId(2))).toHaveLength(1);
  });
});

describe('writing inside the caller’s transaction', () => {
  it('commits with the caller’s own rows and shows nothing until published', () => {
    const store = setup();
    const changed: unknown[] = [];
    store.instances.onChanged((changes) => changed.push(...changes));
    const writes = new InstanceWrites();
    store.db
      .transaction(() => {
        store.db.prepare("INSERT INTO sync_state (key, value) VALUES ('cursor', '42')").run();
        store.instances.openInstance(
          {
            recordId: leadId(1),
            email: null,
            meetingTypeId: store.intro.id,
            status: 'activated',
            reason: 'r',
            cause: channel,
          },
          writes,
        );
        expect(store.announced).toEqual([]);
      })
      .immediate();
    expect(store.announced).toEqual([]);
    expect(changed).toEqual([]);
    store.instances.publish(writes);
    expect(store.announced.map((e) => e.kind)).toEqual(['instance.activated']);
    expect(changed).toEqual([expect.objectContaining({ recordId: leadId(1), to: 'activated' })]);
  });

  it('leaves no trace of a rolled-back transaction', () => {
    const store = setup();
    const writes = new InstanceWrites();
    expect(() =>
      store.db
        .transaction(() => {
          store.instances.openInstance(
            {
              recordId: leadId(1),
              email: null,
              meetingTypeId: store.intro.id,
              status: 'activated',
              reason: 'r',
              cause: channel,
            },
            writes,
          );
          throw new Error('the cursor write failed');
        })
        .immediate(),
    ).toThrow('the cursor write failed');
    expect(count(store, 'instances')).toBe(0);
    expect(count(store, 'instance_history')).toBe(0);
    expect(store.announced).toEqual([]);
  });

  it('refuses a batch outside a transaction, where each statement would commit alone', () => {
    const store = setup();
    expect(() =>
      store.instances.openInstance(
        {
          recordId: leadId(1),
          email: null,
          meetingTypeId: store.intro.id,
          status: 'activated',
          reason: 'r',
          cause: channel,
        },
        new InstanceWrites(),
      ),
    ).toThrow(/outside a transaction/);
  });

  it('runs status-entered handlers inside the change, so their failure undoes it', () => {
    const store = setup();
    const { instance } = store.open(1);
    const seen: string[] = [];
    const stop = store.instances.onStatusEntered((entered) => {
      seen.push(`${entered.from}→${entered.to} by ${entered.cause.kind}`);
      expect(store.db.inTransaction).toBe(true);
      if (entered.to === 'deactivated') throw new Error('outbox full');
    });
    store.instances.transition(instance.id, 'activated', { reason: 'r', cause: { kind: 'admin' } });
    expect(() =>
      store.instances.transition(instance.id, 'deactivated', { reason: 'r', cause: channel }),
    ).toThrow('outbox full');
    expect(store.instances.get(instance.id)?.status).toBe('activated');
    expect(seen).toEqual(['initialized→activated by admin', 'activated→deactivated by channel']);
    stop();
  });
});

describe('searching instances', () => {
  it('filters by status, meeting type and Lead, newest change first, in pages', () => {
    const store = setup();
    const ada = store.open(1).instance;
    store.clock.advance(1000);
    store.open(2);
    store.clock.advance(1000);
    store.open(1, store.demo.id);
    store.clock.advance(1000);
    store.instances.transition(ada.id, 'activated', { reason: 'r', cause: channel });

    const ids = (query: Parameters<typeof store.instances.search>[0]) =>
      store.instances.search(query).instances.map((i) => `${i.name}/${i.meetingType.name}`);
    const all = { query: '', limit: 10, offset: 0 };
    expect(ids(all)).toEqual([
      'Ada Lovelace/Intro call',
      'Ada Lovelace/Product demo',
      'Grace Hopper/Intro call',
    ]);
    expect(ids({ ...all, statuses: ['initialized'] })).toEqual([
      'Ada Lovelace/Product demo',
      'Grace Hopper/Intro call',
    ]);
    expect(ids({ ...all, meetingTypeId: store.intro.id })).toEqual([
      'Ada Lovelace/Intro call',
      'Grace Hopper/Intro call',
    ]);
    expect(ids({ ...all, query: 'grace@' })).toEqual(['Grace Hopper/Intro call']);
    expect(ids({ ...all, query: 'lovelace' })).toHaveLength(2);
    expect(ids({ ...all, query: leadId(2) })).toEqual(['Grace Hopper/Intro call']);
    expect(ids({ ...all, query: '%' })).toEqual([]);
    expect(store.instances.search({ ...all, limit: 2, offset: 2 })).toMatchObject({
      total: 3,
      instances: [expect.objectContaining({ name: 'Grace Hopper' })],
    });
  });
});

function tempDirectory(): string {
  const directory = makeTempDirectory('lb-meetings');
  temp.push(directory);
  return directory.path;
}

/** The first connection to a database file, with one meeting type. */
function setupOn(file: string) {
  const store = createMeetingsStore(file);
  const intro = store.meetingTypes.create({
    name: 'Intro call',
    hosts: ['a@b.co'],
    calendar: null,
  });
  const open = (n: number) =>
    store.instances.openInstance({
      recordId: leadId(n),
      email: null,
      meetingTypeId: intro.id,
      status: 'initialized',
      reason: 'first channel',
      cause: channel,
    });
  return { ...store, intro, open };
}

describe('finding a guest’s open instance during the first import', () => {
  it('starts and finds it by its Lead’s email while the import has the Leads’ email index dropped', () => {
    const store = setup();
    const { instance } = store.open(3);
    cacheLead(store.db, leadId(3), 'Hedy Lamarr', 'Hedy@Example.com');
    new LeadRepository(store.db, store.clock).deferIndexes();
    const started = new InstanceRepository(store.db, store.clock, store.log, store.meetingTypes);
    expect(started.findOpenByEmail('hedy@example.com', store.intro.id)?.id).toBe(instance.id);
  });
});
