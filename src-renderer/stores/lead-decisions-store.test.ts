import { describe, expect, it } from 'vitest';
import { decisionFixture } from '../../test/support/channel-answers-fixture';
import type { ChannelDecision, LogEntry, MethodOutput } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { createLeadDecisionsStore } from './lead-decisions-store';

const ADA = '00Q000000000001AAA';
const GRACE = '00Q000000000002AAA';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const logEntry = (kind: string, subject: string): LogEntry => ({
  id: 9,
  time: '2026-11-22T09:00:00.000Z',
  kind,
  subject,
  details: {},
});

describe('lead decisions store', () => {
  it('loads the channels’ decisions on the open Lead', async () => {
    const fake = createFakeApiClient({
      'channels:decisions': () => ({ decisions: [decisionFixture(1)] }),
    });
    const store = createLeadDecisionsStore(fake.client);
    await store.getState().open(ADA);
    expect(fake.calls).toEqual([
      { method: 'channels:decisions', input: { leadId: ADA, limit: 100 } },
    ]);
    expect(store.getState().decisions).toEqual([decisionFixture(1)]);
  });

  it('replays a timing event, shows what the channels decided, and reloads the list', async () => {
    let decisions: ChannelDecision[] = [decisionFixture(1)];
    const replayed = decisionFixture(2, { replay: true, effect: 'already_open' });
    const fake = createFakeApiClient({
      'channels:decisions': () => ({ decisions }),
      'channels:replay': () => {
        decisions = [replayed, ...decisions];
        return { decisions: [replayed] };
      },
    });
    const store = createLeadDecisionsStore(fake.client);
    await store.getState().open(ADA);
    const replaying = store.getState().replay(1);
    expect(store.getState().replayingChangeId).toBe(1);
    await replaying;
    expect(store.getState()).toMatchObject({
      replayingChangeId: null,
      lastReplay: { changeId: 1, decisions: [replayed] },
      decisions: [replayed, decisionFixture(1)],
    });
  });

  it('keeps a refused replay with the event it was for', async () => {
    const fake = createFakeApiClient({
      'channels:decisions': () => ({ decisions: [] }),
      'channels:replay': () => {
        throw fakeApiError('CHANGE_NOT_FOUND', 'That change is no longer recorded.');
      },
    });
    const store = createLeadDecisionsStore(fake.client);
    await store.getState().open(ADA);
    await store.getState().replay(5);
    expect(store.getState()).toMatchObject({
      replayingChangeId: null,
      replayError: { changeId: 5, code: 'CHANGE_NOT_FOUND' },
    });
  });

  it('reloads when the runner logs about the open Lead, and only that Lead', async () => {
    const fake = createFakeApiClient({ 'channels:decisions': () => ({ decisions: [] }) });
    const store = createLeadDecisionsStore(fake.client);
    store.getState().start();
    await store.getState().open(ADA);
    fake.emit('log:appended', logEntry('channel.fired', GRACE));
    fake.emit('log:appended', logEntry('sync.completed', ADA));
    fake.emit('log:appended', logEntry('channel.fired', ADA));
    await flush();
    expect(fake.calls.filter((c) => c.method === 'channels:decisions')).toHaveLength(2);
  });

  it('ignores an answer for a Lead the user has moved on from', async () => {
    const slow = deferred<MethodOutput<'channels:decisions'>>();
    const fake = createFakeApiClient({
      'channels:decisions': (input) =>
        input?.leadId === ADA ? slow.promise : { decisions: [decisionFixture(2)] },
    });
    const store = createLeadDecisionsStore(fake.client);
    const first = store.getState().open(ADA);
    await store.getState().open(GRACE);
    slow.resolve({ decisions: [decisionFixture(1)] });
    await first;
    expect(store.getState().decisions.map((d) => d.id)).toEqual([2]);
  });
});
