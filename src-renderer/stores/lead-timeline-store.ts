import { createStore } from 'zustand/vanilla';
import type { MethodOutput } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export type LeadTimeline = MethodOutput<'leads:timeline'>;

export interface LeadTimelineState {
  /** The Lead whose drawer is open; null when closed. */
  leadId: string | null;
  timeline: LeadTimeline | null;
  loading: boolean;
  error: UserError | null;

  /** Reloads the open timeline when a sync logs a change to its Lead; returns the unsubscribe. */
  start(): () => void;
  open(leadId: string): Promise<void>;
  reload(): Promise<void>;
  close(): void;
}

export function createLeadTimelineStore(api: ApiClient) {
  // Opening another Lead (or closing) makes an answer still on its way stale.
  let generation = 0;

  return createStore<LeadTimelineState>()((set, get) => {
    const load = async (leadId: string, keepShown: boolean) => {
      const mine = ++generation;
      set({ loading: true, error: null, ...(keepShown ? {} : { timeline: null }) });
      try {
        const timeline = await api.call('leads:timeline', { leadId });
        if (mine !== generation) return;
        set({ timeline, loading: false });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    return {
      leadId: null,
      timeline: null,
      loading: false,
      error: null,

      start() {
        return api.on('log:appended', (entry) => {
          const { leadId } = get();
          if (leadId !== null && entry.subject === leadId && entry.kind.startsWith('lead.')) {
            void load(leadId, true);
          }
        });
      },

      async open(leadId) {
        set({ leadId });
        await load(leadId, false);
      },

      async reload() {
        const { leadId } = get();
        if (leadId !== null) await load(leadId, true);
      },

      close() {
        generation++;
        set({ leadId: null, timeline: null, loading: false, error: null });
      },
    };
  });
}

export type LeadTimelineStore = ReturnType<typeof createLeadTimelineStore>;
