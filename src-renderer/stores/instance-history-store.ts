import { createStore } from 'zustand/vanilla';
import type {
  AdminInstanceStatus,
  AttemptKind,
  MethodInput,
  MethodOutput,
} from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export type InstanceHistory = MethodOutput<'instances:history'>;
/** A booked meeting's facts as the booking form sends them. */
export type BookingInput = NonNullable<MethodInput<'instances:set-status'>['booking']>;

export interface InstanceHistoryState {
  /** The instance whose drawer is open; null when closed. */
  instanceId: number | null;
  history: InstanceHistory | null;
  loading: boolean;
  error: UserError | null;
  changing: boolean;
  changeError: UserError | null;
  /** The attempt being recorded, one at a time. */
  recording: AttemptKind | null;
  /** What recording the last attempt did, in words (whether a Task was queued). */
  attemptNote: string | null;
  attemptError: UserError | null;

  /** Reloads the open history when its instance changes; returns the unsubscribe. */
  start(): () => void;
  open(instanceId: number): Promise<void>;
  /**
   * An admin's status change. Activating a closed instance starts a new one: the drawer
   * then shows the new instance. `booked` takes the meeting's facts (and only it does).
   * Resolves to whether the host accepted it.
   */
  setStatus(status: AdminInstanceStatus, reason: string, booking?: BookingInput): Promise<boolean>;
  /** An invite or email sent to the prospect by hand, until the meeting platform reports them. */
  recordAttempt(kind: AttemptKind): Promise<boolean>;
  close(): void;
  dismissChangeError(): void;
}

const NO_ACTION_YET = { changeError: null, attemptNote: null, attemptError: null };

function attemptNote(kind: AttemptKind, taskQueued: boolean): string {
  const what = kind === 'invite' ? 'Invite recorded' : 'Email recorded';
  return taskQueued
    ? `${what}; a Task is on its way to the Lead in Salesforce.`
    : `${what}. Task logging is off for this meeting type, so nothing is written to Salesforce.`;
}

export function createInstanceHistoryStore(api: ApiClient) {
  // Opening another instance (or closing) makes an answer still on its way stale.
  let generation = 0;

  return createStore<InstanceHistoryState>()((set, get) => {
    const load = async (instanceId: number, keepShown: boolean) => {
      const mine = ++generation;
      set({ loading: true, error: null, ...(keepShown ? {} : { history: null }) });
      try {
        const history = await api.call('instances:history', { instanceId });
        if (mine !== generation) return;
        set({ history, loading: false });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toUserError(error) });
      }
    };

    return {
      instanceId: null,
      history: null,
      loading: false,
      error: null,
      changing: false,
      changeError: null,
      recording: null,
      attemptNote: null,
      attemptError: null,

      start() {
        return api.on('instances:changed', ({ changes }) => {
          const { instanceId, changing, recording } = get();
          // The drawer's own change reloads when its answer comes.
          if (instanceId === null || changing || recording !== null) return;
          if (changes.some((change) => change.instanceId === instanceId)) {
            void load(instanceId, true);
          }
        });
      },

      async open(instanceId) {
        set({ instanceId, ...NO_ACTION_YET });
        await load(instanceId, false);
      },

      async setStatus(status, reason, booking) {
        const { instanceId, changing } = get();
        if (instanceId === null || changing) return false;
        set({ changing: true, changeError: null, attemptNote: null });
        try {
          const { instance } = await api.call('instances:set-status', {
            instanceId,
            status,
            reason,
            ...(booking ? { booking } : {}),
          });
          set({ changing: false, instanceId: instance.id });
          await load(instance.id, instance.id === instanceId);
          return true;
        } catch (error) {
          set({ changing: false, changeError: toUserError(error) });
          return false;
        }
      },

      async recordAttempt(kind) {
        const { instanceId, recording } = get();
        if (instanceId === null || recording !== null) return false;
        set({ recording: kind, attemptError: null, attemptNote: null });
        try {
          const { instance, outboxItemId } = await api.call('instances:record-attempt', {
            instanceId,
            kind,
          });
          set({ recording: null, attemptNote: attemptNote(kind, outboxItemId !== null) });
          await load(instance.id, true);
          return true;
        } catch (error) {
          set({ recording: null, attemptError: toUserError(error) });
          return false;
        }
      },

      close() {
        generation++;
        set({ instanceId: null, history: null, loading: false, error: null, ...NO_ACTION_YET });
      },

      dismissChangeError: () => set({ changeError: null, attemptError: null }),
    };
  });
}

export type InstanceHistoryStore = ReturnType<typeof createInstanceHistoryStore>;
