import { createStore } from 'zustand/vanilla';
import {
  channelDraftSchema,
  type Channel,
  type ChannelAction,
  type ChannelDraft,
  type ChannelKind,
  type ChannelPreview,
  type ChannelRuleError,
  type UpdateSpec,
} from '../../src-preload/contract';
import type { ApiClient } from '../api/api-client';
import { createDebouncer } from './debouncer';
import { toUserError, type UserError } from './user-error';

/** The form as the admin fills it: a meeting type may not be chosen yet. */
export type EditorDraft = Omit<ChannelDraft, 'meetingTypeId'> & { meetingTypeId: number | null };

/**
 * Problems of the form's own fields (name, meeting type, an Update channel's statuses and
 * writes…), by field, before the host is asked.
 */
export type FormErrors = Partial<
  Record<'name' | 'meetingTypeId' | 'action' | 'timeZone' | 'statuses' | 'writes', string>
>;

export interface ChannelEditorState {
  opened: boolean;
  /** The saved channel being edited; null for a new one not saved yet. */
  channelId: number | null;
  draft: EditorDraft;
  formErrors: FormErrors;
  /**
   * Form fields the admin has changed: their problems show at once. The others show only
   * after a save or preview was tried, so a fresh form does not open covered in red.
   */
  touched: Partial<Record<keyof FormErrors, true>>;
  attempted: boolean;
  /** channels:validate's answer for the current draft, at each rule's path. */
  ruleErrors: ChannelRuleError[];
  /** A validation is scheduled or on its way: the errors shown may be of an older draft. */
  validating: boolean;
  /** The host could not validate at all (not connected, no describe yet…). */
  validateError: UserError | null;
  preview: ChannelPreview | null;
  /** The draft changed since the preview shown was made. */
  previewStale: boolean;
  previewing: boolean;
  previewError: UserError | null;
  saving: boolean;
  saveError: UserError | null;

  openNew(options: { meetingTypeId: number | null; timeZone: string }): void;
  openExisting(channel: Channel): void;
  close(): void;
  /** Changes part of the draft; validation follows after a pause in the editing. */
  edit(changes: Partial<EditorDraft>): void;
  editRules(changes: Partial<EditorDraft['rules']>): void;
  /** Switches the kind and its action; an Update channel gets statuses and writes. */
  setKind(kind: ChannelKind, action: ChannelAction): void;
  /** An Update channel's statuses or writes. */
  editUpdate(changes: Partial<UpdateSpec>): void;
  validateNow(): Promise<void>;
  runPreview(): Promise<void>;
  /** Creates (disabled) or saves a new version; resolves to the saved channel, or null. */
  save(): Promise<Channel | null>;
}

/** Long enough not to ask on every keystroke, short enough that an error shows as you type. */
export const VALIDATE_DEBOUNCE_MS = 400;

const FORM_FIELDS = new Set(['name', 'meetingTypeId', 'action', 'timeZone', 'statuses', 'writes']);

/** A new Update channel fires on a booking, the status most write-backs are about. */
export const NEW_UPDATE_SPEC: UpdateSpec = { statuses: ['booked'], writes: [] };

export function blankDraft(meetingTypeId: number | null, timeZone: string): EditorDraft {
  return {
    meetingTypeId,
    name: '',
    kind: 'import',
    action: 'initialize_and_activate',
    interceptScope: 'meeting_type',
    rules: { conditions: { combinator: 'and', rules: [] }, trigger: 'becomes_true', timeZone },
  };
}

/** The draft as the contract takes it, or what the admin must fix in the form first. */
export function checkDraft(
  draft: EditorDraft,
): { draft: ChannelDraft; formErrors: FormErrors } | { draft: null; formErrors: FormErrors } {
  const parsed = channelDraftSchema.safeParse({
    ...draft,
    meetingTypeId: draft.meetingTypeId ?? 0,
  });
  if (parsed.success) return { draft: parsed.data, formErrors: {} };
  const formErrors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    // Rule problems are the host's to report, at their rule; the form shows its own fields.
    const nested = issue.path[0] === 'rules' || issue.path[0] === 'update';
    const key = String(nested ? issue.path[1] : issue.path[0]);
    if (!FORM_FIELDS.has(key)) continue;
    const field = key as keyof FormErrors;
    formErrors[field] ??= formMessage(field, issue.path) ?? issue.message;
  }
  return { draft: null, formErrors };
}

function formMessage(field: keyof FormErrors, path: readonly PropertyKey[]): string | undefined {
  switch (field) {
    case 'meetingTypeId':
      return 'Choose the meeting type this channel belongs to.';
    case 'statuses':
      return 'Choose the status that fires it.';
    case 'writes':
      // ['update', 'writes', index, …]: one write is not complete yet.
      return typeof path[2] === 'number'
        ? `Complete write ${path[2] + 1}: choose its field and where its value comes from.`
        : 'Add a field to write.';
    default:
      return undefined;
  }
}

