import { Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { hashForRoute } from '../../app/routes';
import { ApiErrorAlert } from '../../components/api-error-alert';
import {
  useChannelEditorStore,
  useChannelsStore,
  useMeetingTypesStore,
} from '../../stores/stores-context';
import { ChannelEditorDrawer } from './channel-editor-drawer';
import { groupByMeetingType } from './channel-look';
import { ChannelsTable } from './channels-table';
import { browserTimeZone } from './time-zones';

export function ChannelsScreen() {
  const loadChannels = useChannelsStore((state) => state.load);
  const channels = useChannelsStore((state) => state.channels);
  const loaded = useChannelsStore((state) => state.loaded);
  const loadError = useChannelsStore((state) => state.loadError);
  const loadMeetingTypes = useMeetingTypesStore((state) => state.load);
  const meetingTypes = useMeetingTypesStore((state) => state.meetingTypes);
  const meetingTypesLoaded = useMeetingTypesStore((state) => state.loaded);
  const openNew = useChannelEditorStore((state) => state.openNew);
  const closeEditor = useChannelEditorStore((state) => state.close);

  // The runner fires and disables channels at any time: open on the current state.
  useEffect(() => {
    void loadChannels();
    void loadMeetingTypes();
    return closeEditor;
  }, [loadChannels, loadMeetingTypes, closeEditor]);

  const newChannel = (meetingTypeId: number | null) =>
    openNew({ meetingTypeId, timeZone: browserTimeZone() });
  const groups = groupByMeetingType(channels, meetingTypes);
  const noMeetingTypes = meetingTypesLoaded && meetingTypes.length === 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={2} fz="xl">
            Channels
          </Title>
          <Text size="sm" c="dimmed">
            Import channels start a meeting type’s instance for Leads that match; Intercept channels
            stop them; Update channels write Lead fields back to Salesforce when an instance enters
            a status.
          </Text>
        </div>
        <Button
          onClick={() => newChannel(meetingTypes.length === 1 ? meetingTypes[0]!.id : null)}
          disabled={noMeetingTypes}
        >
          New channel
        </Button>
      </Group>
      {loadError && <ApiErrorAlert title="Could not load the channels" error={loadError} />}
      {!loaded && !loadError ? (
        <Loader size="sm" aria-label="Loading the channels" />
      ) : noMeetingTypes && channels.length === 0 ? (
        <Paper withBorder p="md">
          <Text size="sm">
            A channel belongs to a meeting type (what Leads are invited to, such as “Intro call”).{' '}
            <Anchor href={hashForRoute('meetings')}>Create a meeting type in Meetings</Anchor>, then
            come back to give it channels.
          </Text>
        </Paper>
      ) : (
        groups.map((group) => (
          <Paper
            key={group.meetingTypeId}
            withBorder
            component="section"
            aria-label={`${group.meetingTypeName} channels`}
          >
            <Group justify="space-between" px="sm" py={8}>
              <Title order={3} fz="md">
                {group.meetingTypeName}
              </Title>
              <Button
                size="xs"
                variant="light"
                onClick={() => newChannel(group.meetingTypeId)}
                aria-label={`New channel for ${group.meetingTypeName}`}
              >
                New channel
              </Button>
            </Group>
            {group.channels.length === 0 ? (
              <Text size="sm" c="dimmed" px="sm" pb="sm">
                No channels yet. Add an Import channel to start instances for the Leads that match
                its rules.
              </Text>
            ) : (
              <ChannelsTable channels={group.channels} />
            )}
          </Paper>
        ))
      )}
      <ChannelEditorDrawer />
    </Stack>
  );
}
