import type { Database, Statement } from 'better-sqlite3';
import type { StatusEntered } from '../meetings/instance-writes';

export interface UpdateFiring {
  channelId: number;
  channelVersion: number;
  /** The instance history entry of the status entered. */
  historyId: number;
  instanceId: number;
  leadId: string;
  /** The Lead update it queued; null when it had nothing to write. */
  outboxItemId: number | null;
  at: string;
}

/** A firing kept until the sync caches its Lead: the status entered, as the instance was then. */
export interface WaitingFiring {
  channelId: number;
  channelName: string;
  entered: StatusEntered;
  /** When it began to wait. */
  since: string;
}

interface WaitingRow {
  channel_id: number;
  channel_name: string;
  entered: string;
  since: string;
}

/**
 * Update channels' firings, in the status change's transaction: their fire count and proof;
 * and those waiting for their Lead to reach the cache.
 */
export class UpdateFiringRepository {
  readonly #insert: Statement<unknown[]>;
  readonly #wait: Statement<unknown[]>;
  readonly #release: Statement<[number, number]>;
  readonly #ready: Statement<[], WaitingRow>;

  constructor(db: Database) {
    this.#wait = db.prepare(
      `INSERT INTO channel_update_waiting
         (channel_id, channel_name, history_id, lead_id, entered, since)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.#release = db.prepare(
      'DELETE FROM channel_update_waiting WHERE channel_id = ? AND history_id = ?',
    );
    // Driven by the waiting rows (a few), each Lead found by its key: cheap after every page.
    this.#ready = db.prepare(
      `SELECT w.channel_id, w.channel_name, w.entered, w.since FROM channel_update_waiting w
       JOIN leads l ON l.id = w.lead_id AND l.is_deleted = 0
       ORDER BY w.history_id, w.channel_id`,
    );
    this.#insert = db.prepare(
      `INSERT INTO channel_update_firings
         (channel_id, channel_version, history_id, instance_id, lead_id, outbox_item_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, history_id) DO NOTHING`,
    );
  }

  /** Records a firing; false when this channel already fired on this status entered. */
  insert(firing: UpdateFiring): boolean {
    return (
      this.#insert.run(
        firing.channelId,
        firing.channelVersion,
        firing.historyId,
        firing.instanceId,
        firing.leadId,
        firing.outboxItemId,
        firing.at,
      ).changes === 1
    );
  }

  /** Keeps a firing until its Lead is cached; false when it already waits. */
  wait(waiting: WaitingFiring): boolean {
    const { entered } = waiting;
    return (
      this.#wait.run(
        waiting.channelId,
        waiting.channelName,
        entered.historyId,
        entered.instance.recordId,
        JSON.stringify(entered),
        waiting.since,
      ).changes === 1
    );
  }

  /** The waiting firings whose Lead is now cached, in the order their statuses were entered. */
  ready(): WaitingFiring[] {
    return this.#ready.all().map((row) => ({
      channelId: row.channel_id,
      channelName: row.channel_name,
      entered: JSON.parse(row.entered) as StatusEntered,
      since: row.since,
    }));
  }

  /** Ends a wait (in the transaction that fires it); false when another already did. */
  release(waiting: WaitingFiring): boolean {
    return this.#release.run(waiting.channelId, waiting.entered.historyId).changes === 1;
  }
}
