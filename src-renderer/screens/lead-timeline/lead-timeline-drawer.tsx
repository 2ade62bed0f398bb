import { Anchor, Badge, Button, Center, Divider, Drawer, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { hashForRoute } from '../../app/routes';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FactList } from '../../components/fact-list';
import { formatFullTime } from '../../format/format-log-time';
import { formatShortTime } from '../../format/format-short-time';
import type { LeadTimeline } from '../../stores/lead-timeline-store';
import {
  useLeadDecisionsStore,
  useLeadOutboxStore,
  useLeadsStore,
  useLeadTimelineStore,
} from '../../stores/stores-context';
import { ChangeDecisions } from './change-decisions';
import { decisionsByChange } from './decision-look';
import { ChangeTimeline } from './change-timeline';
import { LeadWrites } from './lead-writes';
import { leadMarks } from '../leads/lead-marks';

interface LeadTimelineDrawerProps {
  /** Offer a way to the Leads view; pointless when the drawer is open on top of it. */
  showOpenInLeads: boolean;
}

export function LeadTimelineDrawer({ showOpenInLeads }: LeadTimelineDrawerProps) {
  const leadId = useLeadTimelineStore((state) => state.leadId);
  const timeline = useLeadTimelineStore((state) => state.timeline);
  const loading = useLeadTimelineStore((state) => state.loading);
  const error = useLeadTimelineStore((state) => state.error);
  const close = useLeadTimelineStore((state) => state.close);
  const reload = useLeadTimelineStore((state) => state.reload);
  const setLeadsQuery = useLeadsStore((state) => state.setQuery);
  const openDecisions = useLeadDecisionsStore((state) => state.open);
  const closeDecisions = useLeadDecisionsStore((state) => state.close);
  const decisions = useLeadDecisionsStore((state) => state.decisions);
  const decisionsError = useLeadDecisionsStore((state) => state.error);
  const byChange = useMemo(() => decisionsByChange(decisions), [decisions]);
  const openWrites = useLeadOutboxStore((state) => state.open);
  const closeWrites = useLeadOutboxStore((state) => state.close);

  // The channels' decisions and Leadbridge's writes follow whichever Lead the drawer shows.
  useEffect(() => {
    if (leadId === null) {
      closeDecisions();
      closeWrites();
    } else {
      void openDecisions(leadId);
      void openWrites(leadId);
    }
  }, [leadId, openDecisions, closeDecisions, openWrites, closeWrites]);

  // A drawer left open on one screen should not greet the user again on the next.
  useEffect(() => close, [close]);

  const openInLeads = (id: string) => {
    close();
    void setLeadsQuery(id);
    window.location.hash = hashForRoute('leads');
  };

  const name = timeline?.lead.name ?? null;

  return (
    <Drawer
      opened={leadId !== null}
      onClose={close}
      position="right"
      size={460}
      title={
        <Text fw={600} size="lg" component="span">
          {name ?? 'Lead timeline'}
        </Text>
      }
      closeButtonProps={{ 'aria-label': 'Close the timeline' }}
    >
      {error ? (
        <Stack gap="sm" align="flex-start">
          <ApiErrorAlert title="Could not load this Lead" error={error} />
          <Button size="xs" variant="default" onClick={() => void reload()}>
            Try again
          </Button>
        </Stack>
      ) : !timeline ? (
        <Center py="xl">{loading && <Loader size="sm" aria-label="Loading the timeline" />}</Center>
      ) : (
        <Stack gap="md">
          <LeadFacts lead={timeline.lead} />
          {showOpenInLeads && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => openInLeads(timeline.lead.id)}
              style={{ alignSelf: 'flex-start' }}
            >
              Open in the Leads view →
            </Anchor>
          )}
          <LeadWrites />
          <Divider
            label={`Changes (${timeline.changes.length.toLocaleString()})`}
            labelPosition="left"
          />
          {decisionsError && (
            <ApiErrorAlert title="Could not load the channels’ decisions" error={decisionsError} />
          )}
          <ChangeTimeline
            changes={timeline.changes}
            renderBelow={(change) => (
              <ChangeDecisions change={change} decisions={byChange.get(change.id) ?? []} />
            )}
          />
        </Stack>
      )}
    </Drawer>
  );
}

function LeadFacts({ lead }: { lead: LeadTimeline['lead'] }) {
  const dash = (value: string | null) => value ?? '—';
  return (
    <FactList
      labelWidth={110}
      facts={[
        { label: 'Email', value: dash(lead.email) },
        { label: 'Company', value: dash(lead.company) },
        {
          label: 'Status',
          value: lead.status ? (
            <Badge variant="light" radius="sm" tt="none">
              {lead.status}
            </Badge>
          ) : (
            '—'
          ),
        },
        {
          label: 'Lead Id',
          value: (
            <Text size="sm" ff="monospace">
              {lead.id}
            </Text>
          ),
        },
        {
          label: 'Last modified',
          value: (
            <Text size="sm" title={formatFullTime(lead.systemModstamp)}>
              {formatShortTime(lead.systemModstamp)}
            </Text>
          ),
        },
        ...leadMarks(lead).map((mark) => ({ label: 'In Salesforce', value: mark.hint })),
      ]}
    />
  );
}
