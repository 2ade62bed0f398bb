import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { ApiUsageHistory } from './api-usage-history';
import { applyMigrations } from './migrations';
import { migrations } from './schema';

const HOUR = 3_600_000;
const start = Date.parse('2026-11-30T12:00:00Z');

function history() {
  const db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  return new ApiUsageHistory(db);
}

it('adds up the calls of an hour and keeps the org’s latest figure of it, even from a call that reported none after', () => {
  const usage = history();
  usage.record({ at: start + 60_000, calls: 2, orgUsage: { used: 100, max: 1_000 } });
  usage.record({ at: start + 120_000, calls: 1, orgUsage: { used: 103, max: 1_000 } });
  usage.record({ at: start + 180_000, calls: 1, orgUsage: null });
  usage.record({ at: start + HOUR, calls: 5, orgUsage: null });
  expect(usage.since(start)).toEqual([
    {
      hour: '2026-11-30T12:00:00.000Z',
      calls: 4,
      orgUsed: 103,
      orgMax: 1_000,
      measuredAt: '2026-11-30T12:02:00.000Z',
    },
    { hour: '2026-11-30T13:00:00.000Z', calls: 5, orgUsed: null, orgMax: null, measuredAt: null },
  ]);
  expect(usage.latestOrgUsage()).toEqual({
    used: 103,
    max: 1_000,
    measuredAt: '2026-11-30T12:02:00.000Z',
  });
});

it('forgets hours older than eight days as a new hour starts', () => {
  const usage = history();
  usage.record({ at: start, calls: 1, orgUsage: null });
  usage.record({ at: start + 8 * 24 * HOUR - 1, calls: 1, orgUsage: null });
  expect(usage.since(0)).toHaveLength(2);
  usage.record({ at: start + 8 * 24 * HOUR + HOUR, calls: 1, orgUsage: null });
  expect(usage.since(0).map((hour) => hour.hour)).toEqual([
    '2026-12-08T11:00:00.000Z',
    '2026-12-08T13:00:00.000Z',
  ]);
});