/** A draft just opened: nothing validated, previewed or saved yet. */
const NOTHING_CHECKED_YET = {
  formErrors: {},
  touched: {},
  attempted: false,
  ruleErrors: [],
  validating: false,
  validateError: null,
  preview: null,
  previewStale: false,
  previewing: false,
  previewError: null,
  saving: false,
  saveError: null,
} satisfies Partial<ChannelEditorState>;

export function createChannelEditorStore(api: ApiClient, validateDelayMs = VALIDATE_DEBOUNCE_MS) {
  const typing = createDebouncer(validateDelayMs);
  // Every edit makes answers still on their way (validation, preview) stale.
  let generation = 0;

  return createStore<ChannelEditorState>()((set, get) => {
    const reset = (channelId: number | null, draft: EditorDraft) => {
      typing.cancel();
      generation++;
      set({ opened: true, channelId, draft, ...NOTHING_CHECKED_YET });
    };

    const validateNow = async () => {
      typing.cancel();
      const mine = ++generation;
      const checked = checkDraft(get().draft);
      set({ formErrors: checked.formErrors });
      if (!checked.draft) {
        set({ validating: false });
        return;
      }
      set({ validating: true });
      try {
        const { errors } = await api.call('channels:validate', checked.draft);
        if (mine !== generation) return;
        set({ ruleErrors: errors, validating: false, validateError: null });
      } catch (error) {
        if (mine !== generation) return;
        set({ validating: false, validateError: toUserError(error) });
      }
    };

    const changed = (draft: EditorDraft, fields: string[]) => {
      generation++;
      const touched = { ...get().touched };
      for (const field of fields)
        if (FORM_FIELDS.has(field)) touched[field as keyof FormErrors] = true;
      set({
        draft,
        touched,
        validating: true,
        previewStale: get().preview !== null,
        saveError: null,
      });
      typing.schedule(() => void validateNow());
    };

    return {
      opened: false,
      channelId: null,
      draft: blankDraft(null, 'UTC'),
      ...NOTHING_CHECKED_YET,

      openNew({ meetingTypeId, timeZone }) {
        reset(null, blankDraft(meetingTypeId, timeZone));
      },

      openExisting(channel) {
        const { meetingTypeId, name, kind, action, interceptScope, rules, update } = channel;
        reset(channel.id, {
          meetingTypeId,
          name,
          kind,
          action,
          interceptScope,
          rules,
          ...(update ? { update } : {}),
        });
        void validateNow();
      },

      close() {
        typing.cancel();
        generation++;
        set({ opened: false });
      },

      edit(changes) {
        changed({ ...get().draft, ...changes }, Object.keys(changes));
      },

      editRules(changes) {
        const { draft } = get();
        changed({ ...draft, rules: { ...draft.rules, ...changes } }, Object.keys(changes));
      },

      setKind(kind, action) {
        const { update, ...rest } = get().draft;
        // Only an Update channel has writes: the host refuses them on any other kind.
        const next =
          kind === 'update'
            ? { ...rest, kind, action, update: update ?? NEW_UPDATE_SPEC }
            : { ...rest, kind, action };
        changed(next, ['action']);
      },

      editUpdate(changes) {
        const { draft } = get();
        changed(
          { ...draft, update: { ...(draft.update ?? NEW_UPDATE_SPEC), ...changes } },
          Object.keys(changes),
        );
      },

      validateNow,

      async runPreview() {
        const checked = checkDraft(get().draft);
        set({ formErrors: checked.formErrors, attempted: true });
        if (!checked.draft) return;
        const mine = generation;
        set({ previewing: true, previewError: null });
        try {
          const preview = await api.call('channels:preview', checked.draft);
          if (mine !== generation) {
            set({ previewing: false });
            return;
          }
          set({ preview, previewStale: false, previewing: false, ruleErrors: preview.errors });
        } catch (error) {
          set({ previewing: false, previewError: toUserError(error) });
        }
      },

      async save() {
        const { channelId, saving } = get();
        const checked = checkDraft(get().draft);
        set({ formErrors: checked.formErrors, attempted: true });
        if (!checked.draft || saving) return null;
        const draft = checked.draft;
        set({ saving: true, saveError: null });
        try {
          const channel =
            channelId === null
              ? await api.call('channels:create', draft)
              : await api.call('channels:update', { channelId, draft });
          set({ saving: false, channelId: channel.id, ruleErrors: channel.errors });
          return channel;
        } catch (error) {
          set({ saving: false, saveError: toUserError(error) });
          return null;
        }
      },
    };
  });
}

export type ChannelEditorStore = ReturnType<typeof createChannelEditorStore>;
