import { Alert, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { BookingPreview, MappingField } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatShortTime } from '../../format/format-short-time';
import { valueWords } from '../../format/outbox-words';
import { useMappingStore } from '../../stores/stores-context';

/** What "Test with a sample booking" found: the record and the Event it would write. Nothing is written. */
export function MappingPreviewPanel() {
  const preview = useMappingStore((state) => state.preview);
  const fields = useMappingStore((state) => state.fields);
  const stale = useMappingStore((state) => state.previewStale);
  const error = useMappingStore((state) => state.previewError);

  if (error) return <ApiErrorAlert title="The test did not run" error={error} />;
  if (!preview) return null;
  const { sample } = preview;
  const guest = [sample.guest.firstName, sample.guest.lastName].filter(Boolean).join(' ');

  return (
    <Paper withBorder p="md" component="section" aria-label="Test with a sample booking">
      <Stack gap="sm">
        <div>
          <Title order={3} fz="md">
            Test with a sample booking
          </Title>
          <Text size="sm" c="dimmed" data-testid="preview-sample">
            {guest || sample.guest.email} &lt;{sample.guest.email}&gt;
            {sample.guest.company ? `, ${sample.guest.company}` : ''}
            {sample.calendar ? ` on “${sample.calendar.name}”` : ''}
            {sample.start ? `, ${formatShortTime(sample.start)}` : ''}. Nothing was written to
            Salesforce.
          </Text>
        </div>
        {stale && (
          <Text size="xs" c="orange">
            The settings changed since this test: test again to see what they would write.
          </Text>
        )}
        {preview.errors.length > 0 && (
          <Alert color="red" variant="light" py="xs">
            <Text size="sm">Salesforce would refuse this: fix the problems shown above first.</Text>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          <Written
            title={preview.create ? `A new ${preview.create.object}` : 'No record created'}
            values={preview.create?.values ?? null}
            fields={preview.create ? fields[preview.create.object] : []}
            none="Creating is off: a guest with no record gets none."
          />
          <Written
            title={
              preview.overwrite
                ? `A ${preview.overwrite.object} found, overwritten`
                : 'No record overwritten'
            }
            values={preview.overwrite?.values ?? null}
            fields={preview.overwrite ? fields[preview.overwrite.object] : []}
            none="Overwriting is off: a record found is left untouched."
          />
          <Written
            title={preview.event ? 'A new Event' : 'No Event'}
            values={preview.event}
            fields={EVENT_FIELDS}
            none="Creating an Event is off."
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** The Event's fields Leadbridge writes, by their labels in Salesforce. */
const EVENT_FIELDS = [
  { name: 'Subject', label: 'Subject' },
  { name: 'StartDateTime', label: 'Start' },
  { name: 'EndDateTime', label: 'End' },
  { name: 'Location', label: 'Location' },
];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A value as the admin reads it: a moment in their own clock's time, not the API's code. */
function previewValueWords(value: unknown): string {
  return typeof value === 'string' && ISO_INSTANT.test(value)
    ? `“${localTime.format(new Date(value))}”`
    : valueWords(value);
}

function Written({
  title,
  values,
  fields,
  none,
}: {
  title: string;
  values: BookingPreview['event'];
  fields: readonly Pick<MappingField, 'name' | 'label'>[];
  none: string;
}) {
  const labelOf = (name: string) => fields.find((field) => field.name === name)?.label ?? name;
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-gray-0)">
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      {values === null ? (
        <Text size="xs" c="dimmed">
          {none}
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={2} withRowBorders={false} aria-label={title}>
          <Table.Tbody>
            {Object.entries(values).map(([field, value]) => (
              <Table.Tr key={field}>
                <Table.Td c="dimmed" title={field} w="40%">
                  {labelOf(field)}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{previewValueWords(value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
