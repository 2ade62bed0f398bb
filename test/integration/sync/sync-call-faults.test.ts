import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-preload/contract';
import { SALESFORCE_API_VERSION } from '../../../src-main/core/salesforce/api-version';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { FAULT_KINDS, type FaultKind } from '../../../src-main/demo-org/faults';
import { createConnectedCore, syncNow } from '../../support/connected-core';

// A sync meets every fault the demo org offers, every time, in each call it makes: the status
// always leaves "syncing", and when the sync failed it says what happened and when it retries
// (or, when the sign-in is gone, what to do). Short call limits stand in for the real ones.
const CALL_LIMITS = { timeoutMs: 300, attempts: 2, retryDelayMs: 10 };
const DATA = `/services/data/v${SALESFORCE_API_VERSION}`;

const SYNC_CALLS: Record<string, { match: string; expireFirst?: boolean }> = {
  describe: { match: '/sobjects/Lead/describe' },
  queryAll: { match: '/queryAll' },
  query: { match: `${DATA}/query` },
  token: { match: '/services/oauth2/token', expireFirst: true },
};

let org: DemoOrgHandle;
let harness: Awaited<ReturnType<typeof createConnectedCore>> | undefined;

beforeAll(async () => {
  org = await startDemoOrg({ leads: 40, seed: 'sync-call-faults' });
});
afterAll(async () => org.close());
afterEach(() => {
  harness?.core.dispose();
  harness = undefined;
  org.clearFaults();
});

async function syncMeeting(kind: FaultKind, call: string): Promise<SyncStatus> {
  harness = await createConnectedCore(org, undefined, { salesforceCallLimits: CALL_LIMITS });
  const spec = SYNC_CALLS[call]!;
  if (spec.expireFirst) org.expireSessions();
  org.injectFault(kind, { ratio: 1, ms: 50, match: spec.match });
  return syncNow(harness.core);
}

const cases = Object.keys(SYNC_CALLS).flatMap((call) =>
  FAULT_KINDS.map((kind) => ({ call, kind })),
);

describe('sync status under every fault in every call of a sync', () => {
  it.each(cases)(
    '$kind in $call: the status leaves syncing and says what happened and what next',
    async ({ call, kind }) => {
      const status = await syncMeeting(kind, call);
      expect(status.state).not.toBe('syncing');
      expect(status.progress).toBeNull();
      if (status.state === 'idle') return;
      expect(status.state).toBe('error');
      expect(status.message).not.toMatch(/<[a-z!]/i);
      if (harness!.core.connection.status().state === 'reconnect-needed') {
        expect(status.message).toMatch(/connect/i);
        expect(status.nextSyncAt).toBeNull();
      } else if (kind === 'request-limit-exceeded' && call !== 'token') {
        // The org's allowance is spent: the schedule waits for the usage, not for a time.
        expect(status.message).toMatch(/waits until the org's API usage is under the 90% cap/);
        expect(status.nextSyncAt).toBeNull();
      } else {
        expect(status.message).toMatch(/tries again in \d+ minutes?/);
        expect(status.nextSyncAt).not.toBeNull();
      }
    },
  );

  it('a failing call says so while it is asked again, not only once every attempt failed', async () => {
    harness = await createConnectedCore(org, undefined, { salesforceCallLimits: CALL_LIMITS });
    const seen: SyncStatus[] = [];
    harness.core.sync.onChange((status) => seen.push(status));
    org.injectFault('503', { ratio: 1, match: SYNC_CALLS.describe!.match });
    await syncNow(harness.core);
    const retrying = seen.find((status) => status.retry !== null);
    expect(retrying).toMatchObject({
      state: 'syncing',
      retry: { attempt: 2, attempts: 2, failure: 'HTTP 503' },
      message:
        'A call to Salesforce failed (HTTP 503). Leadbridge is asking again: attempt 2 of 2.',
    });
    expect(seen.at(-1)).toMatchObject({ state: 'error', retry: null });
  });

  it('a stalled describe: the status names the timeout and the retry', async () => {
    const status = await syncMeeting('stall', 'describe');
    expect(status.message).toMatch(
      /did not finish answering within 1 seconds?.*tries again in 1 minute/,
    );
  });

  it('a refresh refused for login hours or IP: retried later, not a reconnect', async () => {
    const status = await syncMeeting('invalid-grant-ip-or-hours', 'token');
    expect(harness!.core.connection.status().state).toBe('connected');
    expect(status.message).toMatch(/login IP ranges or login hours.*tries again in \d+ minutes?/);
  });

  it('a refresh refused as expired: reconnect needed, with the reason on the status and the connection', async () => {
    const status = await syncMeeting('invalid-grant-expired', 'token');
    const connection = harness!.core.connection.status();
    expect(connection.state).toBe('reconnect-needed');
    expect(connection.message).toMatch(/refresh token expired or was revoked/);
    expect(status.message).toMatch(/refresh token expired or was revoked/);
  });

  it('an inactive user: reconnect needed, and the admin is the one to ask', async () => {
    await syncMeeting('invalid-grant-inactive-user', 'token');
    expect(harness!.core.connection.status().message).toMatch(/inactive.*reactivate the user/);
  });
});
