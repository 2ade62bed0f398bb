import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../src-preload/contract';
import { createFakeApiClient, deferred } from '../test-support/fake-api-client';
import {
  outboxCounts,
  outboxItemFixture,
  outboxStatusFixture,
} from '../test-support/outbox-fixture';
import { createLeadOutboxStore } from './lead-outbox-store';

const LEAD_A = '00Q000000000000001';
const LEAD_B = '00Q000000000000002';

function page(leadId: string, count: number): MethodOutput<'outbox:list'> {
  return {
    items: Array.from({ length: count }, (_, i) => outboxItemFixture(i + 1, { leadId })),
    total: count,
    counts: outboxCounts({ pending: count }),
    reasons: [],
  };
}

afterEach(() => vi.useRealTimers());

describe('lead outbox store', () => {
  it('lists only the open Lead’s items', async () => {
    const fake = createFakeApiClient({ 'outbox:list': (input) => page(input!.leadId!, 2) });
    const store = createLeadOutboxStore(fake.client, 0, 25);
    await store.getState().open(LEAD_A);
    expect(fake.calls.at(-1)?.input).toEqual({ leadId: LEAD_A, limit: 25, offset: 0 });
    expect(store.getState().items.map((item) => item.leadId)).toEqual([LEAD_A, LEAD_A]);
  });

  it('drops an answer for a Lead no longer open', async () => {
    const slow = deferred<MethodOutput<'outbox:list'>>();
    const fake = createFakeApiClient({
      'outbox:list': (input) => (input!.leadId === LEAD_A ? slow.promise : page(LEAD_B, 1)),
    });
    const store = createLeadOutboxStore(fake.client);
    const first = store.getState().open(LEAD_A);
    await store.getState().open(LEAD_B);
    slow.resolve(page(LEAD_A, 3));
    await first;
    expect(store.getState()).toMatchObject({ leadId: LEAD_B, total: 1 });
    expect(store.getState().items[0]?.leadId).toBe(LEAD_B);
  });

  it('re-reads the open Lead once per burst of outbox changes, and nothing when closed', async () => {
    vi.useFakeTimers();
    const fake = createFakeApiClient({ 'outbox:list': (input) => page(input!.leadId!, 1) });
    const store = createLeadOutboxStore(fake.client, 300);
    const stop = store.getState().start();
    fake.emit('outbox:changed', outboxStatusFixture());
    await vi.advanceTimersByTimeAsync(500);
    expect(fake.calls).toHaveLength(0);

    await store.getState().open(LEAD_A);
    for (let i = 0; i < 4; i++) fake.emit('outbox:changed', outboxStatusFixture());
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.calls).toHaveLength(2);

    fake.emit('outbox:changed', outboxStatusFixture());
    store.getState().close();
    await vi.advanceTimersByTimeAsync(500);
    expect(fake.calls).toHaveLength(2);
    stop();
  });
});
