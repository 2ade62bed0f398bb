import BetterSqlite3 from 'better-sqlite3';
import type { LogEntry } from '../../src-preload/contract';
import { EchoGuard } from '../../src-main/core/channels/echo-guard';
import { ActivityLogging } from '../../src-main/core/meetings/activity-logging';
import { InstanceRepository } from '../../src-main/core/meetings/instance-repository';
import { MeetingAdmin } from '../../src-main/core/meetings/meeting-admin';
import { MeetingTypeRepository } from '../../src-main/core/meetings/meeting-type-repository';
import { applyMigrations } from '../../src-main/core/store/migrations';
import { LogRepository } from '../../src-main/core/store/log-repository';
import { migrations } from '../../src-main/core/store/schema';
import { Outbox } from '../../src-main/core/writeback/outbox';
import { FakeClock } from './fake-clock';

/**
 * The meetings store on a migrated database (in memory unless a file is given), with a
 * clock the test moves, every log entry announced so far, and the outbox activity logging
 * queues into (no worker drains it).
 */
export function createMeetingsStore(file = ':memory:', clock = new FakeClock()) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, migrations);
  const log = new LogRepository(db, clock);
  const announced: LogEntry[] = [];
  log.onAppended((entry) => announced.push(entry));
  const meetingTypes = new MeetingTypeRepository(db, clock, log);
  const instances = new InstanceRepository(db, clock, log, meetingTypes);
  const outbox = new Outbox(db, clock, new EchoGuard(db), () => {});
  const activities = new ActivityLogging({
    meetingTypes,
    enqueueCreate: (input) => outbox.enqueueCreate(input),
    clock,
    timeZone: 'UTC',
  });
  instances.onStatusEntered((entered) => activities.onStatusEntered(entered));
  const admin = new MeetingAdmin(meetingTypes, instances, log, activities);
  return { db, clock, log, announced, meetingTypes, instances, admin, outbox };
}

/** A Lead in the cache, so instances show its name. */
export function cacheLead(db: BetterSqlite3.Database, id: string, name: string, email: string) {
  db.prepare(
    "INSERT INTO leads (id, system_modstamp, name, email, fields) VALUES (?, '2026-11-01T00:00:00.000+0000', ?, ?, '{}')",
  ).run(id, name, email);
}

export const leadId = (n: number) => `00Q${String(n).padStart(15, '0')}`;
