import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CountChipFilter } from '../../components/count-chip-filter';
import { SearchInput } from '../../components/search-input';
import { useBookingsStore } from '../../stores/stores-context';
import { LeadTimelineDrawer } from '../lead-timeline/lead-timeline-drawer';
import { plural } from '../../format/plural';
import { BOOKING_OUTCOME_LOOKS, BOOKING_OUTCOMES_SHOWN, canRetryBooking } from './booking-look';
import { BookingsTable } from './bookings-table';

/** Every booking the platform reported, and what posting it to Salesforce did. */
export function BookingsScreen() {
  const refresh = useBookingsStore((state) => state.refresh);
  const error = useBookingsStore((state) => state.error);
  const note = useBookingsStore((state) => state.retryNote);
  const retryError = useBookingsStore((state) => state.retryError);
  const dismissRetryError = useBookingsStore((state) => state.dismissRetryError);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} fz="xl">
          Bookings
        </Title>
        <Text size="sm" c="dimmed">
          Each booking received from the meeting platform and what it did in Salesforce: a record
          created, updated or left untouched, and its Event. Failed ones wait here for you to fix
          the cause (often in Mapping) and retry.
        </Text>
      </div>
      <Paper withBorder p="sm" component="section" aria-label="Filter bookings">
        <Group justify="space-between" align="center">
          <OutcomeFilter />
          <Group gap="sm">
            <RetryShownFailed />
            <BookingSearch />
          </Group>
        </Group>
      </Paper>
      {error && <ApiErrorAlert title="Could not read the bookings" error={error} />}
      {note && (
        <Alert color="teal" variant="light" py={4} data-testid="bookings-retry-note">
          <Text size="xs">{note}</Text>
        </Alert>
      )}
      {retryError && (
        <ApiErrorAlert
          title="The booking was not retried"
          error={retryError}
          onClose={dismissRetryError}
        />
      )}
      <BookingsTable />
      <LeadTimelineDrawer showOpenInLeads />
    </Stack>
  );
}

/** The outcomes as chips with their counts; none chosen shows every booking. */
function OutcomeFilter() {
  const outcomes = useBookingsStore((state) => state.outcomes);
  const counts = useBookingsStore((state) => state.counts);
  const setOutcomes = useBookingsStore((state) => state.setOutcomes);
  return (
    <CountChipFilter
      label="Show bookings that are"
      shown={BOOKING_OUTCOMES_SHOWN}
      looks={BOOKING_OUTCOME_LOOKS}
      counts={counts}
      value={outcomes}
      onChange={(picked) => void setOutcomes(picked)}
    />
  );
}

function BookingSearch() {
  const queryText = useBookingsStore((state) => state.queryText);
  const setQueryText = useBookingsStore((state) => state.setQueryText);
  const setQuery = useBookingsStore((state) => state.setQuery);
  return (
    <SearchInput
      label="Search bookings"
      placeholder="Guest’s email, name, company or a record Id"
      value={queryText}
      onChange={setQueryText}
      onSubmit={(text) => void setQuery(text)}
      width={300}
    />
  );
}

/** After fixing a cause (often the mapping), every failed booking shown is posted again at once. */
function RetryShownFailed() {
  const bookings = useBookingsStore((state) => state.bookings);
  const retrying = useBookingsStore((state) => state.retrying.length > 0);
  const retry = useBookingsStore((state) => state.retry);
  const failedIds = bookings.filter(canRetryBooking).map((booking) => booking.id);
  if (failedIds.length < 2) return null;
  return (
    <Button size="xs" variant="light" loading={retrying} onClick={() => void retry(failedIds)}>
      Retry {plural(failedIds.length, 'failed booking')}
    </Button>
  );
}
