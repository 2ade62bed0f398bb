import { createStore } from 'zustand/vanilla';
import type { ConnectionStatus, MethodOutput, OrgKind } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export type ConnectionAction = 'connect' | 'cancel' | 'disconnect';

/** Where the host wants the Salesforce sign-in page opened, and its address. */
export type SignInPage = MethodOutput<'connection:connect'>;

export interface ConnectionStoreState {
  /** Null until the host first answers. */
  status: ConnectionStatus | null;
  /** The button the user pressed, while its call is on its way. */
  pending: ConnectionAction | null;
  /** The sign-in page this window started, kept while that sign-in may still be awaited. */
  signIn: SignInPage | null;
  /** Reading the status failed; the last status known is kept. */
  loadError: UserError | null;
  /** The last pressed action failed; shown next to that action. */
  actionError: (UserError & { action: ConnectionAction }) | null;

  /** Loads the status and follows `connection:changed`; returns the unsubscribe. */
  start(): () => void;
  refresh(): Promise<void>;
  /** Resolves to the sign-in page, or null when the host refused (see `actionError`). */
  connect(org: OrgKind, myDomain?: string): Promise<SignInPage | null>;
  cancel(): Promise<void>;
  disconnect(deleteCache: boolean): Promise<void>;
  dismissActionError(): void;
}

export function createConnectionStore(api: ApiClient) {
  // Bumped whenever a status arrives by event or as an action's answer: a status read that
  // was sent before then answers with something older and must not overwrite it.
  let version = 0;

  return createStore<ConnectionStoreState>()((set, get) => {
    const apply = (status: ConnectionStatus) => {
      version++;
      const settled = status.state === 'connected' || status.state === 'disconnected';
      set({ status, ...(settled ? { signIn: null } : {}) });
    };

    const act = async <T>(action: ConnectionAction, call: () => Promise<T>): Promise<T | null> => {
      if (get().pending) return null;
      set({ pending: action, actionError: null });
      try {
        const value = await call();
        set({ pending: null });
        return value;
      } catch (error) {
        set({ pending: null, actionError: { action, ...toUserError(error) } });
        return null;
      }
    };

    const refresh = async () => {
      const sentAt = version;
      try {
        const status = await api.call('connection:status');
        if (sentAt === version) apply(status);
        set({ loadError: null });
      } catch (error) {
        set({ loadError: toUserError(error) });
      }
    };

    return {
      status: null,
      pending: null,
      signIn: null,
      loadError: null,
      actionError: null,

      start() {
        const unsubscribe = api.on('connection:changed', apply);
        void refresh();
        return unsubscribe;
      },

      refresh,

      connect(org, myDomain) {
        return act('connect', async () => {
          const input = org === 'my-domain' ? { org, myDomain: myDomain ?? '' } : { org };
          const page = await api.call('connection:connect', input);
          set({ signIn: page });
          return page;
        });
      },

      async cancel() {
        await act('cancel', async () => {
          apply(await api.call('connection:cancel'));
          set({ signIn: null });
        });
      },

      async disconnect(deleteCache) {
        await act('disconnect', async () => {
          apply(await api.call('connection:disconnect', { deleteCache }));
        });
      },

      dismissActionError: () => set({ actionError: null }),
    };
  });
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
