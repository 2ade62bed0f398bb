import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparedPlans } from '../../../test/support/query-plans';
import { BookingPostQueue } from '../bookings/booking-post-queue';
import { applyMigrations } from '../store/migrations';
import { migrations } from '../store/schema';
import { OutboxStore } from './outbox-store';

const NOW = '2026-11-30T09:00:00.000Z';

describe('OutboxStore', () => {
  it('answers the questions asked after every enqueue by index, from statements prepared once, however many items wait', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, migrations);
    let store!: OutboxStore;
    let queue!: BookingPostQueue;
    const atConstruction = preparedPlans(db, () => {
      store = new OutboxStore(db);
      queue = new BookingPostQueue(db);
    });
    const asked = () => {
      store.nextAttemptAt();
      store.nextAttemptAt(['lead_update', 'task_create', 'event_create', 'booking_post']);
      store.dueOfKind(NOW, 'instance_event', 50);
      store.dueOfKind(NOW, 'event_create', 200);
      store.dueLeadUpdates(NOW, 200);
      queue.due(NOW, 200);
      store.counts();
      store.lastSentAt();
    };
    // Preparing one costs more than these look-ups, asked after every enqueue.
    expect(preparedPlans(db, asked).map((statement) => statement.sql)).toEqual([]);
    const plans = atConstruction.filter((statement) =>
      /next_attempt_at|outbox_counts|finished_at/.test(statement.sql),
    );
    expect(plans.length).toBeGreaterThanOrEqual(7);
    for (const { sql, plan } of plans) {
      // Never every pending item (outbox_state) nor the whole table.
      expect(plan, sql).not.toMatch(/outbox_state|SCAN outbox\b(?! USING)/);
      expect(plan, sql).not.toContain('TEMP B-TREE');
    }
  });
});
