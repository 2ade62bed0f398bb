import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { LeadbridgeCore } from '../../src-main/core/leadbridge-core';
import { EchoGuard } from '../../src-main/core/channels/echo-guard';
import type { Clock } from '../../src-main/core/ports';
import { Outbox } from '../../src-main/core/writeback/outbox';

type TestCore = LeadbridgeCore & { dataDirectory: string };

export const channelCause = { kind: 'channel', id: '1', name: 'When booked' } as const;

/**
 * Queues writes as a decision elsewhere in the app would: in a transaction of its own
 * connection to the core's database, the core's worker kicked after the commit.
 */
export function outboxOf(core: TestCore, clock: Clock) {
  const db = new BetterSqlite3(path.join(core.dataDirectory, 'leadbridge.db'));
  db.pragma('busy_timeout = 5000');
  const outbox = new Outbox(db, clock, new EchoGuard(db), () => core.outboxWorker.kick());
  return {
    db,
    /** Runs `work` in one transaction and waits until the worker has drained. */
    async queue<T>(work: (outbox: Outbox) => T): Promise<T> {
      const result = db.transaction(() => work(outbox))();
      await Promise.resolve();
      await core.outboxWorker.idle();
      return result;
    },
    row(id: number) {
      return db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Record<string, unknown>;
    },
    close: () => db.close(),
  };
}

let keys = 0;
/** A fresh idempotency key. */
export const key = (prefix = 'test') => `${prefix}:${(keys += 1)}`;
