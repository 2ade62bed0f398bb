import type { OutboundSettings } from '../../../src-preload/contract';
import type { StatusEntered } from '../meetings/instance-writes';
import type { MeetingTypeRepository } from '../meetings/meeting-type-repository';
import type { InstanceEventInput } from '../writeback/outbox';

export interface InstanceEventsDependencies {
  /** Settings → Meeting platform: whether instance events go out, and where. */
  outbound(): OutboundSettings;
  meetingTypes: MeetingTypeRepository;
  /** A live cached Lead's fields (a Contact is not cached: its instance's facts stand in). */
  leadFields(recordId: string): Record<string, unknown> | undefined;
  enqueueInstanceEvent(input: InstanceEventInput): number;
}

/** The statuses the meeting platform hears about: it invites on one and stops on the other. */
const ANNOUNCED = { activated: 'instance.activated', deactivated: 'instance.deactivated' } as const;

/**
 * Outbound instance events: entering `activated` or `deactivated` queues one for the meeting
 * platform's URL, in the status change's transaction (keyed by its history entry), when
 * outbound events are on with a URL. The body is fixed now: the Lead as it was then.
 */
export class InstanceEvents {
  constructor(private readonly deps: InstanceEventsDependencies) {}

  onStatusEntered(entered: StatusEntered): void {
    if (entered.to !== 'activated' && entered.to !== 'deactivated') return;
    const { enabled, url } = this.deps.outbound();
    if (!enabled || url === null) return;
    const { instance } = entered;
    const type = this.deps.meetingTypes.facts(instance.meetingType.id);
    const fields =
      instance.recordKind === 'lead' ? this.deps.leadFields(instance.recordId) : undefined;
    const text = (name: string) =>
      typeof fields?.[name] === 'string' ? (fields[name] as string) : null;
    this.deps.enqueueInstanceEvent({
      recordId: instance.recordId,
      body: {
        type: ANNOUNCED[entered.to],
        occurred_at: instance.lastChange.at,
        instance: {
          id: instance.id,
          status: entered.to,
          meeting_type: {
            id: instance.meetingType.id,
            name: instance.meetingType.name,
            calendar: type?.calendar ?? null,
          },
          record: { kind: instance.recordKind, id: instance.recordId },
          lead: {
            email: text('Email') ?? instance.email,
            first_name: text('FirstName'),
            last_name: text('LastName'),
            name: text('Name') ?? instance.name,
            company: text('Company'),
          },
        },
      },
      cause: entered.cause,
      instanceId: instance.id,
      idempotencyKey: `instance-event:${entered.historyId}`,
    });
  }
}
