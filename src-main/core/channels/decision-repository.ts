import type { Database, Statement } from 'better-sqlite3';
import type { ChannelDecision } from '../../../src-preload/contract';

/** A decision about to be written (inside the runner's transaction). */
export type NewDecision = Omit<ChannelDecision, 'id' | 'channelName'>;

/** A channel that did not fire on a change: kept in the change's one row of misses. */
export interface Miss {
  channelId: number;
  channelVersion: number;
  /** The conditions held, but already before the change ("becomes true" did not fire). */
  matched: boolean;
}

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
  reason: string;
  replay: number;
}

interface MissRow {
  change_id: number;
  lead_id: string;
  at: string;
  channels: string;
}

/** Why a channel did not fire, when nothing else is to be said. */
export function plainReason(matched: boolean): string {
  return matched
    ? 'The conditions already held before this change; the channel fires when they become true.'
    : 'The conditions do not hold after this change.';
}
/**
 * Decisions expanded from a change's misses have no row of their own: their ids are numbered
 * from here, by change and position, apart from stored decisions' ids (which would need two
 * billion fired decisions to reach it).
 */
const MISS_IDS = 2 ** 31;
const MISSES_PER_CHANGE = 4096;

const SELECT = `
  SELECT d.*, v.name AS channel_name FROM channel_decisions d
  JOIN channel_versions v ON v.channel_id = d.channel_id AND v.version = d.channel_version`;

/**
 * Channel decisions and the runner's cursor, written together in the caller's transaction.
 * A change's plain outcomes (a channel that did not fire) are one row per change, not per
 * channel; reading gives every channel's decision alike.
 */
export class DecisionRepository {
  readonly #insert: Statement<unknown[]>;
  readonly #insertMisses: Statement<[number, string, string, string]>;
  readonly #cursor: Statement<[], { last_change_id: number }>;
  readonly #advance: Statement<[number]>;
  readonly #byId: Statement<[number], DecisionRow>;
  readonly #versionName: Statement<[number, number], { name: string }>;

  constructor(private readonly db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO channel_decisions (channel_id, channel_version, change_id, lead_id, matched,
         fired, effect, instance_id, reason, replay, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertMisses = db.prepare(
      'INSERT INTO channel_misses (change_id, lead_id, at, channels) VALUES (?, ?, ?, ?)',
    );
    this.#cursor = db.prepare('SELECT last_change_id FROM channel_cursor WHERE id = 1');
    this.#advance = db.prepare('UPDATE channel_cursor SET last_change_id = ? WHERE id = 1');
    this.#byId = db.prepare(`${SELECT} WHERE d.id = ?`);
    this.#versionName = db.prepare(
      'SELECT name FROM channel_versions WHERE channel_id = ? AND version = ?',
    );
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

  /** The channels that did not fire on one change (once per change: the key refuses more). */
  insertMisses(changeId: number, leadId: string, at: string, misses: readonly Miss[]): void {
    const compact = misses.map((miss) => [
      miss.channelId,
      miss.channelVersion,
      miss.matched ? 1 : 0,
    ]);
    this.#insertMisses.run(changeId, leadId, at, JSON.stringify(compact));
  }

  get(id: number): ChannelDecision | undefined {
    const row = this.#byId.get(id);
    return row && toDecision(row);
  }

  /** One Lead's decisions, newest first. */
  forLead(leadId: string, limit: number): ChannelDecision[] {
    const stored = (
      this.db
        .prepare(`${SELECT} WHERE d.lead_id = ? ORDER BY d.id DESC LIMIT ?`)
        .all(leadId, limit) as DecisionRow[]
    ).map(toDecision);
    const misses = (
      this.db
        .prepare('SELECT * FROM channel_misses WHERE lead_id = ? ORDER BY change_id DESC LIMIT ?')
        .all(leadId, limit) as MissRow[]
    ).flatMap((row) => this.#expand(row));
    return [...stored, ...misses]
      .sort((a, b) => b.changeId - a.changeId || b.at.localeCompare(a.at) || b.id - a.id)
      .slice(0, limit);
  }

  #expand(row: MissRow): ChannelDecision[] {
    const channels = JSON.parse(row.channels) as [number, number, 0 | 1][];
    return channels.map(([channelId, channelVersion, matched], index) => ({
      id: MISS_IDS + row.change_id * MISSES_PER_CHANGE + index,
      at: row.at,
      channelId,
      channelName: this.#versionName.get(channelId, channelVersion)?.name ?? '',
      channelVersion,
      changeId: row.change_id,
      leadId: row.lead_id,
      matched: matched === 1,
      fired: false,
      effect: 'none',
      instanceId: null,
      reason: plainReason(matched === 1),
      replay: false,
    }));
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
    reason: row.reason,
    replay: row.replay === 1,
  };
}
