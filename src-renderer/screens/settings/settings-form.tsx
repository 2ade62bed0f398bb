import { Button, Checkbox, Code, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import {
  apiBudgetRange,
  bulkImportThresholdRange,
  syncIntervalRange,
  type UserSettings,
} from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { changedFields } from '../../stores/settings-store';
import { useAppInfoStore, useSettingsStore } from '../../stores/stores-context';
import { ClientIdField } from './client-id-field';
import { offersInsecureSecretStorage } from './secret-storage-choice';
import { offersStartAtLogin } from './start-at-login-choice';
import { useWholeNumberField, WholeNumberInput } from './whole-number-input';

/** What each choice lets Leadbridge do, in words; the scopes themselves follow, small. */
const scopeOptions: { value: UserSettings['oauthScopes']; scope: string; meaning: string }[] = [
  {
    value: 'api',
    scope: 'api refresh_token',
    meaning: 'Leads and other data through the API, staying signed in (recommended)',
  },
  {
    value: 'full',
    scope: 'full refresh_token',
    meaning: 'Everything the user can do, as the original product asked',
  },
];

function isScope(value: string): value is UserSettings['oauthScopes'] {
  return scopeOptions.some((option) => option.value === value);
}

export function SettingsForm({ saved }: { saved: UserSettings }) {
  const saving = useSettingsStore((state) => state.saving);
  const savedAt = useSettingsStore((state) => state.savedAt);
  const saveError = useSettingsStore((state) => state.saveError);
  const save = useSettingsStore((state) => state.save);
  const dismissSaveError = useSettingsStore((state) => state.dismissSaveError);
  const appInfo = useAppInfoStore((state) => state.info);

  const interval = useWholeNumberField(saved.syncIntervalMinutes, syncIntervalRange);
  const budget = useWholeNumberField(saved.apiBudgetPercent, apiBudgetRange);
  const bulk = useWholeNumberField(saved.bulkImportThreshold, bulkImportThresholdRange);
  const [scopes, setScopes] = useState(saved.oauthScopes);
  const [clientId, setClientId] = useState(saved.salesforceClientId);
  const [allowInsecure, setAllowInsecure] = useState(saved.allowInsecureSecretStorage);
  const [startAtLogin, setStartAtLogin] = useState(saved.startAtLogin);

  const valid = interval.value !== null && budget.value !== null && bulk.value !== null;
  const draft: UserSettings = {
    syncIntervalMinutes: interval.value ?? saved.syncIntervalMinutes,
    apiBudgetPercent: budget.value ?? saved.apiBudgetPercent,
    bulkImportThreshold: bulk.value ?? saved.bulkImportThreshold,
    oauthScopes: scopes,
    salesforceClientId: clientId.trim(),
    allowInsecureSecretStorage: allowInsecure,
    startAtLogin,
  };
  const dirty = !valid || Object.keys(changedFields(saved, draft)).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid && dirty) void save(draft);
  };
  const discard = () => {
    interval.reset();
    budget.reset();
    bulk.reset();
    setScopes(saved.oauthScopes);
    setClientId(saved.salesforceClientId);
    setAllowInsecure(saved.allowInsecureSecretStorage);
    setStartAtLogin(saved.startAtLogin);
    dismissSaveError();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <SimpleGrid cols={2} spacing="lg">
          <WholeNumberInput
            field={interval}
            label="Sync interval"
            description="How often Leadbridge asks Salesforce for changed Leads."
            unit="min"
            width={160}
            disabled={saving}
          />
          <WholeNumberInput
            field={budget}
            label="API budget"
            description="Background sync pauses once the org has used this share of today’s API calls; Sync now still works."
            unit="%"
            width={160}
            disabled={saving}
          />
          <WholeNumberInput
            field={bulk}
            label="Bulk API import from"
            description="Orgs with at least this many Leads get their first import as one Salesforce Bulk API 2.0 query job: far fewer API calls than REST pages of 2,000, and it resumes where it stopped."
            unit="Leads"
            width={200}
            disabled={saving}
          />
        </SimpleGrid>

        <Radio.Group
          label="Salesforce access (OAuth scopes)"
          description="What Leadbridge asks Salesforce for. Applies the next time you connect."
          value={scopes}
          onChange={(value) => {
            if (isScope(value)) setScopes(value);
          }}
        >
          <Stack gap="xs" mt="xs">
            {scopeOptions.map((option) => (
              <Radio
                key={option.value}
                value={option.value}
                disabled={saving}
                label={
                  <>
                    {option.meaning} <Code fz="xs">{option.scope}</Code>
                  </>
                }
              />
            ))}
          </Stack>
        </Radio.Group>

        <ClientIdField value={clientId} onChange={setClientId} disabled={saving} />

        {offersStartAtLogin(appInfo, saved) && (
          <Checkbox
            label="Start Leadbridge when I log in"
            description="It starts hidden in the tray (the menu bar on macOS) and keeps syncing; click its icon to open the window."
            checked={startAtLogin}
            onChange={(event) => setStartAtLogin(event.currentTarget.checked)}
            disabled={saving}
          />
        )}

        {offersInsecureSecretStorage(appInfo, saved) && (
          <Checkbox
            label="Sign-in storage: keep the Salesforce sign-in even without a keyring"
            description="Only for Linux without GNOME Keyring or KWallet. The sign-in is then sealed with a key that is the same on every Linux machine: anyone who can read your files can use your Salesforce access. Leave this off and install a keyring if you can."
            checked={allowInsecure}
            onChange={(event) => setAllowInsecure(event.currentTarget.checked)}
            color="red"
            disabled={saving}
          />
        )}

        {saveError && (
          <ApiErrorAlert title="Could not save" error={saveError} onClose={dismissSaveError} />
        )}

        <Group gap="sm">
          <Button type="submit" loading={saving} disabled={!dirty || !valid}>
            Save
          </Button>
          {dirty && (
            <Button variant="default" onClick={discard} disabled={saving}>
              Discard changes
            </Button>
          )}
          <Text size="sm" c="green" role="status">
            {savedAt !== null && !dirty ? 'Settings saved.' : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
