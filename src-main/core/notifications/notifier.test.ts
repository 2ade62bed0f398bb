import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppNotification } from '../../../src-preload/contract';
import { FakeClock } from '../../../test/support/fake-clock';
import { memorySettingsStore } from '../../../test/support/test-core';
import { SettingsService } from '../settings';
import { LogRepository } from '../store/log-repository';
import { applyMigrations } from '../store/migrations';
import { migrations } from '../store/schema';
import { Notifier } from './notifier';

const MINUTE = 60_000;
const SCHEMA_REASON =
  "Salesforce's Lead fields changed and this channel no longer fits them: Lead has no field Rating. Fix the rule, save, and enable the channel again.";

let db: BetterSqlite3.Database;
let clock: FakeClock;
let log: LogRepository;
let settingsFile: ReturnType<typeof memorySettingsStore>;
let raised: AppNotification[];
let notifier: Notifier;

/** A host start: a fresh notifier over the same log and settings file, as after a restart. */
function start(): void {
  notifier?.stop();
  const settings = new SettingsService(settingsFile);
  notifier = new Notifier({
    log,
    clock,
    memory: {
      load: () => settings.get().notificationsShown,
      save: (notificationsShown) => settings.update({ notificationsShown }),
    },
    raise: (notification) => raised.push(notification),
  });
}

const kinds = () => raised.map((notification) => notification.kind);

function failWrites(count: number, everyMs = 0): void {
  for (let i = 0; i < count; i += 1) {
    if (i > 0) clock.advance(everyMs);
    log.append('writeback.failed', '00Q000000000001AAA', { error: 'FIELD_CUSTOM_VALIDATION' });
  }
}

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  clock = new FakeClock();
  log = new LogRepository(db, clock);
  settingsFile = memorySettingsStore();
  raised = [];
  start();
});

afterEach(() => {
  notifier.stop();
  db.close();
});

describe('reconnect needed', () => {
  it('is told once while the grant stays lost, however often the core says so', () => {
    log.append('connection.reconnect-needed', null, {
      reason: 'Salesforce no longer accepts the sign-in. Open Connection and connect again.',
    });
    log.append('connection.reconnect-needed', null, { reason: 'again' });
    log.append('sync.failed', null, { code: 'RECONNECT_NEEDED' });
    log.append('connection.reconnect-needed', null, { reason: 'and again' });

    expect(raised).toEqual([
      {
        kind: 'reconnect-needed',
        title: 'Reconnect needed',
        body: 'Salesforce no longer accepts the sign-in. Open Connection and connect again. Sync and write-back are paused until then.',
        route: 'connection',
      },
    ]);
  });

  it('is told again when a grant is lost after connecting again', () => {
    log.append('connection.reconnect-needed', null, { reason: 'revoked' });
    log.append('connection.connected', 'dana@demo.example', {});
    log.append('connection.reconnect-needed', null, { reason: 'revoked again' });

    expect(kinds()).toEqual(['reconnect-needed', 'reconnect-needed']);
  });

  it('is not told again after a restart for the same lost grant', () => {
    log.append('connection.reconnect-needed', null, { reason: 'revoked' });
    start();
    // The restored session's first call meets the same refusal.
    log.append('connection.reconnect-needed', null, { reason: 'revoked' });

    expect(kinds()).toEqual(['reconnect-needed']);
  });
});

describe('a channel disabled by a schema change', () => {
  it('is told once per channel turned off, naming the channel and why', () => {
    log.append('channel.disabled', null, {
      channel: 'Hot leads',
      channelId: 1,
      reason: SCHEMA_REASON,
    });
    log.append('channel.disabled', null, {
      channel: 'Webinar',
      channelId: 2,
      reason: SCHEMA_REASON,
    });

    expect(raised).toEqual([
      {
        kind: 'channel-disabled',
        title: 'Channel “Hot leads” turned off',
        body: SCHEMA_REASON,
        route: 'channels',
      },
      expect.objectContaining({ title: 'Channel “Webinar” turned off' }),
    ]);
  });

  it('is not told when an admin turned the channel off', () => {
    log.append('channel.disabled', null, { channel: 'Hot leads', channelId: 1 });

    expect(raised).toEqual([]);
  });
});

describe('write-back failures', () => {
  it('are told once when 5 fail within an hour, not for the ones after', () => {
    failWrites(4, 10 * MINUTE);
    expect(raised).toEqual([]);

    failWrites(1);
    failWrites(20, MINUTE);

    expect(raised).toEqual([
      {
        kind: 'writeback-failures',
        title: 'Writes to Salesforce are failing',
        body: '5 or more writes to Salesforce failed within an hour. Open Outbox to see why, fix the cause, and retry them.',
        route: 'outbox',
      },
    ]);
  });

  it('are not told when the failures are spread over more than an hour', () => {
    failWrites(12, 15 * MINUTE);

    expect(raised).toEqual([]);
  });

  it('are told again only after they fell below the threshold', () => {
    failWrites(5);
    clock.advance(59 * MINUTE);
    failWrites(5);
    expect(kinds()).toEqual(['writeback-failures']);

    // The second five keep it above for an hour more; then it falls below.
    clock.advance(61 * MINUTE);
    failWrites(5);

    expect(kinds()).toEqual(['writeback-failures', 'writeback-failures']);
  });

  it('are told for a burst that comes after a quiet spell, all in one transaction', () => {
    failWrites(5);
    clock.advance(2 * 60 * MINUTE);
    // The worker commits a batch's outcomes at once, then announces them one by one.
    const burst = db.transaction(() =>
      Array.from({ length: 5 }, () => log.insert('writeback.failed', null, {})),
    )();
    log.announce(burst);

    expect(kinds()).toEqual(['writeback-failures', 'writeback-failures']);
  });

  it('are not told again after a restart while still above the threshold', () => {
    failWrites(5);
    start();
    failWrites(1);

    expect(kinds()).toEqual(['writeback-failures']);
  });

  it('are told again after a restart once the window closed while Leadbridge was off', () => {
    failWrites(5);
    notifier.stop();
    clock.advance(3 * 60 * MINUTE);
    start();
    failWrites(5);

    expect(kinds()).toEqual(['writeback-failures', 'writeback-failures']);
  });
});
