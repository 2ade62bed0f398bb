import type { Connection } from 'jsforce';
import { describe, expect, it, vi } from 'vitest';
import { createMeetingsStore, leadId } from '../../../test/support/meetings-store';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { EchoGuard } from '../channels/echo-guard';
import { AppError } from '../errors';
import { Outbox } from './outbox';
import type { OutboxHold } from './outbox-status';
import { OutboxStore } from './outbox-store';
import { OutboxWorker } from './outbox-worker';
import { COLLECTION_SIZE } from './collections-sender';
import type { SalesforceCalls } from './salesforce-query';
import { USER_CACHE_MS, UserDirectory } from './user-directory';

interface FakeRequest {
  method?: string;
  url: string;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A Salesforce that answers the write-back's three requests: queries (Lead, User), and
 * collections. `refuse` makes the next collections calls throw what a failed call throws.
 */
function fakeSalesforce() {
  const lead = {
    Id: leadId(1),
    IsConverted: false,
    Rating: null as string | null,
    OwnerId: null as string | null,
  };
  const state = {
    lead,
    users: [{ Id: '005000000000009AAA', Email: 'alex.host@leadbridge.demo' }],
    refuse: [] as AppError[],
    /** Each collections call waits for the next of these, when there is one. */
    gates: [] as Promise<void>[],
    requests: [] as FakeRequest[],
  };
  const connection = {
    request: async (request: string | FakeRequest) => {
      const req = typeof request === 'string' ? { url: request } : request;
      state.requests.push(req);
      if (!req.method || req.method === 'GET') {
        const soql = new URL(req.url, 'http://x').searchParams.get('q') ?? '';
        const records = soql.includes('FROM User') ? state.users : [state.lead];
        return { done: true, totalSize: records.length, records };
      }
      await state.gates.shift();
      const refusal = state.refuse.shift();
      if (refusal) throw refusal;
      const body = JSON.parse(req.body!) as { records: Record<string, unknown>[] };
      for (const record of body.records) Object.assign(state.lead, record);
      return body.records.map(() => ({ id: leadId(1), success: true, errors: [] }));
    },
  } as unknown as Connection;
  const salesforce: SalesforceCalls = { call: (operation) => operation(connection) };
  return { state, salesforce };
}

function setup() {
  const store = createMeetingsStore();
  const { clock, db, log } = store;
  const fake = fakeSalesforce();
  const echoes = new EchoGuard(db);
  const holder: { hold: OutboxHold | null } = { hold: null };
  const outboxStore = new OutboxStore(db);
  const worker = new OutboxWorker({
    db,
    store: outboxStore,
    salesforce: fake.salesforce,
    users: new UserDirectory(fake.salesforce, clock),
    echoes,
    log,
    clock,
    logger: createRecordingLogger(),
    hold: () => holder.hold,
  });
  const outbox = new Outbox(db, clock, echoes, () => worker.kick());
  let keys = 0;
  const queue = async (values: Record<string, unknown>, hostUsers?: Record<string, string>) => {
    const id = db.transaction(() =>
      outbox.enqueueLeadUpdate({
        leadId: leadId(1),
        values,
        ...(hostUsers ? { hostUsers } : {}),
        basis: Object.fromEntries(Object.keys(values).map((field) => [field, null])),
        cause: { kind: 'system', id: null, name: null },
        instanceId: null,
        idempotencyKey: `k${(keys += 1)}`,
      }),
    )();
    await Promise.resolve();
    await worker.idle();
    return id;
  };
  const row = (id: number) =>
    db.prepare('SELECT state, attempts, next_attempt_at FROM outbox WHERE id = ?').get(id);
  const patches = () => fake.state.requests.filter((r) => r.method === 'PATCH');
  return { ...store, ...fake, store: outboxStore, worker, holder, outbox, queue, row, patches };
}

const unavailable = () =>
  new AppError('SERVER_UNAVAILABLE', 'Salesforce answered: Server is unavailable.');

describe('outbox worker (fake clock)', () => {
  it('backs off 30 s, 1 min, 2 min after transient failures, retrying when its timer falls due', async () => {
    const { state, clock, worker, queue, row, patches } = setup();
    state.refuse.push(unavailable(), unavailable(), unavailable());
    const id = await queue({ Rating: 'Hot' });
    expect(row(id)).toEqual({
      state: 'pending',
      attempts: 1,
      next_attempt_at: '2026-11-22T09:00:30.000Z',
    });
    clock.advance(29_999);
    await worker.idle();
    expect(patches()).toHaveLength(1);
    clock.advance(1);
    await worker.idle();
    expect(row(id)).toMatchObject({ attempts: 2, next_attempt_at: '2026-11-22T09:01:30.000Z' });
    clock.advance(60_000);
    await worker.idle();
    expect(row(id)).toMatchObject({ attempts: 3, next_attempt_at: '2026-11-22T09:03:30.000Z' });
    clock.advance(120_000);
    await worker.idle();
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 4 });
    expect(state.lead.Rating).toBe('Hot');
  });

