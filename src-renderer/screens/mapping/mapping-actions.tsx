import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { plural } from '../../format/plural';
import { useMappingStore } from '../../stores/stores-context';

/** Save (refused while the mapping has errors) and "Test with a sample booking". */
export function MappingActions() {
  const errors = useMappingStore((state) => state.errors.length);
  const validating = useMappingStore((state) => state.validating);
  const validateError = useMappingStore((state) => state.validateError);
  const dirty = useMappingStore((state) => state.dirty);
  const saving = useMappingStore((state) => state.saving);
  const saveError = useMappingStore((state) => state.saveError);
  const savedNote = useMappingStore((state) => state.savedNote);
  const previewing = useMappingStore((state) => state.previewing);
  const save = useMappingStore((state) => state.save);
  const runPreview = useMappingStore((state) => state.runPreview);
  const blocked = errors > 0 || validateError !== null;

  return (
    <Paper withBorder p="sm" component="section" aria-label="Save the mapping">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text
            size="sm"
            c={blocked ? 'red' : 'dimmed'}
            aria-live="polite"
            data-testid="mapping-state"
          >
            {validating
              ? 'Checking the mapping…'
              : blocked
                ? errors > 0
                  ? `${plural(errors, 'problem')} to fix before saving`
                  : 'The mapping could not be checked'
                : dirty
                  ? 'Ready to save'
                  : 'Saved'}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              loading={previewing}
              onClick={() => void runPreview()}
            >
              Test with a sample booking
            </Button>
            <Button
              size="xs"
              disabled={blocked || validating || !dirty}
              loading={saving}
              onClick={() => void save()}
              title={blocked ? 'Fix the problems shown first' : undefined}
            >
              Save
            </Button>
          </Group>
        </Group>
        {validateError && (
          <ApiErrorAlert title="The mapping could not be checked" error={validateError} />
        )}
        {saveError && <ApiErrorAlert title="Not saved" error={saveError} />}
        {savedNote && (
          <Alert color="teal" variant="light" py={4} data-testid="mapping-saved-note">
            <Text size="xs">{savedNote}</Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
