import { createStore } from 'zustand/vanilla';
import type { ChannelDecision } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export interface ReplayOutcome {
  changeId: number;
  decisions: ChannelDecision[];
}

export interface LeadDecisionsState {
  /** The Lead whose timeline shows them; null when none is open. */
  leadId: string | null;
  /** Newest first, as the host lists them. */
  decisions: ChannelDecision[];
  loading: boolean;
  error: UserError | null;
  /** The timing event a replay is on its way for. */
  replayingChangeId: number | null;
  lastReplay: ReplayOutcome | null;
  replayError: (UserError & { changeId: number }) | null;

  /** Reloads when the runner logs about the open Lead; returns the unsubscribe. */
  start(): () => void;
  open(leadId: string): Promise<void>;
  close(): void;
  replay(changeId: number): Promise<void>;
}

/** Log kinds that mean the open Lead's decisions may have changed. */
const ABOUT_DECISIONS = /^(lead|channel|instance)\./;

export function createLeadDecisionsStore(api: ApiClient) {
  // Opening another Lead (or closing) makes an answer still on its way stale.
  let generation = 0;

  return createStore<LeadDecisionsState>()((set, get) => {
    const load = async (leadId: string) => {
      const mine = ++generation;
      set({ loading: true });
      try {
        const { decisions } = await api.call('channels:decisions', { leadId, limit: 100 });
        if (mine !== generation) return;
        set({ decisions, loading: false, error: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    return {
      leadId: null,
      decisions: [],
      loading: false,
      error: null,
      replayingChangeId: null,
      lastReplay: null,
      replayError: null,

      start() {
        return api.on('log:appended', (entry) => {
          const { leadId } = get();
          if (leadId !== null && entry.subject === leadId && ABOUT_DECISIONS.test(entry.kind)) {
            void load(leadId);
          }
        });
      },

      async open(leadId) {
        set({
          leadId,
          decisions: [],
          error: null,
          replayingChangeId: null,
          lastReplay: null,
          replayError: null,
        });
        await load(leadId);
      },

      close() {
        generation++;
        set({
          leadId: null,
          decisions: [],
          loading: false,
          error: null,
          replayingChangeId: null,
          lastReplay: null,
          replayError: null,
        });
      },

      async replay(changeId) {
        const { leadId, replayingChangeId } = get();
        if (leadId === null || replayingChangeId !== null) return;
        set({ replayingChangeId: changeId, replayError: null, lastReplay: null });
        try {
          const { decisions } = await api.call('channels:replay', { changeId });
          if (get().leadId !== leadId) return;
          set({ replayingChangeId: null, lastReplay: { changeId, decisions } });
          await load(leadId);
        } catch (error) {
          if (get().leadId !== leadId) return;
          set({ replayingChangeId: null, replayError: { ...toUserError(error), changeId } });
        }
      },
    };
  });
}

export type LeadDecisionsStore = ReturnType<typeof createLeadDecisionsStore>;
