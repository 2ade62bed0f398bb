import { Button, Group, Paper, Text } from '@mantine/core';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useLogStore } from '../../stores/stores-context';
import { ActivityLog } from './activity-log';
import { ExportCsvButton } from './export-csv-button';
import { LogKindSelect } from './log-kind-select';
import { LogSearchInput } from './log-search-input';

export function ActivityLogPanel() {
  const total = useLogStore((state) => state.total);
  const loaded = useLogStore((state) => state.entries.length);
  const loading = useLogStore((state) => state.loading);
  const filtered = useLogStore((state) => state.kinds.length > 0 || state.search !== '');
  const exportError = useLogStore((state) => state.exportError);
  const dismissExportError = useLogStore((state) => state.dismissExportError);
  const error = useLogStore((state) => state.error);
  const dismissError = useLogStore((state) => state.dismissError);
  const reload = useLogStore((state) => state.reload);

  return (
    <Paper
      withBorder
      component="section"
      aria-labelledby="activity-log-title"
      style={{
        flex: 1,
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        overflow: 'hidden',
      }}
    >
      {/* Wraps rather than clips: at 1024 px a long count pushed Reload out of the card. */}
      <Group justify="space-between" px="sm" py={8} gap="xs" wrap="wrap">
        <Group gap="sm" wrap="nowrap">
          <Text id="activity-log-title" fw={600} style={{ whiteSpace: 'nowrap' }}>
            Activity log
          </Text>
          <Text
            size="xs"
            c="dimmed"
            aria-live="polite"
            data-testid="log-total"
            style={{ whiteSpace: 'nowrap' }}
          >
            {loading && loaded === 0
              ? 'Loading…'
              : `${total.toLocaleString()} ${total === 1 ? 'entry' : 'entries'}${filtered ? ' matching' : ''}${
                  loaded < total ? ` · ${loaded.toLocaleString()} loaded` : ''
                }`}
          </Text>
        </Group>
        <Group gap="xs" wrap="wrap" justify="flex-end" ml="auto">
          <LogSearchInput />
          <LogKindSelect />
          <ExportCsvButton />
          <Button size="xs" variant="default" onClick={() => void reload()} loading={loading}>
            Reload
          </Button>
        </Group>
      </Group>
      {exportError && (
        <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-xs)' }}>
          <ApiErrorAlert
            title="Could not export the log"
            error={exportError}
            onClose={dismissExportError}
          />
        </div>
      )}
      {error && (
        <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-xs)' }}>
          <ApiErrorAlert title="Could not load the log" error={error} onClose={dismissError} />
        </div>
      )}
      <ActivityLog />
    </Paper>
  );
}
