import type { Database, Statement } from 'better-sqlite3';
import {
  channelRulesSchema,
  updateSpecSchema,
  type ChannelDraft,
  type ChannelKind,
  type ChannelAction,
  type InterceptScope,
  type ChannelRules,
  type UpdateSpec,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';

/** A channel as stored: its current version's fields and its state. */
export interface StoredChannel {
  id: number;
  version: number;
  meetingTypeId: number;
  meetingTypeName: string;
  meetingTypeArchived: boolean;
  name: string;
  kind: ChannelKind;
  action: ChannelAction;
  interceptScope: InterceptScope;
  rules: ChannelRules;
  /** An Update channel's statuses and writes; null for the other kinds. */
  update: UpdateSpec | null;
  enabled: boolean;
  disabledReason: string | null;
  fireCount: number;
  lastFiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ChannelRow {
  id: number;
  version: number;
  enabled: number;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
  meeting_type_id: number;
  meeting_type_name: string;
  meeting_type_archived: number;
  name: string;
  kind: ChannelKind;
  action: ChannelAction;
  intercept_scope: InterceptScope;
  rules: string;
  update_spec: string | null;
  fire_count: number;
  last_fired_at: string | null;
}

const CURRENT = `
  SELECT c.id, c.version, c.enabled, c.disabled_reason, c.created_at, c.updated_at,
    v.meeting_type_id, v.name, v.kind, v.action, v.intercept_scope, v.rules, v.update_spec,
    t.name AS meeting_type_name, t.archived_at IS NOT NULL AS meeting_type_archived`;
const FROM = `
  FROM channels c
  JOIN channel_versions v ON v.channel_id = c.id AND v.version = c.version
  JOIN meeting_types t ON t.id = v.meeting_type_id
  WHERE c.deleted_at IS NULL`;
/**
 * With the fire count and last fired time, for the Channels screen: an Import or Intercept
 * channel fires in decisions, an Update channel in its firings.
 */
const SELECT = `${CURRENT},
    (SELECT COUNT(*) FROM channel_decisions d WHERE d.channel_id = c.id AND d.fired = 1)
      + (SELECT COUNT(*) FROM channel_update_firings f WHERE f.channel_id = c.id)
      AS fire_count,
    max(coalesce((SELECT MAX(at) FROM channel_decisions d
                  WHERE d.channel_id = c.id AND d.fired = 1), ''),
        coalesce((SELECT MAX(at) FROM channel_update_firings f WHERE f.channel_id = c.id), ''))
      AS last_fired_at
  ${FROM}`;
/** Without them: the runner asks after every page and needs neither. */
const LIVE = `${CURRENT}, 0 AS fire_count, NULL AS last_fired_at ${FROM}
  AND c.enabled = 1 AND t.archived_at IS NULL`;
const RUNNABLE = `${LIVE} ORDER BY c.id`;
/**
 * The enabled Update channels: asked on every status an instance enters. Without a bound
 * parameter: SQLite re-plans a statement whose parameter meets a column on every run.
 */
const RUNNABLE_UPDATES = `${LIVE} AND v.kind = 'update' ORDER BY c.id`;

/**
 * Channels and their versions. Saving writes a new immutable version; the channel row holds
 * which version is current and whether it runs.
 */
export class ChannelRepository {
  readonly #byId: Statement<[number], ChannelRow>;
  readonly #insertVersion: Statement<unknown[]>;
  readonly #runnable: Statement<[], ChannelRow>;
  readonly #runnableUpdates: Statement<[], ChannelRow>;
  /** Parsed rules and writes by channel and version: a version never changes, and parsing is dear. */
  readonly #parsed = new Map<string, { rules: ChannelRules; update: UpdateSpec | null }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.#byId = db.prepare(`${SELECT} AND c.id = ?`);
    this.#runnable = db.prepare(RUNNABLE);
    this.#runnableUpdates = db.prepare(RUNNABLE_UPDATES);
    this.#insertVersion = db.prepare(
      `INSERT INTO channel_versions (channel_id, version, meeting_type_id, name, kind, action,
         intercept_scope, rules, update_spec, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  list(): StoredChannel[] {
    return (
      this.db
        .prepare(`${SELECT} ORDER BY t.name COLLATE NOCASE, v.name COLLATE NOCASE, c.id`)
        .all() as ChannelRow[]
    ).map((row) => this.#toChannel(row));
  }

  /** The enabled channels whose meeting type is live: what the runner evaluates. */
  runnable(): StoredChannel[] {
    return (this.#runnable.all() as ChannelRow[]).map((row) => this.#toChannel(row));
  }

  /** The enabled Update channels of live meeting types. */
  runnableUpdates(): StoredChannel[] {
    return this.#runnableUpdates.all().map((row) => this.#toChannel(row));
  }

  get(id: number): StoredChannel | undefined {
    const row = this.#byId.get(id);
    return row && this.#toChannel(row);
  }

  /** The channel, or CHANNEL_NOT_FOUND. */
  require(id: number): StoredChannel {
    const channel = this.get(id);
    if (!channel) {
      throw new AppError(
        'CHANNEL_NOT_FOUND',
        `Channel ${id} does not exist (it may have been deleted). Reload the Channels screen.`,
      );
    }
    return channel;
  }

  /** Saves a new channel, disabled, as version 1. */
  create(draft: ChannelDraft): StoredChannel {
    const now = this.#now();
    const id = this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          'INSERT INTO channels (version, enabled, created_at, updated_at) VALUES (1, 0, ?, ?)',
        )
        .run(now, now);
      this.#saveVersion(Number(lastInsertRowid), 1, draft, now);
      return Number(lastInsertRowid);
    })();
    return this.require(id);
  }

  /** Saves the draft as the channel's next version; a schema problem it fixes is forgotten. */
  update(id: number, draft: ChannelDraft): StoredChannel {
    const now = this.#now();
    this.db.transaction(() => {
      const next = this.require(id).version + 1;
      this.#saveVersion(id, next, draft, now);
      this.db
        .prepare(
          'UPDATE channels SET version = ?, disabled_reason = NULL, updated_at = ? WHERE id = ?',
        )
        .run(next, now, id);
    })();
    return this.require(id);
  }

  /** Turns a channel on or off; `disabledReason` says why Leadbridge turned it off. */
  setEnabled(id: number, enabled: boolean, disabledReason: string | null = null): StoredChannel {
    this.require(id);
    this.db
      .prepare('UPDATE channels SET enabled = ?, disabled_reason = ?, updated_at = ? WHERE id = ?')
      .run(enabled ? 1 : 0, enabled ? null : disabledReason, this.#now(), id);
    return this.require(id);
  }

  markDeleted(id: number): void {
    this.require(id);
    const now = this.#now();
    this.db
      .prepare('UPDATE channels SET enabled = 0, deleted_at = ?, updated_at = ? WHERE id = ?')
      .run(now, now, id);
  }

  #saveVersion(id: number, version: number, draft: ChannelDraft, now: string): void {
    this.#insertVersion.run(
      id,
      version,
      draft.meetingTypeId,
      draft.name,
      draft.kind,
      draft.action,
      draft.interceptScope,
      JSON.stringify(draft.rules),
      draft.update ? JSON.stringify(draft.update) : null,
      now,
    );
  }

  #toChannel(row: ChannelRow): StoredChannel {
    const key = `${row.id}:${row.version}`;
    let parsed = this.#parsed.get(key);
    if (!parsed) {
      parsed = {
        rules: channelRulesSchema.parse(JSON.parse(row.rules)),
        update:
          row.update_spec === null ? null : updateSpecSchema.parse(JSON.parse(row.update_spec)),
      };
      this.#parsed.set(key, parsed);
    }
    return {
      id: row.id,
      version: row.version,
      meetingTypeId: row.meeting_type_id,
      meetingTypeName: row.meeting_type_name,
      meetingTypeArchived: row.meeting_type_archived === 1,
      name: row.name,
      kind: row.kind,
      action: row.action,
      interceptScope: row.intercept_scope,
      rules: parsed.rules,
      update: parsed.update,
      enabled: row.enabled === 1,
      disabledReason: row.disabled_reason,
      fireCount: row.fire_count,
      lastFiredAt: row.last_fired_at || null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  #now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
