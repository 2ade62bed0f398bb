import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SearchInput } from '../../components/search-input';
import { useLeadsStore } from '../../stores/stores-context';
import { LeadTimelineDrawer } from '../lead-timeline/lead-timeline-drawer';
import { LeadsTable } from './leads-table';
import { leadsCountText } from './leads-count-text';

export function LeadsScreen() {
  const queryText = useLeadsStore((state) => state.queryText);
  const query = useLeadsStore((state) => state.query);
  const total = useLeadsStore((state) => state.total);
  const shown = useLeadsStore((state) => state.leads.length);
  const loaded = useLeadsStore((state) => state.loaded);
  const error = useLeadsStore((state) => state.error);
  const setQueryText = useLeadsStore((state) => state.setQueryText);
  const setQuery = useLeadsStore((state) => state.setQuery);
  const refresh = useLeadsStore((state) => state.refresh);
  const dismissError = useLeadsStore((state) => state.dismissError);

  // The cache changes with every sync; opening the screen shows it as it is now.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <Stack gap="sm">
      <Title order={2} fz="xl">
        Leads
      </Title>
      <Paper withBorder component="section" aria-label="Cached leads">
        <Group justify="space-between" px="sm" py={8} gap="sm" wrap="nowrap">
          <SearchInput
            label="Search leads"
            placeholder="Name, email, company or Lead Id"
            value={queryText}
            onChange={setQueryText}
            onSubmit={(text) => void setQuery(text)}
            width={340}
            size="sm"
          />
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="leads-total">
            {loaded ? leadsCountText(total, shown, query) : 'Loading…'}
          </Text>
        </Group>
        {error && (
          <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-xs)' }}>
            <ApiErrorAlert
              title="Could not search the leads"
              error={error}
              onClose={dismissError}
            />
          </div>
        )}
        <LeadsTable />
      </Paper>
      <LeadTimelineDrawer showOpenInLeads={false} />
    </Stack>
  );
}
