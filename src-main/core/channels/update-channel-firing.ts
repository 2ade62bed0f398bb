import type { InstanceStatus, InstanceSummary } from '../../../src-preload/contract';
import type { Database } from 'better-sqlite3';
import type { Clock, Logger } from '../ports';
import { InstanceWrites, type StatusEntered } from '../meetings/instance-writes';
import { label } from '../meetings/instance-status-machine';
import type { LogRepository } from '../store/log-repository';
import type { LeadUpdateInput } from '../writeback/outbox';
import type { RunnableUpdateChannel } from './channel-service';
import type { PlannedWrite } from './plan-writes';
import type { UpdateFiringRepository, WaitingFiring } from './update-firing-repository';
import { dayText, localDay } from './zoned-calendar';

export interface UpdateChannelFiringDependencies {
  db: Database;
  /** The enabled Update channels of a meeting type that fire on a status, compiled. */
  channels(meetingTypeId: number, status: InstanceStatus): RunnableUpdateChannel[];
  /** A live cached Lead's fields. */
  leadFields(leadId: string): Record<string, unknown> | undefined;
  /** The meeting type's hosts, the first of which stands in when the instance has none. */
  hostsOf(meetingTypeId: number): readonly string[];
  enqueueLeadUpdate(input: LeadUpdateInput): number;
  firings: UpdateFiringRepository;
  log: LogRepository;
  logger: Logger;
  clock: Clock;
  /** Shows a transaction's log entries and runs its after-commit work, once it committed. */
  publish(writes: InstanceWrites): void;
  /** `channels:changed`, after the commit: the channels' fire counts moved. */
  changed(channelIds: number[]): void;
}

const NO_CHANGES: ReadonlySet<string> = new Set();

/** What one firing writes, and what is left out. */
interface Decided {
  /** Every field written; a host_user field holds null until the worker knows the User. */
  values: Record<string, unknown>;
  /** host_user fields → the host's email. */
  hostUsers: Record<string, string>;
  basis: Record<string, unknown>;
  leftOut: string[];
}

/**
 * Update channels: when an instance enters a status, each enabled Update channel of its
 * meeting type that fires on that status, and whose conditions hold on the Lead as cached,
 * queues a Lead update in the outbox — inside the status change's transaction, so the
 * change, the firing and the write commit together or not at all. The basis of each field
 * is its cached value: the worker skips a field a person changed since.
 *
 * A Lead not cached yet (a new guest's booking posted it; the sync has not brought it) has
 * no basis and no fields for the conditions: the firing waits, stored in the same
 * transaction, and fires once a sync caches the Lead — with the status entered as it was
 * (a fact, even if the instance has moved on since: firings of later statuses follow it, in
 * order), and the conditions and basis as the Lead is then.
 */
export class UpdateChannelFiring {
  /** Channels whose fire count moved in commits this tick: announced once, together. */
  readonly #announcing = new Set<number>();

  constructor(private readonly deps: UpdateChannelFiringDependencies) {}

  onStatusEntered(entered: StatusEntered, writes: InstanceWrites): void {
    const { instance, to } = entered;
    if (instance.recordKind !== 'lead') return;
    const channels = this.deps.channels(instance.meetingType.id, to);
    if (channels.length === 0) return;
    const lead = this.deps.leadFields(instance.recordId);
    for (const channel of channels) {
      if (lead) this.#fire(channel, entered, lead, writes, null);
      else this.#wait(channel, entered, writes);
    }
  }

