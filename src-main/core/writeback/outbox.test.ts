import { describe, expect, it, vi } from 'vitest';
import { createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import { EchoGuard } from '../channels/echo-guard';
import { Outbox } from './outbox';

const cause = { kind: 'channel', id: '3', name: 'Booked → Owner' } as const;

function setup() {
  const store = createMeetingsStore();
  const echoes = new EchoGuard(store.db);
  const kicked = vi.fn();
  const outbox = new Outbox(store.db, store.clock, echoes, kicked);
  const rows = () =>
    store.db.prepare('SELECT * FROM outbox ORDER BY id').all() as Record<string, unknown>[];
  const echoRows = () => store.db.prepare('SELECT * FROM expected_echoes ORDER BY field').all();
  return { ...store, echoes, kicked, outbox, rows, echoRows };
}

const update = {
  leadId: leadId(1),
  values: { Status: 'Meeting Booked', OwnerId: null },
  hostUsers: { OwnerId: 'alex.host@leadbridge.demo' },
  basis: { Status: 'Open', OwnerId: '005000000000001AAA' },
  cause,
  instanceId: 7,
  idempotencyKey: 'update:3:41',
};

describe('outbox enqueue', () => {
  it('queues a Lead update in the caller’s transaction, expects the echo of fixed fields, and kicks the worker after the commit', async () => {
    const { db, outbox, rows, echoRows, kicked } = setup();
    const id = db.transaction(() => {
      const queued = outbox.enqueueLeadUpdate(update);
      expect(kicked).not.toHaveBeenCalled();
      return queued;
    })();
    expect(kicked).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(kicked).toHaveBeenCalledOnce();
    expect(rows()).toEqual([
      expect.objectContaining({
        id,
        kind: 'lead_update',
        object: 'Lead',
        lead_id: leadId(1),
        state: 'pending',
        attempts: 0,
        field_values: JSON.stringify(update.values),
        host_users: JSON.stringify(update.hostUsers),
        basis: JSON.stringify(update.basis),
        cause: JSON.stringify(cause),
        instance_id: 7,
        next_attempt_at: '2026-11-22T09:00:00.000Z',
        in_flight_since: null,
      }),
    ]);
    // OwnerId's value is known only when the worker resolves the host: expected then.
    expect(echoRows()).toEqual([
      {
        lead_id: leadId(1),
        field: 'Status',
        value: '"Meeting Booked"',
        until: '2026-11-29T09:00:00.000Z',
      },
    ]);
  });

  it('queues a decision made twice once, returning the first item', () => {
    const { db, outbox, rows } = setup();
    const first = db.transaction(() => outbox.enqueueLeadUpdate(update))();
    const again = db.transaction(() =>
      outbox.enqueueLeadUpdate({ ...update, values: { Status: 'Other' } }),
    )();
    expect(again).toBe(first);
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toMatchObject({ field_values: JSON.stringify(update.values) });
  });

  it('queues nothing when the decision’s transaction rolls back', () => {
    const { db, outbox, rows, echoRows } = setup();
    expect(() =>
      db.transaction(() => {
        outbox.enqueueCreate({
          object: 'Task',
          leadId: leadId(2),
          values: { Subject: 'Email: Intro call' },
          cause,
          instanceId: 7,
          idempotencyKey: 'task:7:1',
        });
        outbox.enqueueLeadUpdate(update);
        throw new Error('the decision failed');
      })(),
    ).toThrow('the decision failed');
    expect(rows()).toEqual([]);
    expect(echoRows()).toEqual([]);
  });

  it('refuses to queue outside a transaction', () => {
    const { outbox, rows } = setup();
    expect(() => outbox.enqueueLeadUpdate(update)).toThrow(/outside a transaction/);
    expect(rows()).toEqual([]);
  });

  it('queues Task and Event creates with their object and kind', () => {
    const { db, outbox, rows } = setup();
    db.transaction(() => {
      outbox.enqueueCreate({
        object: 'Task',
        leadId: leadId(2),
        values: { Subject: 'Email: Intro call', Status: 'Completed' },
        cause,
        instanceId: 7,
        idempotencyKey: 'task:7:1',
      });
      outbox.enqueueCreate({
        object: 'Event',
        leadId: leadId(2),
        values: { Subject: 'Intro call with Alex' },
        cause,
        instanceId: null,
        idempotencyKey: 'event:7:2',
      });
    })();
    expect(rows().map((row) => [row.kind, row.object, row.lead_id, row.basis])).toEqual([
      ['task_create', 'Task', leadId(2), '{}'],
      ['event_create', 'Event', leadId(2), '{}'],
    ]);
  });
});
