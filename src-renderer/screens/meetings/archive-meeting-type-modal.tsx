import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { MeetingType } from '../../../src-preload/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { plural } from '../../format/plural';
import { useMeetingTypesStore } from '../../stores/stores-context';

/** Archiving cannot be undone from here: the dialog says what it will do first. */
export function ArchiveMeetingTypeModal({
  meetingType,
  onClose,
}: {
  meetingType: MeetingType;
  onClose(): void;
}) {
  const archive = useMeetingTypesStore((state) => state.archive);
  const saving = useMeetingTypesStore((state) => state.saving);
  const saveError = useMeetingTypesStore((state) => state.saveError);
  const dismissSaveError = useMeetingTypesStore((state) => state.dismissSaveError);

  const close = () => {
    dismissSaveError();
    onClose();
  };

  return (
    <Modal opened onClose={close} title={`Archive “${meetingType.name}”?`} size="md">
      <Stack gap="sm">
        <Text size="sm">
          No new instances will start for it.{' '}
          {meetingType.openInstances > 0
            ? `Of its ${plural(meetingType.openInstances, 'open instance')}, those not booked yet are deactivated; booked meetings still run to their end.`
            : 'It has no open instances.'}{' '}
          Its history stays.
        </Text>
        {saveError && (
          <ApiErrorAlert title="Not archived" error={saveError} onClose={dismissSaveError} />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            Keep it
          </Button>
          <Button
            color="red"
            loading={saving}
            onClick={() => void archive(meetingType.id).then((done) => done && onClose())}
          >
            Archive
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
