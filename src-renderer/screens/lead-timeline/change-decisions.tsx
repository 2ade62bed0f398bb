import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ChannelDecision, LeadChange } from '../../../src-preload/contract';
import { useLeadDecisionsStore } from '../../stores/stores-context';
import { decisionLook, describeReplay } from './decision-look';

interface ChangeDecisionsProps {
  change: LeadChange;
  decisions: ChannelDecision[];
}

/** The channels' decisions on one timing event, and Replay to run the channels on it again. */
export function ChangeDecisions({ change, decisions }: ChangeDecisionsProps) {
  const replay = useLeadDecisionsStore((state) => state.replay);
  const replaying = useLeadDecisionsStore((state) => state.replayingChangeId);
  const lastReplay = useLeadDecisionsStore((state) =>
    state.lastReplay?.changeId === change.id ? state.lastReplay : null,
  );
  const replayError = useLeadDecisionsStore((state) =>
    state.replayError?.changeId === change.id ? state.replayError : null,
  );

  return (
    <Stack gap={4} mt={4}>
      {decisions.length > 0 && (
        <Stack gap={2} data-testid="channel-decisions" aria-label="Channel decisions">
          {decisions.map((decision) => {
            const look = decisionLook(decision);
            return (
              <Stack key={decision.id} gap={0}>
                <Group gap={6} wrap="nowrap">
                  <Badge
                    size="xs"
                    color={look.color}
                    variant="light"
                    tt="none"
                    radius="sm"
                    style={{ flexShrink: 0 }}
                  >
                    {look.verdict}
                  </Badge>
                  <Text size="xs" fw={600} truncate>
                    {decision.channelName}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    v{decision.channelVersion}
                    {decision.replay ? ' · replayed' : ''}
                  </Text>
                </Group>
                <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {look.effect}.{' '}
                  <Text span size="xs" c="dimmed">
                    {decision.reason}
                  </Text>
                </Text>
              </Stack>
            );
          })}
        </Stack>
      )}
      <Button
        size="compact-xs"
        variant="subtle"
        style={{ alignSelf: 'flex-start' }}
        loading={replaying === change.id}
        disabled={replaying !== null && replaying !== change.id}
        onClick={() => void replay(change.id)}
        aria-label="Replay channels on this change"
        title="Run the enabled channels on this change again; an instance already open is not opened twice"
      >
        Replay
      </Button>
      {lastReplay && (
        <Alert color="teal" variant="light" py={4} data-testid="replay-result">
          <Text size="xs">Replayed. {describeReplay(lastReplay.decisions)}</Text>
        </Alert>
      )}
      {replayError && (
        <Alert color="red" variant="light" py={4}>
          <Text size="xs">{replayError.message}</Text>
        </Alert>
      )}
    </Stack>
  );
}
