import { Alert, Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useConnectionStore, useHostLinkStore } from '../../stores/stores-context';
import { CachedOrgAlert, CacheReplacedAlert } from './cache-alerts';
import { ConnectForm } from './connect-form';
import { ConnectedCard } from './connected-card';
import { ConnectingPanel } from './connecting-panel';
import { connectionView, signInProblem } from './connection-view';
import { previousChoice } from './org-choices';
import { useSignInLauncher } from './use-sign-in-launcher';

export function ConnectionScreen() {
  const status = useConnectionStore((state) => state.status);
  const loadError = useConnectionStore((state) => state.loadError);
  const refresh = useConnectionStore((state) => state.refresh);
  // While the host is away the window's banner says so; a second alert here would repeat it.
  const answering = useHostLinkStore((state) => state.link.state === 'open');
  const { start, tabBlocked } = useSignInLauncher();

  // Reading the status also re-reads the org's API usage, so it is fresh whenever the
  // screen is opened.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const view = connectionView(status, loadError);
  const problem = signInProblem(status);
  const previous = previousChoice(status?.org ?? null);

  return (
    <Stack gap="md" maw={880}>
      <Title order={2} fz="xl">
        Connection
      </Title>

      {loadError && status && answering && (
        <ApiErrorAlert title="Could not refresh the connection details" error={loadError} />
      )}

      {view === 'loading' && (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading the connection" />
        </Center>
      )}

      {view === 'restoring' && status && (
        <Paper withBorder p="lg" component="section" aria-label="Restoring the sign-in">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <Loader size="sm" mt={2} aria-hidden />
            <Text aria-live="polite">{status.message}</Text>
          </Group>
        </Paper>
      )}

      {view === 'unavailable' && loadError && (
        <Stack gap="sm" align="flex-start">
          <ApiErrorAlert title="Could not read the connection" error={loadError} />
          <Button variant="default" onClick={() => void refresh()}>
            Try again
          </Button>
        </Stack>
      )}

      {view === 'disconnected' && (
        <>
          {problem && (
            <Alert color="orange" variant="light" title="The sign-in did not complete">
              <Text size="sm">{problem}</Text>
            </Alert>
          )}
          {status?.cachedOrg && <CachedOrgAlert cachedOrg={status.cachedOrg} />}
          <Paper withBorder p="lg" component="section" aria-labelledby="connect-title">
            <Stack gap={4} mb="lg">
              <Title order={3} fz="lg" id="connect-title">
                Connect Leadbridge to Salesforce
              </Title>
              <Text size="sm" c="dimmed">
                Sign in with the Salesforce user Leadbridge should act as. It reads and updates
                Leads with that user’s access.
              </Text>
            </Stack>
            <ConnectForm
              submitLabel="Connect"
              initialOrg="production"
              initialMyDomain=""
              onConnect={start}
            />
          </Paper>
        </>
      )}

      {view === 'connecting' && <ConnectingPanel tabBlocked={tabBlocked} />}

      {view === 'connected' && status?.cacheReplaced && (
        <CacheReplacedAlert replaced={status.cacheReplaced} />
      )}
      {view === 'connected' && status && <ConnectedCard status={status} />}

      {view === 'reconnect-needed' && status && (
        <>
          <Alert color="red" variant="light" title="Reconnect to Salesforce">
            <Text size="sm">{status.message}</Text>
            {status.org && (
              <Text size="xs" c="dimmed" mt={4}>
                Last connected as {status.org.username}.
              </Text>
            )}
          </Alert>
          {status.cachedOrg && <CachedOrgAlert cachedOrg={status.cachedOrg} />}
          <Paper withBorder p="lg" component="section" aria-label="Connect again">
            <ConnectForm
              submitLabel="Connect again"
              initialOrg={previous.org}
              initialMyDomain={previous.myDomain}
              onConnect={start}
            />
          </Paper>
        </>
      )}
    </Stack>
  );
}
