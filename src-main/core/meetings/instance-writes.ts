import type {
  ChangeCause,
  InstancesChanged,
  InstanceStatus,
  InstanceSummary,
  LogEntry,
} from '../../../src-preload/contract';

/** What caused a status change; id and name are optional (an admin has neither here). */
export interface CauseInput {
  kind: ChangeCause['kind'];
  id?: string | null;
  name?: string | null;
}

/** Why a status changes, as kept in the history. */
export interface StatusChangeInput {
  /** A sentence a person reads in the history ("Status changed to Working - Contacted"). */
  reason: string;
  cause: CauseInput;
  /** Facts the change brings (a booking's time, host and URL); unset ones stay as they are. */
  booking?: BookingDetails;
}

export interface BookingDetails {
  start?: string | null;
  end?: string | null;
  hostEmail?: string | null;
  meetingUrl?: string | null;
}

/** A status an instance has just entered, as Update channels see it (inside the transaction). */
export interface StatusEntered {
  instance: InstanceSummary;
  /** The history entry that records it: what happens because of it is keyed by it. */
  historyId: number;
  from: InstanceStatus | null;
  to: InstanceStatus;
  reason: string;
  cause: ChangeCause;
}

/**
 * What one transaction changed about instances: log entries and change notices that must
 * be shown only once it has committed. A caller running its own transaction passes one of
 * these to every write and hands it to `InstanceRepository.publish` after the commit; a
 * rolled-back batch is simply dropped.
 */
export class InstanceWrites {
  readonly logEntries: LogEntry[] = [];
  readonly changes: InstancesChanged['changes'] = [];
  /** What a status-entered handler announces once the change committed (a fire count moved). */
  readonly afterCommit: (() => void)[] = [];

  /** Takes over what a nested batch wrote (its savepoint was released). */
  adopt(other: InstanceWrites): void {
    this.logEntries.push(...other.logEntries.splice(0));
    this.changes.push(...other.changes.splice(0));
    this.afterCommit.push(...other.afterCommit.splice(0));
  }
}
