import type { AttemptKind, ChangeCause, InstanceSummary } from '../../../src-preload/contract';
import type { LogRepository } from '../store/log-repository';
import type { ActivityLogging } from './activity-logging';
import type { InstanceRepository } from './instance-repository';
import type { CauseInput, InstanceWrites } from './instance-writes';

export interface AttemptRecordingDependencies {
  instances: InstanceRepository;
  log: LogRepository;
  activities: ActivityLogging;
}

export interface Attempt {
  kind: AttemptKind;
  subject: string | undefined;
  cause: CauseInput;
  /** Names the attempt once (a repeat queues no second Task); the log entry's id when absent. */
  key?: string;
}

/**
 * An invite or email sent to the prospect, on an open instance, in the caller's transaction:
 * the first invite moves `activated` to `invited`, an `instance.attempt` log entry names the
 * attempt, and with the type's Task logging on a Task is queued. The same for an admin's
 * entry and the meeting platform's report.
 */
export function recordAttempt(
  deps: AttemptRecordingDependencies,
  open: InstanceSummary,
  attempt: Attempt,
  writes: InstanceWrites,
): { instance: InstanceSummary; outboxItemId: number | null } {
  let instance = open;
  if (attempt.kind === 'invite' && instance.status === 'activated') {
    instance = deps.instances.transition(
      instance.id,
      'invited',
      {
        reason: attempt.subject ? `Invite sent: ${attempt.subject}` : 'Invite sent.',
        cause: attempt.cause,
      },
      writes,
    );
  }
  const entry = deps.log.insert('instance.attempt', instance.recordId, {
    instanceId: instance.id,
    meetingTypeId: instance.meetingType.id,
    meetingType: instance.meetingType.name,
    name: instance.name,
    email: instance.email,
    kind: attempt.kind,
    subject: attempt.subject ?? null,
  });
  writes.logEntries.push(entry);
  const cause: ChangeCause = {
    kind: attempt.cause.kind,
    id: attempt.cause.id ?? null,
    name: attempt.cause.name ?? null,
  };
  const outboxItemId = deps.activities.attemptTask(instance, {
    kind: attempt.kind,
    subject: attempt.subject,
    key: attempt.key ?? `attempt:${entry.id}`,
    cause,
  });
  return { instance, outboxItemId };
}
