import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { writeModes } from '../../stores/mapping-rules';
import { useMappingStore } from '../../stores/stores-context';
import { BookingSettingsPanel } from './booking-settings-panel';
import { FieldsList } from './fields-list';
import { MappingActions } from './mapping-actions';
import { MappingRowsEditor } from './mapping-rows-editor';
import { MappingPreviewPanel } from './mapping-preview-panel';

/** Per booking calendar: which record a booking goes to, and which Salesforce fields it fills. */
export function MappingScreen() {
  const load = useMappingStore((state) => state.load);
  const loaded = useMappingStore((state) => state.loaded);
  const loadError = useMappingStore((state) => state.loadError);
  const notDescribed = useMappingStore(
    (state) => state.loaded && state.describedAt.Lead === null && state.fields.Lead.length === 0,
  );
  const choices = useMappingStore((state) => state.draft);
  const modes = writeModes(choices);

  // Fields or settings may have changed since the screen was last open.
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} fz="xl">
          Mapping
        </Title>
        <Text size="sm" c="dimmed">
          What a booking writes to Salesforce: the record it is linked to (found by the guest’s
          email), whether one is created or overwritten, an Event for the meeting, and which
          Salesforce field takes which fact of the booking.
        </Text>
      </div>
      {loadError && <ApiErrorAlert title="Could not read the mapping" error={loadError} />}
      {notDescribed && (
        <Alert color="yellow" variant="light" py="xs">
          <Text size="sm">
            Salesforce’s Lead and Contact fields are not known yet. Connect in Connection and let
            the first sync finish, then come back.
          </Text>
        </Alert>
      )}
      {!loaded && !loadError && (
        <Center py="md">
          <Loader size="sm" aria-label="Loading the mapping" />
        </Center>
      )}
      {loaded && (
        <>
          <BookingSettingsPanel />
          {(['Lead', 'Contact'] as const).map((object) => {
            const objectModes = modes[object];
            return objectModes ? (
              <MappingRowsEditor key={object} object={object} modes={objectModes} />
            ) : null;
          })}
          <MappingActions />
          <MappingPreviewPanel />
          <FieldsList />
        </>
      )}
    </Stack>
  );
}
