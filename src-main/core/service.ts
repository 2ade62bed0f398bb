import type { AppInfo } from '../../src-preload/contract';
import type { Handlers } from './contract-dispatcher';
import type { ConnectionService } from './salesforce/connection-service';
import type { LogRepository } from './store/log-repository';
import type { SyncStatusTracker } from './sync/sync-status';

export interface ServiceParts {
  info: AppInfo;
  log: LogRepository;
  sync: SyncStatusTracker;
  connection: ConnectionService;
}

/** Implements every method of the contract on top of the core. */
export function createHandlers({ info, log, sync, connection }: ServiceParts): Handlers {
  return {
    'app:info': () => info,
    'log:list': (input) => log.list(input),
    'sync:status': () => sync.status(),
    'sync:now': () => sync.requestSync(),
    'sync:pause': () => sync.pause(),
    'sync:resume': () => sync.resume(),
    'connection:status': () => connection.refreshDetails(),
    'connection:connect': (input) => connection.connect(input.org, input.myDomain),
    'connection:cancel': () => connection.cancel(),
    'connection:disconnect': (input) => connection.disconnect(input.deleteCache),
  };
}
