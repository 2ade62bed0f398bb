import type { Database } from 'better-sqlite3';
import {
  bookingOutcomeSchema,
  type BookingOutcome,
  type BookingSummary,
  type OutboxState,
} from '../../../src-preload/contract';

export interface BookingListQuery {
  outcomes?: BookingOutcome[] | undefined;
  query: string;
  limit: number;
  offset: number;
}

interface SummaryRow {
  id: number;
  source: BookingSummary['source'];
  external_id: string;
  calendar_id: string | null;
  calendar_name: string | null;
  meeting_type_id: number | null;
  meeting_type_name: string | null;
  guest_email: string;
  guest_name: string | null;
  guest_company: string | null;
  start: string | null;
  end: string | null;
  status: BookingSummary['status'];
  outcome: BookingOutcome;
  record_kind: 'lead' | 'contact' | null;
  record_id: string | null;
  record_name: string | null;
  error_code: string | null;
  error_message: string | null;
  post_error_code: string | null;
  post_error_message: string | null;
  event_state: OutboxState | null;
  event_result_id: string | null;
  instance_id: number | null;
  received_at: string;
  posted_at: string | null;
}

/** The Bookings view: each booking with its outcome, its Event and why it failed or waits. */
export class BookingList {
  constructor(private readonly db: Database) {}

  list(query: BookingListQuery): {
    bookings: BookingSummary[];
    total: number;
    counts: Record<BookingOutcome, number>;
  } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit, offset: query.offset };
    if (query.outcomes && query.outcomes.length > 0) {
      where.push('b.outcome IN (SELECT value FROM json_each(@outcomes))');
      params.outcomes = JSON.stringify(query.outcomes);
    }
    const term = query.query.trim();
    if (term) {
      where.push(`(b.record_id = @term OR b.guest_email LIKE @like ESCAPE '\\'
        OR b.guest_name LIKE @like ESCAPE '\\' OR b.guest_company LIKE @like ESCAPE '\\')`);
      params.term = term;
      params.like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM bookings b ${clause}`)
      .pluck()
      .get(params) as number;
    const rows = this.db
      .prepare(
        `SELECT b.*, m.name AS meeting_type_name, p.error_code AS post_error_code,
           p.error_message AS post_error_message, e.state AS event_state,
           e.result_id AS event_result_id, l.name AS record_name
         FROM bookings b
         LEFT JOIN meeting_types m ON m.id = b.meeting_type_id
         LEFT JOIN outbox p ON p.id = b.post_item_id
         LEFT JOIN outbox e ON e.id = b.event_item_id
         LEFT JOIN leads l ON b.record_kind = 'lead' AND l.id = b.record_id
         ${clause} ORDER BY b.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as SummaryRow[];
    const counts = Object.fromEntries(bookingOutcomeSchema.options.map((o) => [o, 0])) as Record<
      BookingOutcome,
      number
    >;
    const grouped = this.db
      .prepare('SELECT outcome, COUNT(*) AS n FROM bookings GROUP BY outcome')
      .all() as { outcome: BookingOutcome; n: number }[];
    for (const { outcome, n } of grouped) counts[outcome] = n;
    return { bookings: rows.map(toSummary), total, counts };
  }

  /** Calendars Leadbridge knows: meeting types' and those bookings came from. */
  calendars(): { id: string; name: string; meetingType: { id: number; name: string } | null }[] {
    return this.db
      .prepare(
        `SELECT c.id, c.name, m.id AS type_id, m.name AS type_name FROM (
           SELECT calendar_id AS id, calendar_name AS name FROM meeting_types
             WHERE calendar_id IS NOT NULL AND archived_at IS NULL
           UNION
           SELECT calendar_id, max(calendar_name) FROM bookings
             WHERE calendar_id IS NOT NULL GROUP BY calendar_id
         ) c
         LEFT JOIN meeting_types m ON m.calendar_id = c.id AND m.archived_at IS NULL
         GROUP BY c.id ORDER BY c.name, c.id`,
      )
      .all()
      .map((row) => {
        const { id, name, type_id, type_name } = row as {
          id: string;
          name: string | null;
          type_id: number | null;
          type_name: string | null;
        };
        return {
          id,
          name: name ?? id,
          meetingType: type_id === null ? null : { id: type_id, name: type_name! },
        };
      });
  }
}

function toSummary(row: SummaryRow): BookingSummary {
  const errorCode = row.error_code ?? (row.outcome === 'pending' ? row.post_error_code : null);
  const errorMessage =
    row.error_message ?? (row.outcome === 'pending' ? row.post_error_message : null);
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    calendar:
      row.calendar_id === null ? null : { id: row.calendar_id, name: row.calendar_name ?? '' },
    meetingType:
      row.meeting_type_id === null || row.meeting_type_name === null
        ? null
        : { id: row.meeting_type_id, name: row.meeting_type_name },
    guest: { email: row.guest_email, name: row.guest_name, company: row.guest_company },
    start: row.start,
    end: row.end,
    status: row.status,
    outcome: row.outcome,
    record:
      row.record_kind === null || row.record_id === null
        ? null
        : { kind: row.record_kind, id: row.record_id, name: row.record_name },
    event: row.event_state === null ? null : { state: row.event_state, id: row.event_result_id },
    error: errorCode === null ? null : { code: errorCode, message: errorMessage ?? '' },
    instanceId: row.instance_id,
    receivedAt: row.received_at,
    postedAt: row.posted_at,
  };
}
