import type {
  AdminInstanceStatus,
  AttemptKind,
  BookingFacts,
  InstanceStatus,
  InstanceSummary,
  MeetingType,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { LogRepository } from '../store/log-repository';
import type { ActivityLogging } from './activity-logging';
import { recordAttempt } from './attempt-recording';
import type { InstanceRepository } from './instance-repository';
import { isOpenStatus, label } from './instance-status-machine';
import { meetingTypeFacts, type MeetingTypeRepository } from './meeting-type-repository';

/** Open statuses before a booking: archiving a type stops these, booked meetings still happen. */
const NOT_YET_BOOKED: ReadonlySet<InstanceStatus> = new Set([
  'initialized',
  'activated',
  'invited',
  'needs_attention',
]);

const ADMIN = { kind: 'admin' } as const;

/** What an admin does by hand in the Meetings view, each in one transaction. */
export class MeetingAdmin {
  constructor(
    private readonly meetingTypes: MeetingTypeRepository,
    private readonly instances: InstanceRepository,
    private readonly log: LogRepository,
    private readonly activities: ActivityLogging,
  ) {}

  /**
   * Sets an instance's status with the admin's reason. Activating a closed instance starts a
   * new one for the same record and meeting type (`created: true`), unless that record
   * already has an open one (INSTANCE_ALREADY_OPEN). Anything the status machine refuses is
   * INSTANCE_TRANSITION_INVALID, and nothing changes. `booked` takes the meeting's facts
   * (until the meeting platform reports bookings), its host one of the type's hosts.
   */
  setStatus(
    instanceId: number,
    status: AdminInstanceStatus,
    reason: string,
    booking?: BookingFacts,
  ): { instance: InstanceSummary; created: boolean } {
    return this.instances.write((writes) => {
      const current = this.instances.require(instanceId);
      if (status !== 'activated' || isOpenStatus(current.status)) {
        const instance = this.instances.transition(
          instanceId,
          status,
          { reason, cause: ADMIN, ...this.#booking(current, status, booking) },
          writes,
        );
        return { instance, created: false };
      }
      const started = this.instances.openInstance(
        {
          recordId: current.recordId,
          recordKind: current.recordKind,
          email: current.email,
          meetingTypeId: current.meetingType.id,
          status: 'activated',
          reason,
          cause: ADMIN,
        },
        writes,
      );
      if (!started.created) {
        throw new AppError(
          'INSTANCE_ALREADY_OPEN',
          `This Lead already has an open “${current.meetingType.name}” instance (${label(
            started.instance.status,
          )}). Change that one instead.`,
        );
      }
      return started;
    });
  }

  /**
   * Records an invite or email sent to the prospect on an open instance: the first invite
   * moves an activated instance to `invited`; with the type's Task logging on, a Task is
   * queued for the Lead in the same transaction. INSTANCE_CLOSED on a closed instance.
   */
  recordAttempt(
    instanceId: number,
    kind: AttemptKind,
    subject?: string,
  ): { instance: InstanceSummary; outboxItemId: number | null } {
    return this.instances.write((writes) => {
      const instance = this.instances.require(instanceId);
      if (!instance.isOpen) {
        throw new AppError(
          'INSTANCE_CLOSED',
          `This instance is ${label(instance.status)}: attempts are recorded on open instances. Activate the Lead again to start a new one.`,
        );
      }
      return recordAttempt(
        { instances: this.instances, log: this.log, activities: this.activities },
        instance,
        { kind, subject, cause: ADMIN },
        writes,
      );
    });
  }

  /** A booking's facts for the status change: only `booked` takes them, with a known host. */
  #booking(
    instance: InstanceSummary,
    status: AdminInstanceStatus,
    booking: BookingFacts | undefined,
  ): { booking?: BookingFacts } {
    if (status !== 'booked') {
      if (booking) {
        throw new AppError(
          'BOOKING_NOT_EXPECTED',
          `Only a booking takes a meeting's time and host, not ${label(status)}. Leave them out.`,
        );
      }
      return {};
    }
    if (!booking) {
      throw new AppError(
        'BOOKING_FACTS_MISSING',
        'Marking an instance booked needs the meeting’s start, end and host. Fill them in.',
      );
    }
    const type = this.meetingTypes.require(instance.meetingType.id);
    if (!type.hosts.includes(booking.hostEmail)) {
      throw new AppError(
        'BOOKING_HOST_NOT_A_HOST',
        `${booking.hostEmail} is not a host of “${type.name}” (hosts: ${type.hosts.join(', ')}). Choose one of its hosts, or add this one to the meeting type first.`,
      );
    }
    return { booking };
  }

  /**
   * Archives a meeting type: it starts no new instances, and its open instances not yet
   * booked are deactivated with that reason. Booked meetings run on to their end.
   */
  archiveMeetingType(id: number): { meetingType: MeetingType; deactivated: number } {
    return this.instances.write((writes) => {
      const type = this.meetingTypes.require(id);
      if (type.archived) return { meetingType: type, deactivated: 0 };
      const stopping = this.instances.search({
        meetingTypeId: id,
        statuses: [...NOT_YET_BOOKED],
        query: '',
        limit: -1, // SQLite's "no limit"
        offset: 0,
      }).instances;
      const reason = `The meeting type “${type.name}” was archived.`;
      for (const instance of stopping) {
        this.instances.transition(instance.id, 'deactivated', { reason, cause: ADMIN }, writes);
      }
      this.meetingTypes.markArchived(id);
      writes.logEntries.push(
        this.log.insert('meeting-type.archived', null, {
          ...meetingTypeFacts(type),
          deactivated: stopping.length,
        }),
      );
      return { meetingType: this.meetingTypes.require(id), deactivated: stopping.length };
    });
  }
}
