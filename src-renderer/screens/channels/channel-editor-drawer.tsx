import {
  Alert,
  Anchor,
  Button,
  Drawer,
  Group,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { channelKindSchema, type ChannelKind } from '../../../src-preload/contract';
import { hashForRoute } from '../../app/routes';
import type { FormErrors } from '../../stores/channel-editor-store';
import { ApiErrorAlert } from '../../components/api-error-alert';
import {
  useChannelEditorStore,
  useChannelsStore,
  useMeetingTypesStore,
} from '../../stores/stores-context';
import { ChannelPreviewPanel } from './channel-preview-panel';
import {
  ACTION_LABELS,
  actionsFor,
  enableBlocker,
  KIND_HINTS,
  KIND_LABELS,
  SCOPE_LABELS,
  TRIGGER_LABELS,
} from './channel-look';
import { RuleBuilder } from './rule-builder';
import { timeZoneChoices } from './time-zones';
import { UpdateStatusesSelect, UpdateWritesEditor } from './update-writes-editor';

export function ChannelEditorDrawer() {
  const opened = useChannelEditorStore((state) => state.opened);
  const channelId = useChannelEditorStore((state) => state.channelId);
  const close = useChannelEditorStore((state) => state.close);
  // A preview counts timing events that would fire; an Update channel fires on statuses.
  const previewable = useChannelEditorStore((state) => state.draft.kind !== 'update');

  return (
    <Drawer
      opened={opened}
      onClose={close}
      position="right"
      size={960}
      title={
        <Text fw={600} size="lg" component="span">
          {channelId === null ? 'New channel' : 'Edit channel'}
        </Text>
      }
      closeButtonProps={{ 'aria-label': 'Close the channel editor' }}
    >
      {opened && (
        <Stack gap="md">
          <DisabledByLeadbridge />
          <ChannelBasics />
          <UpdateWrites />
          <ChannelConditions />
          {previewable && <ChannelPreviewPanel />}
          <EditorFooter />
        </Stack>
      )}
    </Drawer>
  );
}

/** Why Leadbridge switched the channel off, first thing in the editor: it is what to fix. */
function DisabledByLeadbridge() {
  const channelId = useChannelEditorStore((state) => state.channelId);
  const reason = useChannelsStore(
    (state) => state.channels.find((c) => c.id === channelId)?.disabledReason ?? null,
  );
  if (reason === null) return null;
  return (
    <Alert color="red" variant="light" title="Leadbridge disabled this channel">
      <Text size="sm">{reason}</Text>
    </Alert>
  );
}

/** A form field's problem, once the admin has changed it or tried to save or preview. */
function useFieldError(field: keyof FormErrors): string | undefined {
  return useChannelEditorStore((state) =>
    state.attempted || state.touched[field] ? state.formErrors[field] : undefined,
  );
}

function ChannelBasics() {
  const draft = useChannelEditorStore((state) => state.draft);
  const nameError = useFieldError('name');
  const meetingTypeError = useFieldError('meetingTypeId');
  const actionError = useFieldError('action');
  const timeZoneError = useFieldError('timeZone');
  const edit = useChannelEditorStore((state) => state.edit);
  const editRules = useChannelEditorStore((state) => state.editRules);
  const meetingTypes = useMeetingTypesStore((state) => state.meetingTypes);
  const zones = useMemo(() => timeZoneChoices(draft.rules.timeZone), [draft.rules.timeZone]);

  const setKind = useChannelEditorStore((state) => state.setKind);
  const isUpdate = draft.kind === 'update';

  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput
          label="Name"
          placeholder="e.g. Working leads in North America"
          value={draft.name}
          onChange={(event) => edit({ name: event.currentTarget.value })}
          error={nameError}
          required
        />
        <Select
          label="Meeting type"
          placeholder="Choose a meeting type"
          data={meetingTypes.map((type) => ({ value: String(type.id), label: type.name }))}
          value={draft.meetingTypeId === null ? null : String(draft.meetingTypeId)}
          onChange={(picked) => edit({ meetingTypeId: picked === null ? null : Number(picked) })}
          error={meetingTypeError}
          allowDeselect={false}
          required
        />
      </Group>
      <Group align="flex-start" gap="lg">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Kind
          </Text>
          <SegmentedControl
            aria-label="Kind"
            data={channelKindSchema.options.map((kind) => ({
              value: kind,
              label: KIND_LABELS[kind],
            }))}
            value={draft.kind}
            onChange={(kind) => setKind(kind as ChannelKind, actionsFor(kind as ChannelKind)[0]!)}
          />
          <Text size="xs" c="dimmed" maw={260}>
            {KIND_HINTS[draft.kind]}
          </Text>
        </Stack>
        {!isUpdate && (
          <Select
            label="Action"
            w={220}
            data={actionsFor(draft.kind).map((action) => ({
              value: action,
              label: ACTION_LABELS[action],
            }))}
            value={draft.action}
            onChange={(action) => action && edit({ action: action as typeof draft.action })}
            error={actionError}
            allowDeselect={false}
          />
        )}
        {draft.kind === 'intercept' && (
          <Select
            label="Deactivates instances of"
            w={220}
            data={(['meeting_type', 'all'] as const).map((scope) => ({
              value: scope,
              label: SCOPE_LABELS[scope],
            }))}
            value={draft.interceptScope}
            onChange={(scope) => scope && edit({ interceptScope: scope as 'meeting_type' | 'all' })}
            allowDeselect={false}
          />
        )}
        <Select
          label="Time zone for dates"
          description="Where “today” and a date’s day begin"
          w={240}
          searchable
          data={zones}
          value={draft.rules.timeZone}
          onChange={(zone) => zone && editRules({ timeZone: zone })}
          error={timeZoneError}
          allowDeselect={false}
        />
      </Group>
      {isUpdate ? (
        <UpdateStatusesSelect />
      ) : (
        <Radio.Group
          label="Fires"
          value={draft.rules.trigger}
          onChange={(trigger) => editRules({ trigger: trigger as typeof draft.rules.trigger })}
        >
          <Group gap="lg" mt={4}>
            <Radio
              value="becomes_true"
              label={TRIGGER_LABELS.becomes_true}
              description="Once, when a change makes them true"
            />
            <Radio
              value="every_time"
              label={TRIGGER_LABELS.every_time}
              description="On each change while they hold"
            />
          </Group>
        </Radio.Group>
      )}
    </Stack>
  );
}

