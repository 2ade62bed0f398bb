import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/api-client';
import type { HostLink } from '../api/host-link';

export interface HostLinkState {
  link: HostLink;
  /** Follows the transport's reports; returns the unsubscribe. */
  start(): () => void;
}

/**
 * Whether Leadbridge's host answers this window. Everything else the window shows was true
 * when the host last said it: while the host is away, screens must stop claiming it is now.
 */
export function createHostLinkStore(api: ApiClient) {
  return createStore<HostLinkState>()((set) => ({
    link: { state: 'open' },
    start: () => api.onHostLink((link) => set({ link })),
  }));
}

export type HostLinkStore = ReturnType<typeof createHostLinkStore>;
