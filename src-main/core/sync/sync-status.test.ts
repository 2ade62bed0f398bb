import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-preload/contract';
import { SettingsService } from '../settings';
import { LogRepository } from '../store/log-repository';
import { applyMigrations } from '../store/migrations';
import { migrations } from '../store/schema';
import { SyncStatusTracker } from './sync-status';

let log: LogRepository;
let saved: Record<string, unknown>;
let settings: SettingsService;

beforeEach(() => {
  const db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  log = new LogRepository(db, { now: () => 0 });
  saved = {};
  settings = new SettingsService({ load: () => saved, save: (value) => (saved = value) });
});

describe('SyncStatusTracker', () => {
  it('starts disconnected and says what to do', () => {
    const status = new SyncStatusTracker(settings, log).status();
    expect(status.state).toBe('disconnected');
    expect(status.message).toMatch(/connect/i);
  });

  it('pauses and resumes once each, telling listeners, the log and the settings', () => {
    const tracker = new SyncStatusTracker(settings, log);
    const heard: SyncStatus[] = [];
    tracker.onChange((status) => heard.push(status));
    tracker.pause();
    tracker.pause();
    expect(heard.map((s) => s.state)).toEqual(['paused']);
    expect(saved.syncPaused).toBe(true);
    tracker.resume();
    expect(heard.map((s) => s.state)).toEqual(['paused', 'disconnected']);
    expect(log.list({ limit: 10 }).entries.map((e) => e.kind)).toEqual([
      'sync.resumed',
      'sync.paused',
    ]);
  });

  it('remembers a pause across restarts', () => {
    new SyncStatusTracker(settings, log).pause();
    expect(new SyncStatusTracker(settings, log).status().state).toBe('paused');
  });

  it('logs why a Sync now could not run', () => {
    new SyncStatusTracker(settings, log).requestSync();
    expect(log.list({ limit: 1 }).entries[0]).toMatchObject({
      kind: 'sync.skipped',
      details: { reason: expect.stringMatching(/Not connected/) },
    });
  });
});
