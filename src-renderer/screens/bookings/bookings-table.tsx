import { Anchor, Badge, Button, Center, Loader, Paper, Table, Text, Tooltip } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import type { BookingSummary } from '../../../src-preload/contract';
import { formatFullTime, formatLogTime } from '../../format/format-log-time';
import { formatShortTime } from '../../format/format-short-time';
import { useBookingsStore, useLeadTimelineStore } from '../../stores/stores-context';
import {
  BOOKING_OUTCOME_LOOKS,
  BOOKING_STATUS_LABELS,
  canRetryBooking,
  emptyBookingsText,
  eventLines,
  guestLines,
  recordLines,
} from './booking-look';
import { LoadMoreButton } from '../../components/load-more-button';
import { BOOKINGS_PAGE_SIZE } from '../../stores/bookings-store';
import { ActionsColumnHeader } from '../../components/actions-column-header';

export function BookingsTable() {
  const bookings = useBookingsStore((state) => state.bookings);
  const total = useBookingsStore((state) => state.total);
  const loaded = useBookingsStore((state) => state.loaded);
  const loading = useBookingsStore((state) => state.loading);
  const loadingMore = useBookingsStore((state) => state.loadingMore);
  const loadMore = useBookingsStore((state) => state.loadMore);
  const filtered = useBookingsStore((state) => state.outcomes.length > 0 || state.query !== '');

  return (
    <Paper withBorder component="section" aria-label="Bookings list">
      {bookings.length === 0 ? (
        <Center py={40} px="md">
          {!loaded || loading ? (
            <Loader size="sm" aria-label="Loading the bookings" />
          ) : (
            <Text size="sm" c="dimmed" ta="center" maw={520} data-testid="bookings-empty">
              {emptyBookingsText(filtered)}
            </Text>
          )}
        </Center>
      ) : (
        <Table
          fz="sm"
          verticalSpacing={6}
          aria-label="Bookings"
          aria-busy={loading}
          highlightOnHover
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Received</Table.Th>
              <Table.Th w="11%">Calendar</Table.Th>
              <Table.Th w="17%">Guest</Table.Th>
              <Table.Th>Meeting</Table.Th>
              <Table.Th w="14%">Outcome</Table.Th>
              <Table.Th>Record</Table.Th>
              <Table.Th>Event</Table.Th>
              <ActionsColumnHeader w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bookings.map((booking) => (
              <BookingRow key={booking.id} booking={booking} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMoreButton
        shown={bookings.length}
        total={total}
        pageSize={BOOKINGS_PAGE_SIZE}
        loading={loadingMore}
        onLoad={() => void loadMore()}
      />
    </Paper>
  );
}

function BookingRow({ booking }: { booking: BookingSummary }) {
  const retrying = useBookingsStore((state) => state.retrying.includes(booking.id));
  const retry = useBookingsStore((state) => state.retry);
  const openLead = useLeadTimelineStore((state) => state.open);
  const look = BOOKING_OUTCOME_LOOKS[booking.outcome];
  const { record } = booking;
  const recordShown = recordLines(booking);
  const event = eventLines(booking.event);

  return (
    <Table.Tr data-booking-id={booking.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={formatFullTime(booking.receivedAt)} withArrow>
          <Text size="sm" span>
            {formatLogTime(booking.receivedAt)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Lines
          title={booking.calendar?.name ?? 'No calendar'}
          detail={
            booking.meetingType ? `Meeting type “${booking.meetingType.name}”` : 'No meeting type'
          }
        />
      </Table.Td>
      <Table.Td>
        <Lines {...guestLines(booking.guest)} detailWraps="anywhere" />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Lines
          title={booking.start ? formatShortTime(booking.start) : 'No time'}
          detail={BOOKING_STATUS_LABELS[booking.status]}
        />
      </Table.Td>
      <Table.Td>
        <Tooltip label={look.hint} withArrow multiline w={240}>
          <Badge
            color={look.color}
            variant="light"
            radius="sm"
            tt="none"
            // A badge cuts its label short to fit; an outcome must read whole.
            styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
          >
            {look.label}
          </Badge>
        </Tooltip>
        {booking.error && (
          // The code is for a support question: in reach on hover, out of the reading.
          <Text
            size="xs"
            c="red.8"
            mt={2}
            data-testid="booking-error"
            title={`Code ${booking.error.code}`}
          >
            {booking.error.message}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Lines
          title={
            record?.kind === 'lead' ? (
              <Anchor
                component="button"
                type="button"
                size="sm"
                ta="left"
                onClick={() => void openLead(record.id)}
                title="Show the Lead’s timeline"
              >
                {recordShown.title}
              </Anchor>
            ) : (
              recordShown.title
            )
          }
          detail={recordShown.detail}
          detailWraps="never"
          dimmed={!record}
        />
      </Table.Td>
      <Table.Td>
        <Lines
          title={event.title}
          detail={event.detail}
          detailWraps="never"
          color={booking.event?.state === 'failed' ? 'red.8' : undefined}
        />
      </Table.Td>
      <Table.Td>
        {canRetryBooking(booking) && (
          <Button size="compact-xs" loading={retrying} onClick={() => void retry([booking.id])}>
            Retry
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

const DETAIL_WRAPS = {
  words: undefined,
  // An email is one long word: it breaks after its @ (see `Lines`), and anywhere rather than
  // widen its column.
  anywhere: { overflowWrap: 'anywhere' },
  // An Id is read and copied whole.
  never: { whiteSpace: 'nowrap' },
} as const;

/** A cell's words over its detail; the words wrap between words only, never inside a name. */
function Lines({
  title,
  detail,
  detailWraps = 'words',
  dimmed = false,
  color,
}: {
  title: ReactNode;
  detail?: string | null;
  detailWraps?: keyof typeof DETAIL_WRAPS;
  dimmed?: boolean;
  color?: string | undefined;
}) {
  return (
    <>
      <Text size="sm" c={dimmed ? 'dimmed' : color} component="div">
        {title}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed" style={DETAIL_WRAPS[detailWraps]}>
          {detailWraps === 'anywhere' ? breakableAfterAt(detail) : detail}
        </Text>
      )}
    </>
  );
}

/** "mika@example.com" with a line-break opportunity after the @ (a <wbr>, not copied with it). */
function breakableAfterAt(text: string): ReactNode {
  return text.split('@').map((part, index) => (
    <Fragment key={index}>
      {index > 0 && (
        <>
          @<wbr />
        </>
      )}
      {part}
    </Fragment>
  ));
}