  /**
   * After each committed sync page, and at start-up: the waiting firings whose Lead is now
   * cached fire, each in its own transaction (its write, its firing and the end of its wait
   * together). Returns how many were handled.
   */
  fireWaiting(): number {
    const ready = this.deps.firings.ready();
    for (const waiting of ready) {
      const writes = new InstanceWrites();
      try {
        this.deps.db.transaction(() => this.#release(waiting, writes)).immediate();
        this.deps.publish(writes);
      } catch (error) {
        // Left waiting: the next page or start-up tries again.
        this.deps.logger.warn('waiting update channel firing failed', {
          channelId: waiting.channelId,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return ready.length;
  }

  #release(waiting: WaitingFiring, writes: InstanceWrites): void {
    const { entered } = waiting;
    const { instance, to } = entered;
    const lead = this.deps.leadFields(instance.recordId);
    if (!lead || !this.deps.firings.release(waiting)) return;
    const channel = this.deps
      .channels(instance.meetingType.id, to)
      .find((candidate) => candidate.id === waiting.channelId);
    if (channel) {
      this.#fire(channel, entered, lead, writes, waiting.since);
      return;
    }
    writes.logEntries.push(
      this.deps.log.insert('channel.fired', instance.recordId, {
        ...this.#subject(entered),
        channel: waiting.channelName,
        channelId: waiting.channelId,
        meetingType: instance.meetingType.name,
        effect: 'none',
        fields: [],
        outboxItemId: null,
        reason: `The instance became ${label(to)} before its Lead reached the local cache; once it did, the channel no longer fired on that status (disabled or changed): nothing was written.`,
      }),
    );
  }

  #wait(channel: RunnableUpdateChannel, entered: StatusEntered, writes: InstanceWrites): void {
    const since = new Date(this.deps.clock.now()).toISOString();
    const waiting = { channelId: channel.id, channelName: channel.name, entered, since };
    if (!this.deps.firings.wait(waiting)) return;
    writes.logEntries.push(
      // Its own kind: the firing itself is logged as channel.fired once the Lead arrives.
      this.deps.log.insert('channel.waiting', entered.instance.recordId, {
        ...this.#subject(entered),
        channel: channel.name,
        channelId: channel.id,
        meetingType: channel.meetingTypeName,
        effect: 'waiting',
        fields: [],
        outboxItemId: null,
        reason: `The instance became ${label(entered.to)}, but the Lead is not in the local cache yet: its writes wait for the sync to bring it.`,
      }),
    );
  }

  /** `waitedSince`: when the firing began waiting for its Lead, or null. */
  #fire(
    channel: RunnableUpdateChannel,
    entered: StatusEntered,
    lead: Readonly<Record<string, unknown>>,
    writes: InstanceWrites,
    waitedSince: string | null,
  ): void {
    const { instance, to } = entered;
    if (!channel.evaluate(null, lead, NO_CHANGES)) return;
    const decided = this.#decide(channel, entered, lead);
    const outboxItemId =
      Object.keys(decided.values).length > 0
        ? this.deps.enqueueLeadUpdate({
            leadId: instance.recordId,
            values: decided.values,
            hostUsers: decided.hostUsers,
            basis: decided.basis,
            cause: { kind: 'channel', id: String(channel.id), name: channel.name },
            instanceId: instance.id,
            idempotencyKey: `update:${channel.id}:${entered.historyId}`,
          })
        : null;
    const inserted = this.deps.firings.insert({
      channelId: channel.id,
      channelVersion: channel.version,
      historyId: entered.historyId,
      instanceId: instance.id,
      leadId: instance.recordId,
      outboxItemId,
      at: new Date(this.deps.clock.now()).toISOString(),
    });
    if (!inserted) return;
    this.#announce(channel.id, writes);
    writes.logEntries.push(
      this.deps.log.insert('channel.fired', instance.recordId, {
        ...this.#subject(entered),
        channel: channel.name,
        channelId: channel.id,
        meetingType: channel.meetingTypeName,
        effect: outboxItemId === null ? 'none' : 'write_queued',
        fields: Object.keys(decided.values),
        outboxItemId,
        reason: explain(to, decided, outboxItemId, waitedSince),
      }),
    );
  }

  #subject(entered: StatusEntered) {
    return { name: entered.instance.name, instanceId: entered.instance.id, status: entered.to };
  }

  /**
   * After the commit (a rolled-back firing never shows): a runner batch fires for thousands
   * of instances, each in its own savepoint, and the Channels screen reloads once for all.
   */
  #announce(channelId: number, writes: InstanceWrites): void {
    writes.afterCommit.push(() => {
      if (this.#announcing.size === 0) {
        queueMicrotask(() => {
          const channelIds = [...this.#announcing];
          this.#announcing.clear();
          this.deps.changed(channelIds);
        });
      }
      this.#announcing.add(channelId);
    });
  }

  #decide(
    channel: RunnableUpdateChannel,
    entered: StatusEntered,
    lead: Readonly<Record<string, unknown>>,
  ): Decided {
    const decided: Decided = { values: {}, hostUsers: {}, basis: {}, leftOut: [] };
    const host =
      entered.instance.hostEmail ?? this.deps.hostsOf(entered.instance.meetingType.id)[0] ?? null;
    for (const write of channel.writes) {
      if (write.source === 'host_user') {
        if (host === null) decided.leftOut.push(`${write.field} (the meeting type has no host)`);
        else {
          decided.values[write.field] = null;
          decided.hostUsers[write.field] = host;
        }
      } else {
        const value =
          write.source === 'fixed'
            ? write.value
            : instanceValue(write, entered.instance, entered.to, host, channel.rules.timeZone);
        if (value === undefined) {
          decided.leftOut.push(`${write.field} (the instance has no ${WANTING[write.source]})`);
          continue;
        }
        decided.values[write.field] = value;
      }
      decided.basis[write.field] = lead[write.field] ?? null;
    }
    return decided;
  }
}

const WANTING: Record<PlannedWrite['source'], string> = {
  fixed: 'value',
  meeting_start: 'booked start',
  meeting_end: 'booked end',
  meeting_url: 'meeting URL',
  host_email: 'host',
  instance_status: 'status',
  host_user: 'host',
};

/** An instance's fact in the target field's form; undefined when the instance lacks it. */
function instanceValue(
  write: PlannedWrite,
  instance: InstanceSummary,
  status: InstanceStatus,
  host: string | null,
  timeZone: string,
): string | undefined {
  switch (write.source) {
    case 'meeting_start':
    case 'meeting_end': {
      const time = write.source === 'meeting_start' ? instance.bookedStart : instance.bookedEnd;
      if (time === null) return undefined;
      const instant = Date.parse(time);
      // A date field holds the meeting's day where the channel's rules count days.
      if (write.type === 'date') return dayText(localDay(instant, timeZone));
      return new Date(instant).toISOString();
    }
    case 'meeting_url':
      return instance.meetingUrl ?? undefined;
    case 'host_email':
      return host ?? undefined;
    case 'instance_status':
      return label(status);
    default:
      return undefined;
  }
}

function explain(
  status: InstanceStatus,
  decided: Decided,
  outboxItemId: number | null,
  waitedSince: string | null,
): string {
  const entered =
    waitedSince === null
      ? `The instance became ${label(status)}`
      : `The instance became ${label(status)} (at ${waitedSince}, before its Lead reached the local cache)`;
  const fields = Object.keys(decided.values);
  const leftOut = decided.leftOut.length > 0 ? ` Left out: ${decided.leftOut.join(', ')}.` : '';
  if (outboxItemId === null) return `${entered}: nothing to write.${leftOut}`;
  return `${entered}: queued ${fields.join(', ')} for Salesforce (outbox item ${outboxItemId}).${leftOut}`;
}
