import { Button, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { outboundSettingsSchema, type OutboundSettings } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { usePlatformStore } from '../../stores/stores-context';
import { usePlatformChange } from './use-platform-change';

/** Where instance events are POSTed, and whether they are. */
export function OutboundForm({ outbound }: { outbound: OutboundSettings }) {
  const { saving, busy, saveError } = usePlatformChange('outbound');
  const updateOutbound = usePlatformStore((state) => state.updateOutbound);
  const [enabled, setEnabled] = useState(outbound.enabled);
  const [url, setUrl] = useState(outbound.url ?? '');

  const draft = { enabled, url: url.trim() === '' ? null : url.trim() };
  const parsed = outboundSettingsSchema.safeParse(draft);
  const urlError =
    !parsed.success && draft.url !== null
      ? 'An https address (or http to this machine)'
      : enabled && draft.url === null
        ? 'Give the address to send the events to'
        : undefined;
  const dirty = enabled !== outbound.enabled || draft.url !== outbound.url;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.success && urlError === undefined && dirty) void updateOutbound(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Outbound instance events">
      <Stack gap="sm">
        <Title order={4} fz="sm">
          Outbound instance events
        </Title>
        <Text size="xs" c="dimmed">
          When an instance is activated or deactivated, Leadbridge POSTs it (signed with the
          outbound secret) to this address, through the Outbox, with retries.
        </Text>
        <Switch
          label="Send instance events"
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
        />
        <TextInput
          label="Address"
          placeholder="https://scheduler.example.com/platform/instance-events"
          maw={560}
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={urlError}
          spellCheck={false}
        />
        {saveError && (
          <ApiErrorAlert title="The outbound events did not change" error={saveError} />
        )}
        <Group>
          <Button
            type="submit"
            size="xs"
            disabled={urlError !== undefined || !dirty || (busy && !saving)}
            loading={saving}
          >
            Save outbound events
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