/** An Update channel's writes, once the org's fields are known (the conditions say when not). */
function UpdateWrites() {
  const isUpdate = useChannelEditorStore((state) => state.draft.kind === 'update');
  const fieldsKnown = useChannelsStore((state) => state.fields.length > 0);
  return isUpdate && fieldsKnown ? <UpdateWritesEditor /> : null;
}

function ChannelConditions() {
  const conditions = useChannelEditorStore((state) => state.draft.rules.conditions);
  const ruleErrors = useChannelEditorStore((state) => state.ruleErrors);
  const validateError = useChannelEditorStore((state) => state.validateError);
  const editRules = useChannelEditorStore((state) => state.editRules);
  const isUpdate = useChannelEditorStore((state) => state.draft.kind === 'update');
  const fields = useChannelsStore((state) => state.fields);
  const groupErrors = ruleErrors.filter(
    (error) => error.path.length === 0 && error.write === undefined,
  );
  const empty = conditions.rules.length === 0;

  return (
    <Stack gap="xs" component="section" aria-label="Conditions">
      <Title order={3} fz="sm">
        {isUpdate ? 'Only for Leads that match (optional)' : 'Conditions'}
      </Title>
      {isUpdate && (
        <Text size="xs" c="dimmed">
          Checked on the Lead as Leadbridge last synced it, when the status is entered. No rules:
          every Lead of the meeting type.
        </Text>
      )}
      {fields.length === 0 ? (
        <NoFieldsYet />
      ) : (
        <>
          <RuleBuilder
            fields={fields}
            conditions={conditions}
            errors={ruleErrors}
            onChange={(next) => editRules({ conditions: next })}
          />
          {empty && isUpdate ? null : empty ? (
            <Text size="sm" c="dimmed">
              Add a rule: a Lead field, what must be true of it (or how it must change), and the
              value.
            </Text>
          ) : (
            groupErrors.map((error) => (
              <Text key={error.code} size="sm" c="red" role="alert">
                {error.message}
              </Text>
            ))
          )}
        </>
      )}
      {validateError && <ApiErrorAlert title="Could not check these rules" error={validateError} />}
    </Stack>
  );
}

function NoFieldsYet() {
  return (
    <Alert color="yellow" variant="light" title="Lead’s fields are not known yet">
      <Text size="sm">
        Rules are built on the Lead fields of your Salesforce org, which Leadbridge reads on the
        first sync. <Anchor href={hashForRoute('connection')}>Connect to Salesforce</Anchor> and let
        the first sync finish, then come back here.
      </Text>
    </Alert>
  );
}

