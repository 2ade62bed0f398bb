import { Anchor, Box, Code, List, Stack, Text, TextInput } from '@mantine/core';
import { hashForRoute } from '../../app/routes';
import { useAppInfoStore } from '../../stores/stores-context';

interface ClientIdFieldProps {
  value: string;
  onChange(value: string): void;
  disabled: boolean;
}

/**
 * The consumer key a real org needs, and how an admin gets one. The steps are shown here,
 * not linked: neither host serves the README, and the desktop app opens only Salesforce's
 * own https sites (src-main/electron/external-links.ts), so a link would work in neither.
 */
export function ClientIdField({ value, onChange, disabled }: ClientIdFieldProps) {
  const info = useAppInfoStore((state) => state.info);
  return (
    <Stack gap={6}>
      <TextInput
        label="Salesforce client id"
        description="Needed to connect a real Salesforce org (the demo org needs none): the consumer key of your organization’s External Client App. Applies the next time you connect."
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        placeholder="Consumer key of your External Client App"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
      />
      <Box component="details" fz="sm">
        <Text component="summary" size="sm" c="blue" style={{ cursor: 'pointer' }}>
          How a Salesforce admin creates the External Client App
        </Text>
        <List type="ordered" size="sm" spacing={4} mt="xs" withPadding>
          <List.Item>
            In Salesforce Setup: External Client App Manager → New External Client App.
          </List.Item>
          <List.Item>
            Enable OAuth with the callback URL{' '}
            {info ? <Code>{info.oauthCallbackUrl}</Code> : 'of this app'}
            {info?.hostKind === 'headless' &&
              ' (add one for each port you run the headless host on)'}
            .
          </List.Item>
          <List.Item>
            OAuth scopes: <em>Manage user data via APIs (api)</em> and{' '}
            <em>Perform requests at any time (refresh_token, offline_access)</em>; add{' '}
            <em>Full access (full)</em> only if you choose <Code>full refresh_token</Code> above.
          </List.Item>
          <List.Item>
            Security: <em>Require Proof Key for Code Exchange (PKCE)</em> on;{' '}
            <em>Require secret for Web Server Flow</em> and{' '}
            <em>Require secret for Refresh Token Flow</em> off.
          </List.Item>
          <List.Item>
            Copy the app’s Consumer Key into this field, save, and connect on the{' '}
            <Anchor href={hashForRoute('connection')} size="sm">
              Connection
            </Anchor>{' '}
            screen.
          </List.Item>
        </List>
        <Text size="xs" c="dimmed" mt="xs">
          The README’s “Connecting a real org” section gives the same steps with the reason for
          each.
        </Text>
      </Box>
    </Stack>
  );
}
