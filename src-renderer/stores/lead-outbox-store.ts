import { createStore } from 'zustand/vanilla';
import type { OutboxItem } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

export interface LeadOutboxState {
  /** The Lead whose timeline shows its writes; null when none is open. */
  leadId: string | null;
  /** What Leadbridge wrote or will write to this Lead, newest first. */
  items: OutboxItem[];
  total: number;
  loading: boolean;
  error: UserError | null;

  /** Re-reads the open Lead's items as the outbox changes; returns the unsubscribe. */
  start(): () => void;
  open(leadId: string): Promise<void>;
  close(): void;
}

/** A timeline shows the latest writes; the Outbox view has them all. */
export const LEAD_OUTBOX_LIMIT = 50;

export function createLeadOutboxStore(
  api: ApiClient,
  refreshDelayMs = 400,
  limit = LEAD_OUTBOX_LIMIT,
) {
  const later = createDebouncer(refreshDelayMs);
  // Opening another Lead (or closing) makes an answer still on its way stale.
  let generation = 0;

  return createStore<LeadOutboxState>()((set, get) => {
    const load = async (leadId: string) => {
      const mine = ++generation;
      set({ loading: true });
      try {
        const { items, total } = await api.call('outbox:list', { leadId, limit, offset: 0 });
        if (mine !== generation) return;
        set({ items, total, loading: false, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    return {
      leadId: null,
      items: [],
      total: 0,
      loading: false,
      error: null,

      start() {
        // The status event does not say which Leads moved: an open timeline re-reads its own.
        const stop = api.on('outbox:changed', () => {
          if (get().leadId === null) return;
          later.schedule(() => {
            const { leadId } = get();
            if (leadId !== null) void load(leadId);
          });
        });
        return () => {
          later.cancel();
          stop();
        };
      },

      async open(leadId) {
        later.cancel();
        set({ leadId, items: [], total: 0, error: null });
        await load(leadId);
      },

      close() {
        later.cancel();
        generation++;
        set({ leadId: null, items: [], total: 0, loading: false, error: null });
      },
    };
  });
}

export type LeadOutboxStore = ReturnType<typeof createLeadOutboxStore>;
