import { Box, Button, Code, Group, Loader, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useAppInfoStore } from '../../stores/stores-context';

const hostKindLabel = { electron: 'Desktop app', headless: 'Headless host (browser)' } as const;
const platformLabel: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

export function AppInfoCard() {
  const info = useAppInfoStore((state) => state.info);
  const error = useAppInfoStore((state) => state.error);
  const openLogsFolder = useAppInfoStore((state) => state.openLogsFolder);
  const logsFolderError = useAppInfoStore((state) => state.logsFolderError);

  return (
    <Paper withBorder p="md" maw={720} component="section" aria-labelledby="app-info-title">
      <Title order={3} fz="md" mb="sm" id="app-info-title">
        About this installation
      </Title>
      {error && <ApiErrorAlert title="Could not read app info" error={error} />}
      {!info && !error && <Loader size="sm" />}
      {info && (
        <SimpleGrid
          cols={2}
          spacing="xs"
          verticalSpacing={6}
          style={{ gridTemplateColumns: '160px 1fr' }}
        >
          <Label>Version</Label>
          <Text size="sm">
            {info.name} {info.version}
          </Text>
          <Label>Running as</Label>
          <Text size="sm">
            {hostKindLabel[info.hostKind]} on {platformLabel[info.platform] ?? info.platform}
          </Text>
          <Label>Data directory</Label>
          <Code style={{ justifySelf: 'start', wordBreak: 'break-all' }}>{info.dataDirectory}</Code>
          <Label>Diagnostic log</Label>
          {info.logsDirectory ? (
            <Group gap="sm" wrap="nowrap" align="center">
              <Code style={{ wordBreak: 'break-all' }}>{info.logsDirectory}</Code>
              <Button size="compact-sm" variant="default" onClick={() => void openLogsFolder()}>
                Open logs folder
              </Button>
            </Group>
          ) : (
            <Text size="sm">
              Written to standard error: the terminal that started Leadbridge, or your service
              manager’s journal.
            </Text>
          )}
        </SimpleGrid>
      )}
      {logsFolderError && (
        <Box mt="sm">
          <ApiErrorAlert title="Could not open the logs folder" error={logsFolderError} />
        </Box>
      )}
    </Paper>
  );
}

function Label({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
