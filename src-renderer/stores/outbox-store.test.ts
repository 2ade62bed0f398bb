import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodOutput, OutboxItem } from '../../src-preload/contract';
import {
  createFakeApiClient,
  fakeApiError,
  type FakeHandlers,
} from '../test-support/fake-api-client';
import {
  outboxCounts,
  outboxItemFixture,
  outboxStatusFixture,
} from '../test-support/outbox-fixture';
import { createOutboxStore } from './outbox-store';

/** An outbox answering `outbox:list` by state like the host, with retry and discard. */
function host(items: OutboxItem[]): FakeHandlers {
  const list = (input: MethodInput<'outbox:list'> | undefined): MethodOutput<'outbox:list'> => {
    const matching = items.filter((item) => !input?.states || input.states.includes(item.state));
    const offset = input?.offset ?? 0;
    const counts = outboxCounts();
    for (const item of items) counts[item.state]++;
    return {
      items: matching.slice(offset, offset + (input?.limit ?? 100)),
      total: matching.length,
      counts,
      reasons: [{ code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', state: 'failed', count: 1 }],
    };
  };
  return {
    'outbox:list': list,
    'outbox:status': () => outboxStatusFixture(),
    'outbox:retry': (input) => {
      for (const item of items) if (input!.itemIds.includes(item.id)) item.state = 'pending';
      return { retried: input!.itemIds.length };
    },
    'outbox:discard': (input) => {
      for (const item of items) if (input!.itemIds.includes(item.id)) item.state = 'discarded';
      return { discarded: input!.itemIds.length };
    },
  };
}

function failedItems(count: number) {
  return Array.from({ length: count }, (_, i) =>
    outboxItemFixture(i + 1, { state: i % 2 === 0 ? 'failed' : 'sent' }),
  );
}

afterEach(() => vi.useRealTimers());

describe('outbox store', () => {
  it('asks for the states chosen and starts again from the first page when they change', async () => {
    const fake = createFakeApiClient(host(failedItems(30)));
    const store = createOutboxStore(fake.client, 10);
    await store.getState().load();
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10, offset: 0 });
    await store.getState().loadMore();
    expect(store.getState().items).toHaveLength(20);

    await store.getState().setStates(['failed']);
    expect(fake.calls.at(-1)?.input).toEqual({ limit: 10, offset: 0, states: ['failed'] });
    expect(store.getState()).toMatchObject({ total: 15 });
    expect(store.getState().items.every((item) => item.state === 'failed')).toBe(true);
    expect(store.getState().counts).toMatchObject({ failed: 15, sent: 15 });
    expect(store.getState().reasons).toEqual([
      { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', state: 'failed', count: 1 },
    ]);
  });

  it('retries exactly the ticked items, says so, and re-reads the list', async () => {
    const items = failedItems(6);
    const fake = createFakeApiClient(host(items));
    const store = createOutboxStore(fake.client);
    await store.getState().setStates(['failed']);
    store.getState().toggle(1, true);
    store.getState().toggle(3, true);
    store.getState().toggle(5, true);
    store.getState().toggle(3, false);
    await store.getState().retrySelected();

    expect(fake.calls.find((call) => call.method === 'outbox:retry')?.input).toEqual({
      itemIds: [1, 5],
    });
    expect(store.getState()).toMatchObject({
      actionNote: '2 items will be sent again.',
      selected: [],
      acting: null,
    });
    expect(store.getState().items.map((item) => item.id)).toEqual([3]);
  });

  it('discards the ticked items and keeps a refusal to show', async () => {
    const items = failedItems(4);
    const handlers = host(items);
    const fake = createFakeApiClient(handlers);
    const store = createOutboxStore(fake.client);
    await store.getState().load();
    store.getState().setSelected([1, 3, 3]);
    await store.getState().discardSelected();
    expect(fake.calls.find((call) => call.method === 'outbox:discard')?.input).toEqual({
      itemIds: [1, 3],
    });
    expect(store.getState().actionNote).toBe('2 items discarded: they will not be sent.');

    fake.handlers['outbox:retry'] = () => {
      throw fakeApiError(
        'OUTBOX_ITEM_NOT_RETRYABLE',
        'Item 2 was sent: there is nothing to retry.',
      );
    };
    store.getState().setSelected([2]);
    await store.getState().retrySelected();
    expect(store.getState().actionError).toEqual({
      code: 'OUTBOX_ITEM_NOT_RETRYABLE',
      message: 'Item 2 was sent: there is nothing to retry.',
    });
    expect(store.getState().selected).toEqual([2]);
  });

  it('sends nothing when no item is ticked', async () => {
    const fake = createFakeApiClient(host(failedItems(2)));
    const store = createOutboxStore(fake.client);
    await store.getState().retrySelected();
    await store.getState().discardSelected();
    expect(fake.calls).toHaveLength(0);
  });

  it('takes the status from each outbox:changed at once and re-reads a loaded list once per burst', async () => {
    vi.useFakeTimers();
    const fake = createFakeApiClient(host(failedItems(3)));
    const store = createOutboxStore(fake.client, 100, 300);
    const stop = store.getState().start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.map((call) => call.method)).toEqual(['outbox:status']);

    const draining = outboxStatusFixture({
      draining: true,
      counts: outboxCounts({ pending: 3 }),
      message: 'Writing 3 changes to Salesforce…',
    });
    fake.emit('outbox:changed', draining);
    expect(store.getState().status).toEqual(draining);
    await vi.advanceTimersByTimeAsync(500);
    // Nothing listed yet: the view loads when it opens.
    expect(fake.calls.filter((call) => call.method === 'outbox:list')).toHaveLength(0);

    await store.getState().load();
    for (let i = 0; i < 3; i++) fake.emit('outbox:changed', draining);
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.calls.filter((call) => call.method === 'outbox:list')).toHaveLength(2);
    stop();
    fake.emit('outbox:changed', outboxStatusFixture());
    expect(store.getState().status).toEqual(draining);
  });

  it('keeps an event’s status over an older status answer', async () => {
    const fake = createFakeApiClient(host([]));
    let answer!: (value: ReturnType<typeof outboxStatusFixture>) => void;
    fake.handlers['outbox:status'] = () => new Promise((resolve) => (answer = resolve));
    const store = createOutboxStore(fake.client);
    const stop = store.getState().start();
    const newer = outboxStatusFixture({ message: 'Sent 5 changes.' });
    fake.emit('outbox:changed', newer);
    answer(outboxStatusFixture({ message: 'Older.' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().status).toEqual(newer);
    stop();
  });

  it('unticks items that left the list when it is re-read', async () => {
    const items = failedItems(4);
    const fake = createFakeApiClient(host(items));
    const store = createOutboxStore(fake.client);
    await store.getState().setStates(['failed']);
    store.getState().setSelected([1, 3]);
    items[0]!.state = 'sent';
    await store.getState().load();
    expect(store.getState().selected).toEqual([3]);
  });
});
