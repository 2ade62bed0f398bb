import { createStore } from 'zustand/vanilla';
import type { MeetingType, MethodInput } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

export type MeetingTypeDraft = MethodInput<'meeting-types:create'>;

export interface MeetingTypesState {
  /** Live (not archived) meeting types, by name. */
  meetingTypes: MeetingType[];
  loaded: boolean;
  loading: boolean;
  loadError: UserError | null;
  /** Set while a create, edit or archive is on its way; one at a time. */
  saving: boolean;
  saveError: UserError | null;

  /** Re-reads the open-instance counts as instances change; returns the unsubscribe. */
  start(): () => void;
  load(): Promise<void>;
  /** Each resolves to whether the host accepted it; a refusal is in `saveError`. */
  create(draft: MeetingTypeDraft): Promise<boolean>;
  update(id: number, draft: MeetingTypeDraft): Promise<boolean>;
  archive(id: number): Promise<boolean>;
  dismissSaveError(): void;
}

/** Counts move with every instance change; a burst of changes is one re-read. */
export const COUNTS_REFRESH_MS = 500;

export function createMeetingTypesStore(api: ApiClient, refreshDelayMs = COUNTS_REFRESH_MS) {
  const later = createDebouncer(refreshDelayMs);

  return createStore<MeetingTypesState>()((set, get) => {
    const load = async () => {
      set({ loading: true });
      try {
        const { meetingTypes } = await api.call('meeting-types:list', {});
        set({ meetingTypes, loaded: true, loading: false, loadError: null });
      } catch (error) {
        set({ loading: false, loadError: toUserError(error) });
      }
    };

    const save = async (write: () => Promise<unknown>) => {
      if (get().saving) return false;
      set({ saving: true, saveError: null });
      try {
        await write();
        set({ saving: false });
        await load();
        return true;
      } catch (error) {
        set({ saving: false, saveError: toUserError(error) });
        return false;
      }
    };

    return {
      meetingTypes: [],
      loaded: false,
      loading: false,
      loadError: null,
      saving: false,
      saveError: null,

      start() {
        const stop = api.on('instances:changed', () => {
          if (get().loaded) later.schedule(() => void load());
        });
        return () => {
          later.cancel();
          stop();
        };
      },

      load,
      create: (draft) => save(() => api.call('meeting-types:create', draft)),
      update: (id, draft) => save(() => api.call('meeting-types:update', { id, ...draft })),
      archive: (id) => save(() => api.call('meeting-types:archive', { id })),
      dismissSaveError: () => set({ saveError: null }),
    };
  });
}

export type MeetingTypesStore = ReturnType<typeof createMeetingTypesStore>;
