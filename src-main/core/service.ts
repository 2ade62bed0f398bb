import type { AppInfo } from '../../src-preload/contract';
import type { Handlers } from './contract-dispatcher';
import type { ConnectionService } from './salesforce/connection-service';
import type { SettingsService } from './settings';
import type { LogRepository } from './store/log-repository';
import type { SyncStatusTracker } from './sync/sync-status';

export interface ServiceParts {
  info: AppInfo;
  log: LogRepository;
  sync: SyncStatusTracker;
  connection: ConnectionService;
  settings: SettingsService;
}

/** Implements every method of the contract on top of the core. */
export function createHandlers({ info, log, sync, connection, settings }: ServiceParts): Handlers {
  const userSettings = () => {
    const { syncIntervalMinutes, oauthScopes, salesforceClientId } = settings.get();
    return { syncIntervalMinutes, oauthScopes, salesforceClientId };
  };
  return {
    'app:info': () => info,
    'log:list': (input) => log.list(input),
    'sync:status': () => sync.status(),
    'sync:now': () => sync.requestSync(),
    'sync:pause': () => sync.pause(),
    'sync:resume': () => sync.resume(),
    'settings:get': userSettings,
    'settings:update': (input) => {
      settings.update(input);
      sync.setInterval(settings.get().syncIntervalMinutes);
      log.append('settings.changed', null, { keys: Object.keys(input) });
      return userSettings();
    },
    'connection:status': () => connection.refreshDetails(),
    'connection:connect': (input) => connection.connect(input.org, input.myDomain),
    'connection:cancel': () => connection.cancel(),
    'connection:disconnect': (input) => connection.disconnect(input.deleteCache),
  };
}
