import { createStore } from 'zustand/vanilla';
import type { AppInfo } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export interface AppInfoState {
  info: AppInfo | null;
  error: UserError | null;
  load(): Promise<void>;
  /** Why the last "Open logs folder" did not open it; null after a success. */
  logsFolderError: UserError | null;
  openLogsFolder(): Promise<void>;
}

export function createAppInfoStore(api: ApiClient) {
  return createStore<AppInfoState>()((set) => ({
    info: null,
    error: null,
    logsFolderError: null,
    async openLogsFolder() {
      try {
        await api.call('app:open-logs-folder');
        set({ logsFolderError: null });
      } catch (error) {
        set({ logsFolderError: toUserError(error) });
      }
    },
    async load() {
      try {
        set({ info: await api.call('app:info'), error: null });
      } catch (error) {
        set({ error: toUserError(error) });
      }
    },
  }));
}

export type AppInfoStore = ReturnType<typeof createAppInfoStore>;
