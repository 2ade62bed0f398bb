import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import type { CoreDependencies } from '../../src-main/core/leadbridge-core';
import { startDemoOrg, type DemoOrgHandle } from '../../src-main/demo-org';
import { createConnectedCore, syncNow } from './connected-core';
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

type ConnectedCore = Awaited<ReturnType<typeof createConnectedCore>>;

export interface ConnectedOutbox {
  org: DemoOrgHandle;
  harness: ConnectedCore;
  queue: ReturnType<typeof outboxOf>;
}

/**
 * Per test: a fresh demo org, a core signed in to it and synced once, and an outbox to queue
 * into, with the org's request log emptied so a test counts only its own calls; all closed
 * after the test. The fields are set before each test runs.
 */
export function useConnectedOutbox(
  seeding: { leads: number; seed: string },
  overrides: Partial<CoreDependencies> = {},
): ConnectedOutbox {
  const setup = {} as ConnectedOutbox;
  beforeEach(async () => {
    setup.org = await startDemoOrg(seeding);
    setup.harness = await createConnectedCore(setup.org, undefined, overrides);
    await syncNow(setup.harness.core);
    setup.queue = outboxOf(setup.harness.core, setup.harness.clock);
    setup.org.clearRequests();
  });
  afterEach(async () => {
    setup.queue.close();
    setup.harness.core.dispose();
    await setup.org.close();
  });
  return setup;
}