  it('leaves instance events to their own sender: no Salesforce call, no wake-up at their due time', async () => {
    const { clock, db, worker, outbox, state } = setup();
    db.transaction(() => {
      outbox.enqueueInstanceEvent({
        recordId: leadId(1),
        body: { type: 'instance.activated' },
        cause: { kind: 'system', id: null, name: null },
        instanceId: 1,
        idempotencyKey: 'instance-event:1',
      });
    })();
    await Promise.resolve();
    await worker.idle();
    expect(state.requests).toEqual([]);
    expect(clock.nextTimerAt()).toBeUndefined();
    expect(worker.status().counts.pending).toBe(1);
  });

  it('sends nothing while held, and drains when the sync reports the hold lifted', async () => {
    const { holder, worker, queue, row, patches } = setup();
    holder.hold = 'api-budget';
    const id = await queue({ Rating: 'Warm' });
    expect(patches()).toEqual([]);
    expect(worker.status()).toMatchObject({
      heldBy: 'api-budget',
      message: '1 write waiting: the org is over the API budget set in Settings.',
    });
    holder.hold = null;
    worker.syncChanged(null);
    await worker.idle();
    expect(row(id)).toMatchObject({ state: 'sent' });
  });

  it('reads nothing from the queue while held, and tells its listeners once for a burst of enqueues', async () => {
    const { db, holder, outbox, worker, store } = setup();
    holder.hold = 'disconnected';
    const told: number[] = [];
    worker.onChange((status) => told.push(status.counts.pending));
    const reads = {
      due: vi.spyOn(store, 'dueLeadUpdates'),
      next: vi.spyOn(store, 'nextAttemptAt'),
    };
    // As the platform event applier does: one transaction (and one kick) per booking.
    for (let n = 0; n < 100; n += 1) {
      db.transaction(() =>
        outbox.enqueueLeadUpdate({
          leadId: leadId(1),
          values: { Rating: 'Hot' },
          basis: { Rating: null },
          cause: { kind: 'system', id: null, name: null },
          instanceId: null,
          idempotencyKey: `held-${n}`,
        }),
      )();
    }
    await Promise.resolve();
    await worker.idle();
    expect(reads.due).not.toHaveBeenCalled();
    // The one status told (its next due time), not a drain per enqueue.
    expect(reads.next).toHaveBeenCalledTimes(1);
    expect(told).toEqual([100]);
  });

  it('drains after each completed sync', async () => {
    const { holder, worker, queue, row } = setup();
    worker.syncChanged('2026-11-22T08:00:00.000Z');
    holder.hold = 'paused';
    const id = await queue({ Rating: 'Warm' });
    holder.hold = null;
    // A sync ran and the hold is gone: the worker drains.
    worker.syncChanged('2026-11-22T09:00:00.000Z');
    await worker.idle();
    expect(row(id)).toMatchObject({ state: 'sent' });
  });

  it('looks host Users up once an hour, and asks again once the cache has aged', async () => {
    const { clock, state, queue } = setup();
    const userQueries = () => state.requests.filter((r) => r.url.includes('User')).length;
    await queue({ OwnerId: null }, { OwnerId: 'alex.host@leadbridge.demo' });
    expect(state.lead.OwnerId).toBe('005000000000009AAA');
    state.lead.OwnerId = null;
    clock.advance(USER_CACHE_MS - 1);
    await queue({ OwnerId: null }, { OwnerId: 'alex.host@leadbridge.demo' });
    expect(userQueries()).toBe(1);
    clock.advance(1);
    state.lead.OwnerId = null;
    await queue({ OwnerId: null }, { OwnerId: 'alex.host@leadbridge.demo' });
    expect(userQueries()).toBe(2);
  });

