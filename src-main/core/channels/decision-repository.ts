import type { Database, Statement } from 'better-sqlite3';
import type { ChannelDecision } from '../../../src-preload/contract';

/**
 * A decision about to be written (inside the runner's transaction). `reason: null` for the
 * two plain outcomes — the conditions do not hold, or held already — derived when read.
 */
export type NewDecision = Omit<ChannelDecision, 'id' | 'channelName' | 'reason'> & {
  reason: string | null;
};

const NOT_MATCHED = 'The conditions do not hold after this change.';
const HELD_ALREADY =
  'The conditions already held before this change; the channel fires when they become true.';

interface DecisionRow {
  id: number;
  at: string;
  channel_id: number;
  channel_name: string;
  channel_version: number;
  change_id: number;
  lead_id: string;
  matched: number;
  fired: number;
  effect: ChannelDecision['effect'];
  instance_id: number | null;
  reason: string | null;
  replay: number;
}

const SELECT = `
  SELECT d.*, v.name AS channel_name FROM channel_decisions d
  JOIN channel_versions v ON v.channel_id = d.channel_id AND v.version = d.channel_version`;

/** Channel decisions and the runner's cursor: written together, in the caller's transaction. */
export class DecisionRepository {
  readonly #insert: Statement<unknown[]>;
  readonly #cursor: Statement<[], { last_change_id: number }>;
  readonly #advance: Statement<[number]>;
  readonly #byId: Statement<[number], DecisionRow>;

  constructor(private readonly db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO channel_decisions (channel_id, channel_version, change_id, lead_id, matched,
         fired, effect, instance_id, reason, replay, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#cursor = db.prepare('SELECT last_change_id FROM channel_cursor WHERE id = 1');
    this.#advance = db.prepare('UPDATE channel_cursor SET last_change_id = ? WHERE id = 1');
    this.#byId = db.prepare(`${SELECT} WHERE d.id = ?`);
  }

  /** The last timing event decided on. */
  cursor(): number {
    return this.#cursor.get()?.last_change_id ?? 0;
  }

  advance(lastChangeId: number): void {
    this.#advance.run(lastChangeId);
  }

  /** Writes a decision; returns its id. */
  insert(decision: NewDecision): number {
    const { lastInsertRowid } = this.#insert.run(
      decision.channelId,
      decision.channelVersion,
      decision.changeId,
      decision.leadId,
      decision.matched ? 1 : 0,
      decision.fired ? 1 : 0,
      decision.effect,
      decision.instanceId,
      decision.reason,
      decision.replay ? 1 : 0,
      decision.at,
    );
    return Number(lastInsertRowid);
  }

  get(id: number): ChannelDecision | undefined {
    const row = this.#byId.get(id);
    return row && toDecision(row);
  }

  /** One Lead's decisions, newest first. */
  forLead(leadId: string, limit: number): ChannelDecision[] {
    return (
      this.db
        .prepare(
          `${SELECT} WHERE d.change_id IN (SELECT id FROM lead_changes WHERE lead_id = ?)
           ORDER BY d.id DESC LIMIT ?`,
        )
        .all(leadId, limit) as DecisionRow[]
    ).map(toDecision);
  }
}

function toDecision(row: DecisionRow): ChannelDecision {
  return {
    id: row.id,
    at: row.at,
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelVersion: row.channel_version,
    changeId: row.change_id,
    leadId: row.lead_id,
    matched: row.matched === 1,
    fired: row.fired === 1,
    effect: row.effect,
    instanceId: row.instance_id,
    reason: row.reason ?? (row.matched === 1 ? HELD_ALREADY : NOT_MATCHED),
    replay: row.replay === 1,
  };
}
