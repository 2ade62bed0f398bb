import { describe, expect, it } from 'vitest';
import { formatCountdown, nextSyncText } from './format-countdown';
import { formatDuration } from './format-duration';
import { syncProgressLook } from './format-sync-progress';

describe('countdown to the next sync', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
  const idle = { state: 'idle' as const, paused: false };

  it('reads minutes and zero-padded seconds, with hours past an hour', () => {
    expect(formatCountdown(252_000)).toBe('4:12');
    expect(formatCountdown(9_000)).toBe('0:09');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });

  it('rounds up, so a sync due in 4:59.2 never reads 4:59 while a second is left over', () => {
    expect(formatCountdown(299_200)).toBe('5:00');
  });

  it('says when the next sync runs, or why there is none', () => {
    expect(nextSyncText({ ...idle, nextSyncAt: at(252) }, now)).toBe('Next sync in 4:12');
    expect(nextSyncText({ ...idle, nextSyncAt: at(-1) }, now)).toBe('Starting…');
    expect(nextSyncText({ ...idle, nextSyncAt: null }, now)).toBe('—');
    expect(nextSyncText({ state: 'disconnected', paused: false, nextSyncAt: null }, now)).toBe(
      'Starts once an org is connected',
    );
    expect(nextSyncText({ state: 'paused', paused: true, nextSyncAt: null }, now)).toBe('Paused');
    expect(nextSyncText({ state: 'syncing', paused: false, nextSyncAt: null }, now)).toBe(
      'Syncing now',
    );
  });
});

describe('sync progress', () => {
  it('shows an import against the counted total, with pages', () => {
    const look = syncProgressLook({
      phase: 'import',
      pages: 2,
      records: 400,
      estimatedTotal: 1000,
    });
    expect(look.percent).toBe(40);
    expect(look.label).toBe('Importing Leads: 400 of 1,000 · 2 pages');
  });

  it('shows how far a reconciliation has compared the org’s Leads', () => {
    const look = syncProgressLook({
      phase: 'reconcile',
      pages: 3,
      records: 6000,
      estimatedTotal: 10_000,
    });
    expect(look).toEqual({
      percent: 60,
      label: 'Reconciling with Salesforce: 6,000 of 10,000 Leads compared · 3 pages',
    });
  });

  it('draws an indeterminate bar when the total is unknown or for an incremental sync', () => {
    expect(
      syncProgressLook({ phase: 'import', pages: 1, records: 200, estimatedTotal: null }).percent,
    ).toBeNull();
    const incremental = syncProgressLook({
      phase: 'incremental',
      pages: 1,
      records: 1,
      estimatedTotal: 1,
    });
    expect(incremental).toEqual({
      percent: null,
      label: 'Checking for changes: 1 record · 1 page',
    });
  });
});

describe('durations', () => {
  it('stays short and readable', () => {
    expect(formatDuration(44)).toBe('44 ms');
    expect(formatDuration(2_430)).toBe('2.4 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(72_000)).toBe('1 min 12 s');
    expect(formatDuration(120_000)).toBe('2 min');
  });
});
