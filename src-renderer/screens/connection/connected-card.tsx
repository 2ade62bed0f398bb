import {
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ConnectionStatus } from '../../../src-preload/contract';
import { useNow } from '../../components/use-now';
import { orgKindLook } from '../../format/org-kind-look';
import { useConnectionStore, useSyncStore } from '../../stores/stores-context';
import { ApiUsageMeter } from './api-usage-meter';
import { DisconnectModal } from './disconnect-modal';
import { FactList } from '../../components/fact-list';
import { TimeFact } from './time-fact';
import { TokenHealth } from './token-health';

type ConnectedOrg = NonNullable<ConnectionStatus['org']>;

export function ConnectedCard({ status }: { status: ConnectionStatus }) {
  const pending = useConnectionStore((state) => state.pending);
  // The one figure the Sync & Log screen shows too: the latest call's, whoever made it.
  const apiUsage = useSyncStore((state) => state.status?.apiUsage ?? null);
  const [confirming, setConfirming] = useState(false);
  const now = useNow();
  const org = status.org;

  return (
    <Paper withBorder p="lg" component="section" aria-label="Connected org">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge color="green" variant="light" radius="sm" tt="none">
              Connected
            </Badge>
            {org && (
              <Badge color={orgKindLook[org.kind].color} variant="outline" radius="sm" tt="none">
                {orgKindLook[org.kind].label}
              </Badge>
            )}
          </Group>
          <Title order={3} fz={24} fw={600} mt={4} style={{ overflowWrap: 'anywhere' }}>
            {org?.displayName ?? 'Reading who is connected…'}
          </Title>
          {org && (
            <Text size="sm" c="dimmed">
              {org.email}
            </Text>
          )}
        </Stack>
        <Button
          color="red"
          variant="outline"
          onClick={() => setConfirming(true)}
          disabled={pending !== null}
        >
          Disconnect
        </Button>
      </Group>

      <Divider my="md" />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="lg">
        <Section title="Org and user">{org ? <OrgFacts org={org} /> : null}</Section>
        <Stack gap="lg">
          <Section title="API usage today">
            <ApiUsageMeter usage={apiUsage} now={now} />
          </Section>
          <Section title="Sign-in">
            <Stack gap={6}>
              <FactList
                facts={[
                  {
                    label: 'Last successful call',
                    value: (
                      <TimeFact iso={status.lastSuccessfulCallAt} fallback="None yet" now={now} />
                    ),
                  },
                ]}
              />
              <TokenHealth token={status.token} now={now} />
            </Stack>
          </Section>
        </Stack>
      </SimpleGrid>

      <DisconnectModal opened={confirming} onClose={() => setConfirming(false)} />
    </Paper>
  );
}

function OrgFacts({ org }: { org: ConnectedOrg }) {
  const mono = (value: string) => (
    // A slightly smaller monospace keeps a typical instance URL on one line.
    <Text fz={13} ff="monospace">
      {value}
    </Text>
  );
  return (
    <FactList
      labelWidth={100}
      facts={[
        { label: 'Username', value: org.username },
        { label: 'Org ID', value: mono(org.organizationId) },
        { label: 'Instance URL', value: mono(org.instanceUrl) },
        { label: 'Login URL', value: mono(org.loginUrl) },
        { label: 'API version', value: `v${org.apiVersion.replace(/^v/, '')}` },
      ]}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}
