import type { AttemptKind, ChangeCause, InstanceSummary } from '../../../src-preload/contract';
import { dayText, localDay } from '../channels/zoned-calendar';
import type { Clock } from '../ports';
import type { CreateInput } from '../writeback/outbox';
import type { StatusEntered } from './instance-writes';
import type { MeetingTypeRepository } from './meeting-type-repository';

export interface ActivityLoggingDependencies {
  meetingTypes: MeetingTypeRepository;
  /** Queues a Task or Event on the Lead, in the caller's transaction. */
  enqueueCreate(input: CreateInput): number;
  clock: Clock;
  /** Where "today" is, for a Task's ActivityDate. */
  timeZone: string;
}

/** Salesforce's limit on a Task's or Event's Subject and an Event's Location. */
const TEXT_LIMIT = 255;
const ATTEMPT_WORDS: Record<AttemptKind, string> = { invite: 'Meeting invite', email: 'Email' };

/**
 * Activity logging, per meeting type: an invite or email attempt becomes a closed Task on the
 * Lead, a booked meeting an Event. Each is an outbox item queued in the transaction that
 * records what happened, so it is sent exactly when that is kept.
 */
export class ActivityLogging {
  constructor(private readonly deps: ActivityLoggingDependencies) {}

  /**
   * A status entered: a booking with its time becomes an Event when the type logs events.
   * Not a booking the platform reported: its booking settings make that Event, and a second
   * one would stand beside it in the calendar.
   */
  onStatusEntered(entered: StatusEntered): void {
    const { instance } = entered;
    if (entered.to !== 'booked' || instance.bookedStart === null || instance.bookedEnd === null) {
      return;
    }
    if (entered.cause.kind === 'platform') return;
    const type = this.deps.meetingTypes.facts(instance.meetingType.id);
    if (!type?.activityLogging.events) return;
    const host = instance.hostEmail ?? type.hosts[0];
    const values: Record<string, unknown> = {
      Subject: clip(host ? `${type.name} with ${host}` : type.name),
      StartDateTime: new Date(instance.bookedStart).toISOString(),
      EndDateTime: new Date(instance.bookedEnd).toISOString(),
    };
    // A longer URL cut short would lead nowhere: then the Event goes without it.
    if (instance.meetingUrl !== null && instance.meetingUrl.length <= TEXT_LIMIT) {
      values.Location = instance.meetingUrl;
    }
    this.deps.enqueueCreate({
      object: 'Event',
      leadId: instance.recordId,
      values,
      cause: entered.cause,
      instanceId: instance.id,
      idempotencyKey: `event:${entered.historyId}`,
    });
  }

  /**
   * An attempt's Task, when the type logs tasks; `key` names the attempt once (a repeat with
   * it queues nothing new). Returns the outbox item's id, or null when tasks are off.
   */
  attemptTask(
    instance: InstanceSummary,
    attempt: { kind: AttemptKind; subject: string | undefined; key: string; cause: ChangeCause },
  ): number | null {
    const type = this.deps.meetingTypes.facts(instance.meetingType.id);
    if (!type?.activityLogging.tasks) return null;
    const what = attempt.subject ?? ATTEMPT_WORDS[attempt.kind];
    return this.deps.enqueueCreate({
      object: 'Task',
      leadId: instance.recordId,
      values: {
        Subject: clip(`${what}: ${type.name}`),
        Status: 'Completed',
        ActivityDate: dayText(localDay(this.deps.clock.now(), this.deps.timeZone)),
        TaskSubtype: 'Email',
      },
      cause: attempt.cause,
      instanceId: instance.id,
      idempotencyKey: `task:${attempt.key}`,
    });
  }
}

function clip(text: string): string {
  return text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 1)}…`;
}