  it('stops on a permanent refusal of the whole call with Salesforce’s message and what to do', async () => {
    const { state, queue, db } = setup();
    state.refuse.push(new AppError('INVALID_FIELD', 'Salesforce answered: No such column.'));
    const id = await queue({ Rating: 'Hot' });
    expect(
      db.prepare('SELECT state, error_code, error_message FROM outbox WHERE id = ?').get(id),
    ).toEqual({
      state: 'failed',
      error_code: 'INVALID_FIELD',
      error_message:
        'Salesforce answered: No such column. Check the value and the record in Salesforce, then Retry or Discard it.',
    });
  });

  it('refuses to discard an item whose send may have reached Salesforce, and discards the others', async () => {
    const { holder, worker, queue, db, row } = setup();
    holder.hold = 'paused';
    const [maybeSent, waiting] = [await queue({ Rating: 'Hot' }), await queue({ Title: 'CTO' })];
    db.prepare("UPDATE outbox SET in_flight_since = '2026-11-22T09:00:00.000Z' WHERE id = ?").run(
      maybeSent,
    );
    expect(worker.discard([maybeSent, waiting])).toBe(1);
    expect([row(maybeSent), row(waiting)]).toMatchObject([
      { state: 'pending' },
      { state: 'discarded', next_attempt_at: null },
    ]);
  });

  it('tells the listeners the status once per batch, however many settlements it has', async () => {
    const { db, holder, outbox, worker, row, patches } = setup();
    holder.hold = 'paused';
    // Lead 2 is not in the org (skipped), lead 1 is written: two settlements, one batch.
    const ids = db.transaction(() =>
      [leadId(1), '00Q000000000002AAA'].map((lead, n) =>
        outbox.enqueueLeadUpdate({
          leadId: lead,
          values: { Rating: 'Hot' },
          basis: { Rating: null },
          cause: { kind: 'system', id: null, name: null },
          instanceId: null,
          idempotencyKey: `batch-${n}`,
        }),
      ),
    )();
    const told: string[] = [];
    worker.onChange((status) => told.push(`${status.counts.pending} ${status.draining}`));
    holder.hold = null;
    worker.kick();
    await worker.idle();
    expect(patches()).toHaveLength(1);
    expect(ids.map((id) => row(id))).toMatchObject([{ state: 'sent' }, { state: 'skipped' }]);
    // The drain starting, the batch done, the drain over.
    expect(told).toEqual(['2 true', '0 true', '0 false']);
  });

  it('re-reads the next batch while the one before is written, marking it only after', async () => {
    const { db, holder, outbox, worker, state, row } = setup();
    holder.hold = 'paused';
    // Lead 1 is in the org, the others are not (skipped): batch 1 writes one Lead, and the
    // 201st Lead is batch 2.
    const leads = [leadId(1)];
    for (let n = 2; leads.length <= COLLECTION_SIZE; n += 1)
      leads.push(`00Q${String(n).padStart(12, '0')}AAA`);
    const ids = db.transaction(() =>
      leads.map((lead, n) =>
        outbox.enqueueLeadUpdate({
          leadId: lead,
          values: { Rating: 'Hot' },
          basis: { Rating: null },
          cause: { kind: 'system', id: null, name: null },
          instanceId: null,
          idempotencyKey: `pipe-${n}`,
        }),
      ),
    )();
    let release!: () => void;
    state.gates.push(new Promise<void>((resolve) => (release = resolve)));
    holder.hold = null;
    worker.kick();
    for (let tick = 0; tick < 50; tick += 1) await new Promise((resolve) => setImmediate(resolve));
    // Batch 1's PATCH is unanswered, and batch 2's re-read is already asked.
    expect(state.requests.map((request) => request.method ?? 'GET').sort()).toEqual([
      'GET',
      'GET',
      'PATCH',
    ]);
    const inFlight = (id: number) =>
      db.prepare('SELECT in_flight_since FROM outbox WHERE id = ?').pluck().get(id);
    expect(inFlight(ids[0]!)).not.toBeNull();
    expect(inFlight(ids.at(-1)!)).toBeNull();
    release();
    await worker.idle();
    expect(row(ids[0]!)).toMatchObject({ state: 'sent' });
    expect(row(ids.at(-1)!)).toMatchObject({ state: 'skipped' });
  });
});
