import { createStore } from 'zustand/vanilla';
import type { AppNotification } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';

export interface ShownNotification extends AppNotification {
  id: number;
}

export interface NotificationsState {
  /** Oldest first; each stays until dismissed or no longer true. */
  shown: ShownNotification[];
  /** Follows `notification:raised`; returns the unsubscribe. */
  start(): () => void;
  dismiss(id: number): void;
}

/**
 * The host's notifications as the window shows them. The host decides when one is due (once
 * per occurrence); the window only keeps one of each title, and drops "Reconnect needed"
 * once connected again, so nothing it shows contradicts the rest of the screen.
 */
export function createNotificationsStore(api: ApiClient) {
  let nextId = 0;
  return createStore<NotificationsState>()((set) => ({
    shown: [],

    start() {
      const stops = [
        api.on('notification:raised', (notification) => {
          nextId += 1;
          set((state) => ({
            shown: [
              ...state.shown.filter(
                (shown) => shown.kind !== notification.kind || shown.title !== notification.title,
              ),
              { ...notification, id: nextId },
            ],
          }));
        }),
        api.on('connection:changed', (status) => {
          if (status.state !== 'connected') return;
          set((state) => ({
            shown: state.shown.filter((shown) => shown.kind !== 'reconnect-needed'),
          }));
        }),
      ];
      return () => stops.forEach((stop) => stop());
    },

    dismiss(id) {
      set((state) => ({ shown: state.shown.filter((shown) => shown.id !== id) }));
    },
  }));
}
