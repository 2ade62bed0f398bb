import { afterEach, describe, expect, it, vi } from 'vitest';
import { instanceFixture } from '../../test/support/instance-fixture';
import type { InstancesChanged, MethodInput, MethodOutput } from '../../src-preload/contract';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { createInstancesStore } from './instances-store';

/** `count` instances answering `instances:search` by status and name like the host. */
function host(count: number) {
  const all = Array.from({ length: count }, (_, i) =>
    instanceFixture(i + 1, { status: i % 2 === 0 ? 'initialized' : 'activated' }),
  );
  return (input: MethodInput<'instances:search'> | undefined): MethodOutput<'instances:search'> => {
    const matching = all.filter(
      (instance) =>
        (!input?.statuses || input.statuses.includes(instance.status)) &&
        (instance.name ?? '').includes(input?.query ?? ''),
    );
    const offset = input?.offset ?? 0;
    return {
      instances: matching.slice(offset, offset + (input?.limit ?? 100)),
      total: matching.length,
    };
  };
}

const changed = (instanceId: number): InstancesChanged => ({
  changes: [
    {
      instanceId,
      meetingTypeId: 1,
      recordId: 'x',
      from: 'initialized',
      to: 'activated',
      at: 'now',
    },
  ],
});

afterEach(() => vi.useRealTimers());

describe('instances store', () => {
  it('asks for the filters chosen and starts again from the first page when they change', async () => {
    const fake = createFakeApiClient({ 'instances:search': host(30) });
    const store = createInstancesStore(fake.client, 10);
    await store.getState().refresh();
    expect(fake.calls.at(-1)?.input).toEqual({ query: '', limit: 10, offset: 0 });
    await store.getState().loadMore();
    expect(store.getState().instances).toHaveLength(20);

    await store.getState().setStatuses(['activated']);
    await store.getState().setMeetingType(1);
    expect(fake.calls.at(-1)?.input).toEqual({
      query: '',
      limit: 10,
      offset: 0,
      statuses: ['activated'],
      meetingTypeId: 1,
    });
    expect(store.getState()).toMatchObject({ total: 15 });
    expect(store.getState().instances.every((i) => i.status === 'activated')).toBe(true);

    await store.getState().setQuery(' Lead 2 ');
    expect(fake.calls.at(-1)?.input).toMatchObject({ query: 'Lead 2', offset: 0 });
  });

  it('debounces typing into one search', async () => {
    vi.useFakeTimers();
    const fake = createFakeApiClient({ 'instances:search': host(5) });
    const store = createInstancesStore(fake.client, 10, 250);
    store.getState().setQueryText('Le');
    await vi.advanceTimersByTimeAsync(100);
    store.getState().setQueryText('Lead 3');
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.calls.map((call) => (call.input as { query: string }).query)).toEqual(['Lead 3']);
  });

  it('re-reads a short list once per burst of instance changes, and leaves a long one alone', async () => {
    vi.useFakeTimers();
    const fake = createFakeApiClient({ 'instances:search': host(25) });
    const store = createInstancesStore(fake.client, 10, 250, 300);
    const stop = store.getState().start();
    fake.emit('instances:changed', changed(1));
    await vi.advanceTimersByTimeAsync(500);
    expect(fake.calls).toHaveLength(0); // nothing loaded yet: the screen loads when it opens

    await store.getState().refresh();
    for (const id of [1, 2, 3]) fake.emit('instances:changed', changed(id));
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.calls).toHaveLength(2);

    await store.getState().loadMore();
    await store.getState().loadMore();
    const calls = fake.calls.length;
    fake.emit('instances:changed', changed(1));
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.calls).toHaveLength(calls);
    stop();
  });

  it('keeps what is shown and reports the host error', async () => {
    let fail = false;
    const search = host(30);
    const fake = createFakeApiClient({
      'instances:search': (input) => {
        if (fail) throw fakeApiError('INVALID_INPUT', 'The request was not valid.');
        return search(input);
      },
    });
    const store = createInstancesStore(fake.client, 10);
    await store.getState().refresh();
    fail = true;
    await store.getState().loadMore();
    expect(store.getState().instances).toHaveLength(10);
    expect(store.getState().error).toEqual({
      code: 'INVALID_INPUT',
      message: 'The request was not valid.',
    });
  });
});
