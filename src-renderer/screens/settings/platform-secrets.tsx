import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  PasswordInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  platformSecretNameSchema,
  type PlatformSecretName,
  type PlatformStatus,
} from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { usePlatformStore } from '../../stores/stores-context';
import { usePlatformChange } from './use-platform-change';
import { SECRET_LOOKS, secretStateText } from './platform-look';

/** Each secret: whether it is set (its last characters only), set or replace, or generate. */
export function PlatformSecrets({ secrets }: { secrets: PlatformStatus['secrets'] }) {
  return (
    <Stack gap="sm" component="section" aria-label="Secrets">
      <Title order={4} fz="sm">
        Secrets
      </Title>
      <Text size="xs" c="dimmed">
        Stored like the Salesforce tokens and never shown again in full: only their last characters.
      </Text>
      <GeneratedSecret />
      <Table fz="sm" verticalSpacing={8} aria-label="Secrets">
        <Table.Tbody>
          {platformSecretNameSchema.options.map((name) => (
            <SecretRow key={name} name={name} secret={secrets[name]} />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function SecretRow({
  name,
  secret,
}: {
  name: PlatformSecretName;
  secret: { set: boolean; hint: string | null };
}) {
  const look = SECRET_LOOKS[name];
  const { saving, busy, saveError } = usePlatformChange(name);
  const setSecret = usePlatformStore((state) => state.setSecret);
  const [value, setValue] = useState('');
  const tooShort = value.trim().length > 0 && value.trim().length < 8;

  const store = async (pasted?: string) => {
    if (await setSecret(name, pasted)) setValue('');
  };

  return (
    <Table.Tr data-secret={name}>
      <Table.Td w="34%" style={{ verticalAlign: 'top' }}>
        <Text size="sm" fw={600}>
          {look.label}
        </Text>
        <Text size="xs" c="dimmed">
          {look.description}
        </Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text
          size="sm"
          c={secret.set ? undefined : 'dimmed'}
          mb={4}
          data-testid={`secret-state-${name}`}
        >
          {secretStateText(secret)}
        </Text>
        <Group gap="xs" align="flex-start">
          <PasswordInput
            aria-label={`New ${look.label}`}
            placeholder={secret.set ? 'Paste a new one to replace it' : 'Paste it here'}
            size="xs"
            w={260}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={tooShort ? 'At least 8 characters' : undefined}
            autoComplete="off"
          />
          <Button
            size="xs"
            variant="default"
            disabled={value.trim().length < 8 || (busy && !saving)}
            loading={saving}
            onClick={() => void store(value.trim())}
          >
            {secret.set ? 'Replace' : 'Set'}
          </Button>
          {look.canGenerate && (
            <Button
              size="xs"
              variant="light"
              disabled={busy}
              onClick={() => void store()}
              title="Leadbridge makes a strong one and shows it to you once"
            >
              Generate
            </Button>
          )}
        </Group>
        {saveError && <ApiErrorAlert title={`${look.label} did not change`} error={saveError} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** A secret Leadbridge just made, shown this once to be pasted into the platform. */
function GeneratedSecret() {
  const generated = usePlatformStore((state) => state.generated);
  const dismiss = usePlatformStore((state) => state.dismissGenerated);
  if (!generated) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title={`New ${SECRET_LOOKS[generated.name].label.toLowerCase()}: copy it now`}
      data-testid="generated-secret"
    >
      <Text size="sm" mb={6}>
        It is shown only this once. Paste it into the platform’s settings; Leadbridge keeps it
        stored and shows only its last characters from now on.
      </Text>
      <Group gap="xs">
        <Code fz="sm">{generated.value}</Code>
        <CopyButton value={generated.value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
        <Button size="compact-xs" variant="default" onClick={dismiss}>
          Done, hide it
        </Button>
      </Group>
    </Alert>
  );
}
