import type { SyncStatus } from '../../src-preload/contract';

/** A complete SyncStatus for tests that care about a few fields. */
export function syncStatusFixture(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'idle',
    message: 'Up to date with Salesforce.',
    paused: false,
    lastSyncAt: null,
    nextSyncAt: null,
    intervalMinutes: 5,
    progress: null,
    lastRun: null,
    lastReconcile: null,
    apiUsage: null,
    retry: null,
    cachedLeads: 0,
    ...overrides,
  };
}

/** The fields a finished run leaves behind (or none, for null). */
export function lastRunFields(at: string | null): Pick<SyncStatus, 'lastSyncAt' | 'lastRun'> {
  return {
    lastSyncAt: at,
    lastRun: at ? { at, durationMs: 10, records: 1, changes: 1, apiCalls: 1 } : null,
  };
}
