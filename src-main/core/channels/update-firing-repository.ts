import type { Database, Statement } from 'better-sqlite3';

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

/** Update channels' firings, in the status change's transaction: their fire count and proof. */
export class UpdateFiringRepository {
  readonly #insert: Statement<unknown[]>;

  constructor(db: Database) {
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
}