/** Why Save is not possible yet, in words; null when it is. */
function useSaveBlocker(): string | null {
  const formErrors = useChannelEditorStore((state) => state.formErrors);
  const ruleErrors = useChannelEditorStore((state) => state.ruleErrors);
  const validating = useChannelEditorStore((state) => state.validating);
  const isUpdate = useChannelEditorStore((state) => state.draft.kind === 'update');
  // An Update channel without rules writes for every Lead; the others need a rule to fire.
  const needsRule = useChannelEditorStore(
    (state) => state.draft.kind !== 'update' && state.draft.rules.conditions.rules.length === 0,
  );
  const formProblem = Object.values(formErrors)[0];
  if (formProblem) {
    const words = formProblem.replace(/\.$/, '');
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  }
  if (needsRule) return 'Add at least one rule.';
  if (validating) return isUpdate ? 'Checking the writes and rules…' : 'Checking the rules…';
  if (ruleErrors.some((error) => error.write !== undefined)) {
    return 'Fix the writes marked in red first.';
  }
  if (ruleErrors.length > 0) return 'Fix the rules marked in red first.';
  return null;
}

function EditorFooter() {
  const channelId = useChannelEditorStore((state) => state.channelId);
  const saving = useChannelEditorStore((state) => state.saving);
  const saveError = useChannelEditorStore((state) => state.saveError);
  const save = useChannelEditorStore((state) => state.save);
  const close = useChannelEditorStore((state) => state.close);
  const saved = useChannelsStore((state) =>
    channelId === null ? undefined : state.channels.find((c) => c.id === channelId),
  );
  const loadChannels = useChannelsStore((state) => state.load);
  const setEnabled = useChannelsStore((state) => state.setEnabled);
  const remove = useChannelsStore((state) => state.remove);
  // Deleting takes a second click, so a slip of the mouse cannot lose a channel.
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const busy = useChannelsStore((state) => state.busyChannelId !== null);
  const actionError = useChannelsStore((state) => state.actionError);
  const blocker = useSaveBlocker();
  const draft = useChannelEditorStore((state) => state.draft);
  // Said of the draft as saved; any edit after it makes it untrue.
  const [saveNote, setSaveNote] = useState<{ text: string; of: typeof draft } | null>(null);
  const savedNote = saveNote?.of === draft ? saveNote.text : null;

  const onSave = async () => {
    const channel = await save();
    if (!channel) return;
    await loadChannels();
    setSaveNote({
      of: draft,
      text: channel.enabled
        ? `Saved as version ${channel.version}; it stays enabled.`
        : `Saved (version ${channel.version}), not enabled yet.`,
    });
  };

  const enableProblem = saved ? enableBlocker(saved) : null;

  return (
    <Stack gap="xs">
      {saveError && <ApiErrorAlert title="Could not save this channel" error={saveError} />}
      {actionError && actionError.channelId === channelId && (
        <ApiErrorAlert title="Could not change this channel" error={actionError} />
      )}
      <Group justify="space-between">
        <Group gap="xs">
          {saved && (
            <Button
              variant={confirmingDelete ? 'filled' : 'subtle'}
              color="red"
              disabled={busy}
              onClick={() =>
                confirmingDelete
                  ? void remove(saved.id).then((deleted) => deleted && close())
                  : setConfirmingDelete(true)
              }
              onBlur={() => setConfirmingDelete(false)}
            >
              {confirmingDelete ? 'Delete: click again to confirm' : 'Delete'}
            </Button>
          )}
          <Text size="sm" c={blocker ? 'dimmed' : 'teal'} aria-live="polite">
            {blocker ??
              savedNote ??
              (channelId === null
                ? 'Ready to save. A new channel is saved disabled.'
                : 'Ready to save as a new version.')}
          </Text>
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button onClick={() => void onSave()} loading={saving} disabled={blocker !== null}>
            {channelId === null ? 'Save' : 'Save changes'}
          </Button>
          {saved && !saved.enabled && (
            <Button
              color="teal"
              disabled={enableProblem !== null || busy}
              title={enableProblem ?? undefined}
              onClick={() => void setEnabled(saved.id, true)}
            >
              Enable
            </Button>
          )}
          {saved?.enabled && (
            <Button variant="light" color="gray" onClick={() => void setEnabled(saved.id, false)}>
              Disable
            </Button>
          )}
        </Group>
      </Group>
      {saved && enableProblem && (
        <Text size="sm" c="red">
          {enableProblem}
        </Text>
      )}
      {saved?.enabled && (
        <Text size="sm" c="teal" data-testid="channel-enabled-note">
          Enabled: it acts on the next changes Leadbridge syncs from Salesforce.
        </Text>
      )}
    </Stack>
  );
}
