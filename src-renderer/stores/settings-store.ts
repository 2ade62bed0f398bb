import { createStore } from 'zustand/vanilla';
import type { UserSettings } from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { toUserError, type UserError } from './user-error';

export interface SettingsStoreState {
  /** What the host last said is saved; null until it first answers. */
  settings: UserSettings | null;
  loading: boolean;
  saving: boolean;
  loadError: UserError | null;
  saveError: UserError | null;
  /** When the last save since the settings were read succeeded (ms), so the form can confirm it. */
  savedAt: number | null;

  load(): Promise<void>;
  /** Sends only the fields that differ from the saved ones; resolves to whether it saved. */
  save(draft: UserSettings): Promise<boolean>;
  dismissSaveError(): void;
}

export function createSettingsStore(api: ApiClient, now: () => number = Date.now) {
  return createStore<SettingsStoreState>()((set, get) => ({
    settings: null,
    loading: false,
    saving: false,
    loadError: null,
    saveError: null,
    savedAt: null,

    async load() {
      // A confirmation from an earlier visit would read as if something was just saved.
      set({ loading: true, savedAt: null });
      try {
        set({ settings: await api.call('settings:get'), loading: false, loadError: null });
      } catch (error) {
        set({ loading: false, loadError: toUserError(error) });
      }
    },

    async save(draft) {
      const { settings, saving } = get();
      if (saving) return false;
      // A pasted consumer key often carries a stray space or newline.
      const clean = { ...draft, salesforceClientId: draft.salesforceClientId.trim() };
      // The host logs which keys changed; an untouched field must not appear changed.
      const changes = settings ? changedFields(settings, clean) : clean;
      if (Object.keys(changes).length === 0) return true;
      set({ saving: true, saveError: null });
      try {
        const saved = await api.call('settings:update', changes);
        set({ settings: saved, saving: false, savedAt: now() });
        return true;
      } catch (error) {
        set({ saving: false, saveError: toUserError(error) });
        return false;
      }
    },

    dismissSaveError: () => set({ saveError: null }),
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export function changedFields(saved: UserSettings, draft: UserSettings): Partial<UserSettings> {
  const changed = Object.entries(draft).filter(
    ([key, value]) => saved[key as keyof UserSettings] !== value,
  );
  return Object.fromEntries(changed) as Partial<UserSettings>;
}
