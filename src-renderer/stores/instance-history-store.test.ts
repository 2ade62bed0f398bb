import { describe, expect, it } from 'vitest';
import { instanceFixture } from '../../test/support/instance-fixture';
import type { InstanceSummary, MethodOutput } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { createInstanceHistoryStore } from './instance-history-store';

function hostWith(instances: InstanceSummary[]) {
  const byId = new Map(instances.map((instance) => [instance.id, instance]));
  return createFakeApiClient({
    'instances:history': (input) => ({ instance: byId.get(input!.instanceId)!, history: [] }),
  });
}

describe('instance history store', () => {
  it('opens an instance’s history and reloads it when that instance changes', async () => {
    const fake = hostWith([instanceFixture(1), instanceFixture(2)]);
    const store = createInstanceHistoryStore(fake.client);
    store.getState().start();
    await store.getState().open(1);
    expect(store.getState().history?.instance.id).toBe(1);
    const change = {
      meetingTypeId: 1,
      recordId: 'x',
      from: null,
      to: 'activated',
      at: 'now',
    } as const;
    fake.emit('instances:changed', { changes: [{ ...change, instanceId: 2 }] });
    fake.emit('instances:changed', { changes: [{ ...change, instanceId: 1 }] });
    expect(fake.calls.filter((c) => c.method === 'instances:history')).toHaveLength(2);
  });

  it('sends the admin’s status and reason, then shows the instance that now holds it', async () => {
    const fake = hostWith([
      instanceFixture(1, { status: 'deactivated', isOpen: false }),
      instanceFixture(7, { status: 'activated' }),
    ]);
    fake.handlers['instances:set-status'] = () => ({
      instance: instanceFixture(7, { status: 'activated' }),
      created: true,
    });
    const store = createInstanceHistoryStore(fake.client);
    await store.getState().open(1);
    expect(await store.getState().setStatus('activated', 'Back in January')).toBe(true);
    expect(fake.calls.find((c) => c.method === 'instances:set-status')?.input).toEqual({
      instanceId: 1,
      status: 'activated',
      reason: 'Back in January',
    });
    expect(store.getState()).toMatchObject({ instanceId: 7, history: { instance: { id: 7 } } });
  });

  it('keeps the drawer as it was and shows the refusal when the host says no', async () => {
    const fake = hostWith([instanceFixture(1)]);
    fake.handlers['instances:set-status'] = () => {
      throw fakeApiError(
        'INSTANCE_TRANSITION_INVALID',
        'An instance that is initialized cannot become completed.',
      );
    };
    const store = createInstanceHistoryStore(fake.client);
    await store.getState().open(1);
    expect(await store.getState().setStatus('completed', 'held')).toBe(false);
    expect(store.getState()).toMatchObject({
      instanceId: 1,
      changing: false,
      changeError: { code: 'INSTANCE_TRANSITION_INVALID' },
    });
  });

  it('drops an answer for an instance the user has already left', async () => {
    const slow = deferred<MethodOutput<'instances:history'>>();
    const fake = createFakeApiClient({
      'instances:history': (input) =>
        input?.instanceId === 1 ? slow.promise : { instance: instanceFixture(2), history: [] },
    });
    const store = createInstanceHistoryStore(fake.client);
    const first = store.getState().open(1);
    await store.getState().open(2);
    slow.resolve({ instance: instanceFixture(1), history: [] });
    await first;
    expect(store.getState().history?.instance.id).toBe(2);
  });
});
