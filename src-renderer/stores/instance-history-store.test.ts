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

  it('sends a booking with its facts, and no booking with any other status', async () => {
    const fake = hostWith([instanceFixture(1, { status: 'invited' })]);
    fake.handlers['instances:set-status'] = () => ({
      instance: instanceFixture(1, { status: 'booked' }),
      created: false,
    });
    const store = createInstanceHistoryStore(fake.client);
    await store.getState().open(1);
    const booking = {
      start: '2026-12-01T15:00:00.000Z',
      end: '2026-12-01T15:30:00.000Z',
      hostEmail: 'alex.host@leadbridge.demo',
      meetingUrl: 'https://meet.example.com/abc',
    };
    expect(await store.getState().setStatus('booked', 'Booked on the phone', booking)).toBe(true);
    await store.getState().setStatus('completed', 'held');
    const sent = fake.calls.filter((c) => c.method === 'instances:set-status').map((c) => c.input);
    expect(sent).toEqual([
      { instanceId: 1, status: 'booked', reason: 'Booked on the phone', booking },
      { instanceId: 1, status: 'completed', reason: 'held' },
    ]);
  });

  it('records an attempt, says whether a Task was queued, and reloads the instance', async () => {
    const fake = hostWith([instanceFixture(1, { status: 'activated' })]);
    let taskItem: number | null = 41;
    fake.handlers['instances:record-attempt'] = (input) => ({
      instance: instanceFixture(input!.instanceId, { status: 'invited' }),
      outboxItemId: taskItem,
    });
    const store = createInstanceHistoryStore(fake.client);
    await store.getState().open(1);
    expect(await store.getState().recordAttempt('invite')).toBe(true);
    expect(fake.calls.find((c) => c.method === 'instances:record-attempt')?.input).toEqual({
      instanceId: 1,
      kind: 'invite',
    });
    expect(store.getState().attemptNote).toBe(
      'Invite recorded; a Task is on its way to the Lead in Salesforce.',
    );
    expect(fake.calls.filter((c) => c.method === 'instances:history')).toHaveLength(2);

    taskItem = null;
    await store.getState().recordAttempt('email');
    expect(store.getState().attemptNote).toBe(
      'Email recorded. Task logging is off for this meeting type, so nothing is written to Salesforce.',
    );
  });

  it('shows a refused attempt and sends one attempt at a time', async () => {
    const fake = hostWith([instanceFixture(1, { status: 'completed', isOpen: false })]);
    const answer = deferred<MethodOutput<'instances:record-attempt'>>();
    fake.handlers['instances:record-attempt'] = () => answer.promise;
    const store = createInstanceHistoryStore(fake.client);
    await store.getState().open(1);
    const first = store.getState().recordAttempt('invite');
    expect(await store.getState().recordAttempt('invite')).toBe(false);
    answer.reject(fakeApiError('INSTANCE_CLOSED', 'This instance is closed: activate it first.'));
    expect(await first).toBe(false);
    expect(store.getState()).toMatchObject({
      recording: null,
      attemptNote: null,
      attemptError: { code: 'INSTANCE_CLOSED' },
    });
    expect(fake.calls.filter((c) => c.method === 'instances:record-attempt')).toHaveLength(1);
  });
});
