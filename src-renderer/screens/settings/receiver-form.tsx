import {
  Button,
  Code,
  CopyButton,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import {
  receiverPortRange,
  receiverSettingsSchema,
  type PlatformStatus,
} from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { usePlatformStore } from '../../stores/stores-context';
import { usePlatformChange } from './use-platform-change';
import { hookUrls, receiverLine } from './platform-look';
import { useWholeNumberField, WholeNumberInput } from './whole-number-input';

/** The receiver's switch, port and address, where it listens, and each platform's URL. */
export function ReceiverForm({ receiver }: { receiver: PlatformStatus['receiver'] }) {
  const { saving, busy, saveError } = usePlatformChange('receiver');
  const updateReceiver = usePlatformStore((state) => state.updateReceiver);
  const [enabled, setEnabled] = useState(receiver.enabled);
  const port = useWholeNumberField(receiver.port, receiverPortRange);
  const [bindAddress, setBindAddress] = useState<string>(receiver.bindAddress);

  const parsed = receiverSettingsSchema.safeParse({
    enabled,
    port: port.value,
    bindAddress: bindAddress.trim(),
  });
  const addressValid = receiverSettingsSchema.shape.bindAddress.safeParse(
    bindAddress.trim(),
  ).success;
  const dirty =
    enabled !== receiver.enabled ||
    port.value !== receiver.port ||
    bindAddress.trim() !== receiver.bindAddress;
  const line = receiverLine(receiver);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.success && dirty) void updateReceiver(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Webhook receiver">
      <Stack gap="sm">
        <Title order={4} fz="sm">
          Webhook receiver
        </Title>
        <Switch
          label="Receive webhooks"
          description="Its own listener, serving only /hooks/<platform>: never the app or its API."
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
        />
        <Group align="flex-start" gap="md">
          <WholeNumberInput
            field={port}
            label="Port"
            description="Its own port"
            width={140}
            w={180}
          />
          <TextInput
            label="Bind address"
            description="127.0.0.1 behind a proxy or tunnel"
            w={300}
            value={bindAddress}
            onChange={(event) => setBindAddress(event.currentTarget.value)}
            error={addressValid ? undefined : 'An IP address of this machine, or localhost'}
            spellCheck={false}
          />
        </Group>
        <Text size="sm" c={line.color} data-testid="receiver-line">
          {line.text}
        </Text>
        {receiver.listening && receiver.baseUrl && (
          <Table fz="sm" withRowBorders={false} verticalSpacing={2} aria-label="Webhook addresses">
            <Table.Tbody>
              {hookUrls(receiver.baseUrl).map(({ source, url }) => (
                <Table.Tr key={source}>
                  <Table.Td w={90}>{source}</Table.Td>
                  <Table.Td>
                    <Code>{url}</Code>
                  </Table.Td>
                  <Table.Td w={80}>
                    <CopyButton value={url}>
                      {({ copied, copy }) => (
                        <Button size="compact-xs" variant="subtle" onClick={copy}>
                          {copied ? 'Copied' : 'Copy'}
                        </Button>
                      )}
                    </CopyButton>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {saveError && <ApiErrorAlert title="The receiver did not change" error={saveError} />}
        <Group>
          <Button
            type="submit"
            size="xs"
            disabled={!parsed.success || !dirty || (busy && !saving)}
            loading={saving}
          >
            Save receiver
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
