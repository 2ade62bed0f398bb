import path from 'node:path';
import fs from 'node:fs';
import type { HostKind } from '../../src-preload/contract';
import type { Handlers } from './contract-dispatcher';
import { EventBus } from './event-bus';
import type { Clock, Logger, SecretStore, SettingsStore } from './ports';
import { SettingsService } from './settings';
import { createHandlers } from './service';
import { openDatabase } from './store/database';
import { LogRepository } from './store/log-repository';
import { SyncStatusTracker } from './sync/sync-status';

export interface CoreDependencies {
  dataDirectory: string;
  hostKind: HostKind;
  appVersion: string;
  settingsStore: SettingsStore;
  secretStore: SecretStore;
  clock: Clock;
  logger: Logger;
}

export interface LeadbridgeCore {
  handlers: Handlers;
  events: EventBus;
  log: LogRepository;
  sync: SyncStatusTracker;
  close(): void;
}

/** Composes the product from its parts; each host calls this once with its own adapters. */
export function createLeadbridgeCore(deps: CoreDependencies): LeadbridgeCore {
  fs.mkdirSync(deps.dataDirectory, { recursive: true, mode: 0o700 });
  const { db, migrations } = openDatabase(path.join(deps.dataDirectory, 'leadbridge.db'));
  const events = new EventBus();
  const log = new LogRepository(db, deps.clock);
  log.onAppended((entry) => events.emit('log:appended', entry));
  const settings = new SettingsService(deps.settingsStore);
  const sync = new SyncStatusTracker(settings, log);
  sync.onChange((status) => events.emit('sync:status', status));

  const handlers = createHandlers({
    info: {
      name: 'Leadbridge',
      version: deps.appVersion,
      dataDirectory: deps.dataDirectory,
      hostKind: deps.hostKind,
      platform: process.platform,
    },
    log,
    sync,
  });
  log.append('app.started', null, {
    host: deps.hostKind,
    version: deps.appVersion,
    migrationsApplied: migrations.applied,
  });
  deps.logger.info('core started', { host: deps.hostKind, migrations: migrations.applied.length });

  return { handlers, events, log, sync, close: () => db.close() };
}
