import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { ApiErrorAlert } from '../../components/api-error-alert';
import type { SignInPage } from '../../stores/connection-store';
import { useConnectionStore } from '../../stores/stores-context';

const SIGN_IN_LINK = 'Open the Salesforce sign-in page';

export function ConnectingPanel({ tabBlocked }: { tabBlocked: boolean }) {
  const signIn = useConnectionStore((state) => state.signIn);
  const pending = useConnectionStore((state) => state.pending);
  const cancel = useConnectionStore((state) => state.cancel);
  const error = useConnectionStore((state) =>
    state.actionError?.action === 'cancel' ? state.actionError : null,
  );
  const dismissError = useConnectionStore((state) => state.dismissActionError);

  const where = waitingHint(signIn, pending === 'connect', tabBlocked);

  return (
    <Paper withBorder p="lg" component="section" aria-label="Signing in">
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <Loader size="sm" mt={2} aria-hidden />
          <Stack gap={4}>
            <Text fw={600} aria-live="polite">
              Waiting for you to approve Leadbridge in the Salesforce sign-in page…
            </Text>
            <Text size="sm" c="dimmed">
              {where} This screen updates by itself once you have.
            </Text>
          </Stack>
        </Group>

        {signIn && tabBlocked && (
          <Alert color="yellow" variant="light" title="Your browser blocked the new tab">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">Allow pop-ups for this address, or open the page yourself:</Text>
              <Button
                component="a"
                href={signIn.authorizeUrl}
                target="_blank"
                rel="noopener noreferrer"
                size="xs"
              >
                {SIGN_IN_LINK}
              </Button>
            </Stack>
          </Alert>
        )}

        <Group justify="space-between" align="center">
          {signIn && !tabBlocked ? (
            <Text size="sm" c="dimmed">
              Page did not open?{' '}
              <Anchor href={signIn.authorizeUrl} target="_blank" rel="noopener noreferrer">
                {SIGN_IN_LINK}
              </Anchor>
            </Text>
          ) : (
            <span />
          )}
          <Button
            variant="default"
            onClick={() => void cancel()}
            loading={pending === 'cancel'}
            disabled={pending !== null && pending !== 'cancel'}
          >
            Cancel
          </Button>
        </Group>

        {error && (
          <ApiErrorAlert
            title="Could not cancel the sign-in"
            error={error}
            onClose={dismissError}
          />
        )}
      </Stack>
    </Paper>
  );
}

function waitingHint(signIn: SignInPage | null, starting: boolean, tabBlocked: boolean): string {
  if (!signIn) {
    return starting
      ? 'Opening the Salesforce sign-in page.'
      : 'Finish the sign-in in the Salesforce page that opened, or cancel it to start again.';
  }
  if (tabBlocked) return 'Open the sign-in page below, sign in to Salesforce and click Allow.';
  if (signIn.openIn === 'system-browser') {
    return 'Continue in your browser: sign in to Salesforce and click Allow.';
  }
  return 'Sign in to Salesforce in the new tab and click Allow.';
}
