import type { Database, Statement } from 'better-sqlite3';

const HOUR_MS = 3_600_000;
/** Longer than the Sync health screen looks back (24 hours), so a restart loses no trend. */
const KEPT_MS = 8 * 24 * HOUR_MS;

/** What Salesforce answered to one call Leadbridge made (a call may be several requests). */
export interface ApiCallSample {
  at: number;
  /** Requests Salesforce answered with its usage figure: those it counts against the org. */
  calls: number;
  /** The org's usage as the last of those answers reported it. */
  orgUsage: { used: number; max: number } | null;
}

export interface ApiUsageHour {
  /** The hour's start, ISO in UTC. */
  hour: string;
  calls: number;
  /** The org's usage as last reported in that hour; null when no answer reported one. */
  orgUsed: number | null;
  orgMax: number | null;
  measuredAt: string | null;
}

interface HourRow {
  hour: string;
  calls: number;
  org_used: number | null;
  org_max: number | null;
  measured_at: string | null;
}

/** Leadbridge's API calls per hour, beside the org's usage, kept for eight days. */
export class ApiUsageHistory {
  readonly #add: Statement<{
    hour: string;
    calls: number;
    used: number | null;
    max: number | null;
    at: string | null;
  }>;
  readonly #prune: Statement<[string]>;
  #lastHour: string | undefined;

  constructor(private readonly db: Database) {
    this.#add = db.prepare(
      `INSERT INTO api_usage_hours (hour, calls, org_used, org_max, measured_at)
       VALUES (@hour, @calls, @used, @max, @at)
       ON CONFLICT (hour) DO UPDATE SET calls = calls + excluded.calls,
         org_used = coalesce(excluded.org_used, org_used),
         org_max = coalesce(excluded.org_max, org_max),
         measured_at = coalesce(excluded.measured_at, measured_at)`,
    );
    this.#prune = db.prepare('DELETE FROM api_usage_hours WHERE hour < ?');
  }

  record(sample: ApiCallSample): void {
    const hour = hourStart(sample.at);
    if (hour !== this.#lastHour) {
      this.#lastHour = hour;
      this.#prune.run(hourStart(sample.at - KEPT_MS));
    }
    this.#add.run({
      hour,
      calls: sample.calls,
      used: sample.orgUsage?.used ?? null,
      max: sample.orgUsage?.max ?? null,
      at: sample.orgUsage ? new Date(sample.at).toISOString() : null,
    });
  }

  /** The hours from the one holding `from` on, oldest first; quiet hours have no row. */
  since(from: number): ApiUsageHour[] {
    const rows = this.db
      .prepare('SELECT * FROM api_usage_hours WHERE hour >= ? ORDER BY hour')
      .all(hourStart(from)) as HourRow[];
    return rows.map((row) => ({
      hour: row.hour,
      calls: row.calls,
      orgUsed: row.org_used,
      orgMax: row.org_max,
      measuredAt: row.measured_at,
    }));
  }

  /** The org's usage as Salesforce last reported it, even before a restart. */
  latestOrgUsage(): { used: number; max: number; measuredAt: string } | null {
    const row = this.db
      .prepare(
        `SELECT org_used, org_max, measured_at FROM api_usage_hours
         WHERE measured_at IS NOT NULL ORDER BY hour DESC LIMIT 1`,
      )
      .get() as Pick<HourRow, 'org_used' | 'org_max' | 'measured_at'> | undefined;
    if (!row || row.org_used === null || row.org_max === null || row.measured_at === null)
      return null;
    return { used: row.org_used, max: row.org_max, measuredAt: row.measured_at };
  }
}

export function hourStart(at: number): string {
  return new Date(Math.floor(at / HOUR_MS) * HOUR_MS).toISOString();
}
