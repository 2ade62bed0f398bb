import { Button, Divider, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { OrgKind } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useConnectionStore } from '../../stores/stores-context';
import { isOrgChoice, orgChoices, type OrgChoice } from './org-choices';

interface ConnectFormProps {
  submitLabel: string;
  initialOrg: OrgChoice;
  initialMyDomain: string;
  onConnect(org: OrgKind, myDomain?: string): void;
}

export function ConnectForm({
  submitLabel,
  initialOrg,
  initialMyDomain,
  onConnect,
}: ConnectFormProps) {
  const pending = useConnectionStore((state) => state.pending);
  const error = useConnectionStore((state) =>
    state.actionError?.action === 'connect' ? state.actionError : null,
  );
  const dismissError = useConnectionStore((state) => state.dismissActionError);
  const [org, setOrg] = useState<OrgChoice>(initialOrg);
  const [myDomain, setMyDomain] = useState(initialMyDomain);
  const [pressed, setPressed] = useState<OrgKind | null>(null);

  const choice = orgChoices.find((option) => option.value === org);
  const busy = pending !== null;

  const press = (kind: OrgKind, domain?: string) => {
    setPressed(kind);
    onConnect(kind, domain);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    press(org, org === 'my-domain' ? myDomain.trim() : undefined);
  };
  const edit = () => {
    if (error) dismissError();
  };

  return (
    <Stack gap="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Stack gap={6}>
            <Text size="sm" fw={500} id="org-choice-label">
              Salesforce org
            </Text>
            <SegmentedControl
              aria-labelledby="org-choice-label"
              data={orgChoices.map(({ value, label }) => ({ value, label }))}
              value={org}
              onChange={(value) => {
                if (isOrgChoice(value)) setOrg(value);
                edit();
              }}
              disabled={busy}
              style={{ alignSelf: 'flex-start' }}
            />
            {choice?.loginHost && (
              <Text size="xs" c="dimmed">
                You sign in at{' '}
                <Text span size="xs" ff="monospace" c="var(--mantine-color-text)">
                  {choice.loginHost}
                </Text>
                ; Leadbridge never sees your password.
              </Text>
            )}
          </Stack>
          {org === 'my-domain' && (
            <TextInput
              label="My Domain URL"
              description="Your company's Salesforce login address, from Setup → My Domain."
              placeholder="https://acme.my.salesforce.com"
              value={myDomain}
              onChange={(event) => {
                setMyDomain(event.currentTarget.value);
                edit();
              }}
              disabled={busy}
              maw={420}
              autoComplete="url"
              spellCheck={false}
              // Chosen a moment ago, so typing the address is the next step.
              autoFocus
            />
          )}
          <Group>
            <Button type="submit" loading={busy && pressed !== 'demo'} disabled={busy}>
              {submitLabel}
            </Button>
          </Group>
          {error && (
            <ApiErrorAlert
              title="Could not start the sign-in"
              error={error}
              onClose={dismissError}
            />
          )}
        </Stack>
      </form>

      <Divider label="or" labelPosition="left" />

      <Group gap="sm" wrap="nowrap" align="center">
        <Button
          variant="default"
          onClick={() => press('demo')}
          loading={busy && pressed === 'demo'}
          disabled={busy}
        >
          Try with a demo org
        </Button>
        <Text size="sm" c="dimmed">
          A built-in practice org with sample leads — nothing leaves this computer.
        </Text>
      </Group>
    </Stack>
  );
}
