import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { plural } from '../../format/plural';
import { useChannelEditorStore } from '../../stores/stores-context';

/** What the draft would do: Leads matching now, firings over the last 7 days, examples. */
export function ChannelPreviewPanel() {
  const preview = useChannelEditorStore((state) => state.preview);
  const stale = useChannelEditorStore((state) => state.previewStale);
  const previewing = useChannelEditorStore((state) => state.previewing);
  const error = useChannelEditorStore((state) => state.previewError);
  const runPreview = useChannelEditorStore((state) => state.runPreview);

  return (
    <Paper withBorder p="sm" component="section" aria-label="Preview">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={3} fz="sm">
            Preview
          </Title>
          {stale && (
            <Badge size="xs" color="yellow" variant="light" tt="none">
              rules changed since — preview again
            </Badge>
          )}
        </Group>
        <Button
          size="compact-sm"
          variant="default"
          loading={previewing}
          onClick={() => void runPreview()}
        >
          {preview ? 'Preview again' : 'Preview'}
        </Button>
      </Group>
      {error && <ApiErrorAlert title="Could not preview these rules" error={error} />}
      {!preview ? (
        <Text size="sm" c="dimmed">
          See what these rules would do before you enable them: how many cached Leads match now, and
          how often the channel would have fired on the changes of the last 7 days.
        </Text>
      ) : (
        <Stack gap="xs" opacity={stale ? 0.6 : 1} data-testid="channel-preview">
          <Group gap="xl">
            <Figure
              value={preview.matchingNow}
              label={`of ${plural(preview.cachedLeads, 'cached Lead')} match now`}
              testId="preview-matching-now"
            />
            <Figure
              value={preview.wouldHaveFired}
              label={`times it would have fired in the last 7 days (${plural(preview.eventsScanned, 'change')} looked at)`}
              testId="preview-would-have-fired"
            />
          </Group>
          {preview.examples.length > 0 && (
            <Table fz="xs" verticalSpacing={4} aria-label="Example Leads">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lead</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Why it matches</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.examples.map((example) => (
                  <Table.Tr key={`${example.leadId}-${example.at ?? 'now'}`}>
                    <Table.Td>
                      <Text size="xs" fw={500}>
                        {example.name ?? example.leadId}
                      </Text>
                      {example.email && (
                        <Text size="xs" c="dimmed">
                          {example.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td
                      style={{ whiteSpace: 'nowrap' }}
                      title={example.at ? formatFullTime(example.at) : undefined}
                    >
                      {example.at ? formatLogTime(example.at) : 'matches now'}
                    </Table.Td>
                    <Table.Td>{example.summary}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function Figure({ value, label, testId }: { value: number; label: string; testId: string }) {
  return (
    <Group gap={6} align="baseline" wrap="nowrap">
      <Text fz="xl" fw={700} data-testid={testId}>
        {value.toLocaleString()}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}
