import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import {
  newMeetingTypeSchema,
  openInstanceStatuses,
  type ActivityLogging,
  type MeetingType,
  type MeetingTypeChanges,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { LogRepository } from '../store/log-repository';

interface MeetingTypeRow {
  id: number;
  name: string;
  hosts: string;
  calendar_id: string | null;
  calendar_name: string | null;
  archived_at: string | null;
  log_tasks: number;
  log_events: number;
  created_at: string;
  updated_at: string;
  open_instances: number;
}

const OPEN_LIST = openInstanceStatuses.map((status) => `'${status}'`).join(', ');
const SELECT = `
  SELECT t.*, (SELECT COUNT(*) FROM instances i
               WHERE i.meeting_type_id = t.id AND i.status IN (${OPEN_LIST})) AS open_instances
  FROM meeting_types t`;

/** What starting an instance needs to know of its type, without counting its instances. */
export interface MeetingTypeRef {
  id: number;
  name: string;
  archived: boolean;
}

/**
 * What a status change needs of its type: hosts for routing, switches for activity logging,
 * the calendar for the meeting platform's instance events.
 */
export interface MeetingTypeFacts {
  name: string;
  hosts: string[];
  activityLogging: ActivityLogging;
  calendar: MeetingType['calendar'];
}

/**
 * Meeting types: what prospects are invited to. Writes log what an admin did; they run in
 * the caller's transaction when there is one (archiving also deactivates instances).
 */
export class MeetingTypeRepository {
  readonly #ref: Statement<[number], { id: number; name: string; archived: number }>;
  readonly #byCalendar: Statement<[string], { id: number; name: string }>;
  readonly #facts: Statement<
    [number],
    Pick<
      MeetingTypeRow,
      'name' | 'hosts' | 'log_tasks' | 'log_events' | 'calendar_id' | 'calendar_name'
    >
  >;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: LogRepository,
  ) {
    this.#ref = db.prepare(
      'SELECT id, name, archived_at IS NOT NULL AS archived FROM meeting_types WHERE id = ?',
    );
    this.#facts = db.prepare(
      `SELECT name, hosts, log_tasks, log_events, calendar_id, calendar_name
       FROM meeting_types WHERE id = ?`,
    );
    // Two live types on one calendar: the older one takes its bookings, every time the same.
    this.#byCalendar = db.prepare(
      `SELECT id, name FROM meeting_types WHERE calendar_id = ? AND archived_at IS NULL
       ORDER BY id LIMIT 1`,
    );
  }

  /** The live meeting type a booking calendar is mapped to (none: its bookings move no instance). */
  byCalendar(calendarId: string): MeetingTypeRef | undefined {
    const row = this.#byCalendar.get(calendarId);
    return row && { id: row.id, name: row.name, archived: false };
  }

  /** Hosts and activity switches, cheaply (no instance count): asked on status changes. */
  facts(id: number): MeetingTypeFacts | undefined {
    const row = this.#facts.get(id);
    return (
      row && {
        name: row.name,
        hosts: JSON.parse(row.hosts) as string[],
        activityLogging: { tasks: row.log_tasks === 1, events: row.log_events === 1 },
        calendar: calendarOf(row),
      }
    );
  }

  /** The type's name and state, cheaply: asked once per instance a channel starts. */
  ref(id: number): MeetingTypeRef | undefined {
    const row = this.#ref.get(id);
    return row && { id: row.id, name: row.name, archived: row.archived === 1 };
  }

  list(includeArchived: boolean): MeetingType[] {
    const where = includeArchived ? '' : 'WHERE t.archived_at IS NULL';
    const rows = this.db
      .prepare(`${SELECT} ${where} ORDER BY t.archived_at IS NOT NULL, t.name COLLATE NOCASE, t.id`)
      .all() as MeetingTypeRow[];
    return rows.map(toMeetingType);
  }

  get(id: number): MeetingType | undefined {
    const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as MeetingTypeRow | undefined;
    return row && toMeetingType(row);
  }

  /** The meeting type, or MEETING_TYPE_NOT_FOUND. */
  require(id: number): MeetingType {
    return this.get(id) ?? notFound(id);
  }

  /** The type's name and state, or MEETING_TYPE_NOT_FOUND. */
  requireRef(id: number): MeetingTypeRef {
    return this.ref(id) ?? notFound(id);
  }

  /** `input` as the contract takes it: what it leaves out gets the contract's defaults. */
  create(input: z.input<typeof newMeetingTypeSchema>): MeetingType {
    const fields = newMeetingTypeSchema.parse(input);
    const now = this.#now();
    const { id } = this.#uniqueName(fields.name, () =>
      this.db
        .prepare(
          `INSERT INTO meeting_types
             (name, hosts, calendar_id, calendar_name, log_tasks, log_events, created_at,
              updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          fields.name,
          JSON.stringify(uniqueHosts(fields.hosts)),
          fields.calendar?.id ?? null,
          fields.calendar?.name ?? null,
          fields.activityLogging.tasks ? 1 : 0,
          fields.activityLogging.events ? 1 : 0,
          now,
          now,
        ),
    ) as { id: number };
    const created = this.require(id);
    this.log.append('meeting-type.created', null, meetingTypeFacts(created));
    return created;
  }

  /** Changes the fields given; an archived type is kept as it was when archived. */
  update(id: number, changes: MeetingTypeChanges): MeetingType {
    const before = this.require(id);
    if (before.archived) {
      throw new AppError(
        'MEETING_TYPE_ARCHIVED',
        `“${before.name}” is archived and can no longer be edited. Create a new meeting type instead.`,
      );
    }
    const next = {
      name: changes.name ?? before.name,
      hosts: uniqueHosts(changes.hosts ?? before.hosts),
      calendar: changes.calendar === undefined ? before.calendar : changes.calendar,
      activityLogging: changes.activityLogging ?? before.activityLogging,
    };
    this.#uniqueName(next.name, () =>
      this.db
        .prepare(
          `UPDATE meeting_types SET name = ?, hosts = ?, calendar_id = ?, calendar_name = ?,
             log_tasks = ?, log_events = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          next.name,
          JSON.stringify(next.hosts),
          next.calendar?.id ?? null,
          next.calendar?.name ?? null,
          next.activityLogging.tasks ? 1 : 0,
          next.activityLogging.events ? 1 : 0,
          this.#now(),
          id,
        ),
    );
    const updated = this.require(id);
    this.log.append('meeting-type.updated', null, {
      ...meetingTypeFacts(updated),
      changed: Object.keys(changes),
    });
    return updated;
  }

  /**
   * Marks the type archived. Run inside the transaction that also closes its instances (see
   * MeetingAdmin.archiveMeetingType); the log entry is the caller's to write.
   */
  markArchived(id: number): void {
    const now = this.#now();
    this.db
      .prepare(
        'UPDATE meeting_types SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL',
      )
      .run(now, now, id);
  }

  #uniqueName<T>(name: string, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AppError(
          'MEETING_TYPE_NAME_TAKEN',
          `A meeting type called “${name}” already exists. Choose another name, or edit that one.`,
        );
      }
      throw error;
    }
  }

  #now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function notFound(id: number): never {
  throw new AppError(
    'MEETING_TYPE_NOT_FOUND',
    `There is no meeting type ${id}. Reload the list; it may have been removed.`,
  );
}

/** The same host twice would be offered twice for routing; the first mention keeps its place. */
function uniqueHosts(hosts: readonly string[]): string[] {
  return [...new Set(hosts)];
}

export function meetingTypeFacts(type: MeetingType): Record<string, unknown> {
  return {
    meetingTypeId: type.id,
    meetingType: type.name,
    hosts: type.hosts,
    activityLogging: type.activityLogging,
  };
}

function toMeetingType(row: MeetingTypeRow): MeetingType {
  return {
    id: row.id,
    name: row.name,
    hosts: JSON.parse(row.hosts) as string[],
    calendar: calendarOf(row),
    archived: row.archived_at !== null,
    activityLogging: { tasks: row.log_tasks === 1, events: row.log_events === 1 },
    openInstances: row.open_instances,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function calendarOf(
  row: Pick<MeetingTypeRow, 'calendar_id' | 'calendar_name'>,
): MeetingType['calendar'] {
  return row.calendar_id !== null && row.calendar_name !== null
    ? { id: row.calendar_id, name: row.calendar_name }
    : null;
}
