import { describe, expect, it } from 'vitest';
import type { LeadChange, LogEntry, MethodOutput } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { createLeadTimelineStore } from './lead-timeline-store';

const ADA = '00Q000000000001AAA';
const GRACE = '00Q000000000002AAA';

function timeline(leadId: string, name: string, changes: LeadChange[] = []) {
  return {
    lead: {
      id: leadId,
      name,
      email: null,
      company: null,
      status: 'Open',
      systemModstamp: '2025-01-01T00:00:00Z',
      isDeleted: false,
      isConverted: false,
      fields: {},
    },
    changes,
  };
}

const statusChange: LeadChange = {
  id: 1,
  leadId: ADA,
  kind: 'changed',
  field: 'Status',
  oldValue: 'Open',
  newValue: 'Working',
  systemModstamp: '2025-01-01T00:00:00Z',
  detectedAt: '2025-01-01T00:01:00Z',
};

const logEntry = (kind: string, subject: string | null): LogEntry => ({
  id: 9,
  time: '2025-01-01T00:00:00Z',
  kind,
  subject,
  details: {},
});

describe('lead timeline store', () => {
  it('opens a Lead and loads its timeline', async () => {
    const fake = createFakeApiClient({
      'leads:timeline': (input) => timeline(input?.leadId ?? '', 'Ada', [statusChange]),
    });
    const store = createLeadTimelineStore(fake.client);
    const opening = store.getState().open(ADA);
    expect(store.getState()).toMatchObject({ leadId: ADA, loading: true, timeline: null });
    await opening;
    expect(fake.calls).toEqual([{ method: 'leads:timeline', input: { leadId: ADA } }]);
    expect(store.getState().timeline?.changes).toEqual([statusChange]);
    expect(store.getState().loading).toBe(false);
  });

  it('shows the host error, e.g. a Lead not in the cache', async () => {
    const fake = createFakeApiClient({
      'leads:timeline': () => {
        throw fakeApiError(
          'LEAD_NOT_CACHED',
          'Lead is not in the local cache. Sync, then try again.',
        );
      },
    });
    const store = createLeadTimelineStore(fake.client);
    await store.getState().open(ADA);
    expect(store.getState()).toMatchObject({
      leadId: ADA,
      timeline: null,
      loading: false,
      error: { code: 'LEAD_NOT_CACHED' },
    });
  });

  it('ignores the answer for a Lead the user has moved on from', async () => {
    const slow = deferred<MethodOutput<'leads:timeline'>>();
    const fake = createFakeApiClient({
      'leads:timeline': (input) =>
        input?.leadId === ADA ? slow.promise : timeline(GRACE, 'Grace'),
    });
    const store = createLeadTimelineStore(fake.client);
    const first = store.getState().open(ADA);
    await store.getState().open(GRACE);
    slow.resolve(timeline(ADA, 'Ada'));
    await first;
    expect(store.getState().timeline?.lead.name).toBe('Grace');
  });

  it('closing clears it, and a late answer does not reopen it', async () => {
    const slow = deferred<MethodOutput<'leads:timeline'>>();
    const fake = createFakeApiClient({ 'leads:timeline': () => slow.promise });
    const store = createLeadTimelineStore(fake.client);
    const opening = store.getState().open(ADA);
    store.getState().close();
    slow.resolve(timeline(ADA, 'Ada'));
    await opening;
    expect(store.getState()).toMatchObject({ leadId: null, timeline: null, loading: false });
  });

  it('reloads the open timeline when a sync logs a change to that Lead only', async () => {
    let changes: LeadChange[] = [];
    const fake = createFakeApiClient({
      'leads:timeline': () => timeline(ADA, 'Ada', changes),
    });
    const store = createLeadTimelineStore(fake.client);
    store.getState().start();
    await store.getState().open(ADA);

    fake.emit('log:appended', logEntry('lead.changed', GRACE));
    fake.emit('log:appended', logEntry('sync.completed', null));
    expect(fake.calls).toHaveLength(1);

    changes = [statusChange];
    fake.emit('log:appended', logEntry('lead.changed', ADA));
    // The drawer keeps showing the old timeline while the new one loads.
    expect(store.getState().timeline).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().timeline?.changes).toEqual([statusChange]);
  });

  it('asks nothing when a change arrives while no timeline is open', () => {
    const fake = createFakeApiClient();
    const store = createLeadTimelineStore(fake.client);
    store.getState().start();
    fake.emit('log:appended', logEntry('lead.changed', ADA));
    expect(fake.calls).toHaveLength(0);
  });
});
