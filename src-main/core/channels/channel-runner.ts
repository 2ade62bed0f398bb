import type { Database } from 'better-sqlite3';
import type { ChannelDecision, LogEntry } from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock, Logger } from '../ports';
import type { InstanceRepository } from '../meetings/instance-repository';
import { InstanceWrites, type StatusChangeInput } from '../meetings/instance-writes';
import type { LogRepository } from '../store/log-repository';
import {
  describeChange,
  type ChangeGroup,
  type ChangeGroupReader,
  type ClosedBy,
} from './change-groups';
import type { StoredChannel } from './channel-repository';
import { channelOutcome } from './channel-trigger';
import type { ConditionEvaluator } from './compile-conditions';
import {
  plainReason,
  type DecisionRepository,
  type Miss,
  type NewDecision,
} from './decision-repository';
import type { EchoGuard } from './echo-guard';

/** An enabled channel, compiled for the current describe. */
export interface RunnableChannel extends StoredChannel {
  evaluate: ConditionEvaluator;
}

export interface ChannelRunnerDependencies {
  db: Database;
  clock: Clock;
  log: LogRepository;
  logger: Logger;
  instances: InstanceRepository;
  decisions: DecisionRepository;
  groups: ChangeGroupReader;
  echoes: EchoGuard;
  /** The enabled Import and Intercept channels, compiled; invalid ones are disabled by the provider. */
  runnable(): RunnableChannel[];
  /** After a commit in which these channels fired (their fire count moved). */
  onFired(channelIds: number[]): void;
}

/** Timing events decided per transaction: big enough to be cheap, small enough to stay brief. */
const EVENTS_PER_TRANSACTION = 2000;

const CLOSED_REASON = {
  converted: 'The Lead was converted in Salesforce',
  merged: 'The Lead was merged into another Lead in Salesforce',
  deleted: 'The Lead was deleted in Salesforce',
} as const;

interface Pending {
  writes: InstanceWrites;
  logEntries: LogEntry[];
  fired: Set<number>;
  decisions: number[];
}

/**
 * Runs the enabled Import and Intercept channels on timing events, in order, after a durable
 * cursor. Each batch's decisions, their instance effects, their log entries and the cursor's
 * advance commit in ONE transaction: a crash loses nothing and repeats nothing (the unique
 * index on (change, channel) would refuse a repeat even so). A converted, merged or deleted
 * Lead's open instances are deactivated (system cause) and no channel runs on it.
 */
export class ChannelRunner {
  constructor(private readonly deps: ChannelRunnerDependencies) {}

  /**
   * Decides every timing event after the cursor. Called after each sync commit and at
   * start-up; returns the number of changes decided. A failure is logged and left for the
   * next call (the cursor has not moved past what failed). `cachedFields`: Leads as the
   * commit just cached them, so they need not be read back.
   */
  drain(cachedFields?: ReadonlyMap<string, Record<string, unknown>>): number {
    let decided = 0;
    try {
      const channels = this.deps.runnable();
      for (;;) {
        const done = this.#step(channels, cachedFields);
        if (done === 0) return decided;
        decided += done;
      }
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'CHANNEL_RUN_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn('channel run failed', { code });
      this.deps.log.append('channel.run-failed', null, {
        code,
        message: `Channels could not decide on the latest Lead changes (${message}). Leadbridge tries again after the next sync.`,
      });
      return decided;
    }
  }

  /** Runs the enabled channels again on one change (Replay): no second open instance. */
  replay(changeId: number): ChannelDecision[] {
    const group = this.deps.groups.containing(changeId);
    if (!group) {
      throw new AppError(
        'CHANGE_NOT_FOUND',
        `There is no timing event ${changeId} (the cache may have been cleared). Reload the timeline.`,
      );
    }
    const channels = this.deps.runnable();
    const pending = this.#pending();
    this.deps.db
      .transaction(() => this.#decide(group, channels, true, this.#now(), pending))
      .immediate();
    this.#publish(pending);
    return pending.decisions.map((id) => this.deps.decisions.get(id)!);
  }

  /** One transaction's worth; returns the number of changes decided. */
  #step(
    channels: readonly RunnableChannel[],
    cachedFields: ReadonlyMap<string, Record<string, unknown>> | undefined,
  ): number {
    const { db, decisions, groups } = this.deps;
    const pending = this.#pending();
    if (channels.length === 0) {
      db.transaction(() => this.#closeOnly(pending)).immediate();
      this.#publish(pending);
      return 0;
    }
    const count = db
      .transaction(() => {
        const batch = groups.after(decisions.cursor(), EVENTS_PER_TRANSACTION, cachedFields);
        if (batch.length === 0) return 0;
        const now = this.#now();
        const guarding = channels.length > 0 && this.deps.echoes.active();
        for (const group of batch) {
          if (guarding && this.deps.echoes.strip(group, now)) {
            this.#decideAll(group, channels, false, now, pending, ECHO_REASON);
            continue;
          }
          this.#decide(group, channels, false, now, pending);
        }
        decisions.advance(batch.at(-1)!.lastChangeId);
        return batch.length;
      })
      .immediate();
    this.#publish(pending);
    return count;
  }

  /** No channel runs: only the instances of Leads that left are closed; the cursor moves on. */
  #closeOnly(pending: Pending): void {
    const { closings, last } = this.deps.groups.closingsAfter(this.deps.decisions.cursor());
    for (const { leadId, kind } of closings) this.#close(leadId, kind, pending);
    this.deps.decisions.advance(last);
  }

  #close(leadId: string, closedBy: ClosedBy, pending: Pending): string {
    const reason = CLOSED_REASON[closedBy];
    this.deps.instances.deactivateOpen(
      leadId,
      'all',
      { reason: `${reason}.`, cause: { kind: 'system' } },
      pending.writes,
    );
    return reason;
  }

  #decide(
    group: ChangeGroup,
    channels: readonly RunnableChannel[],
    replay: boolean,
    now: string,
    pending: Pending,
  ): void {
    if (group.closedBy) {
      const reason = this.#close(group.leadId, group.closedBy, pending);
      this.#decideAll(
        group,
        channels,
        replay,
        now,
        pending,
        `${reason}: channels do not run on it.`,
      );
      return;
    }
    const { after, before } = group;
    if (!after) {
      const reason = 'The Lead is no longer in the local cache: channels do not run on it.';
      this.#decideAll(group, channels, replay, now, pending, reason);
      return;
    }
    const misses: Miss[] = [];
    for (const channel of channels) {
      const { matched, fired } = channelOutcome(
        channel.evaluate,
        channel.rules.trigger,
        before,
        after,
        group.changedFields,
      );
      const base = this.#base(group, channel, replay, now);
      if (!fired) {
        if (replay) this.#record({ ...base, matched, reason: plainReason(matched) }, pending);
        else misses.push({ channelId: channel.id, channelVersion: channel.version, matched });
        continue;
      }
      const effect = this.#actOrExplain(channel, group, after, pending.writes);
      const decision = { ...base, matched, fired: true, ...effect };
      this.#record(decision, pending);
      pending.fired.add(channel.id);
      pending.logEntries.push(
        this.deps.log.insert('channel.fired', group.leadId, {
          name: typeof after.Name === 'string' ? after.Name : null,
          channel: channel.name,
          channelId: channel.id,
          meetingType: channel.meetingTypeName,
          effect: decision.effect,
          reason: decision.reason,
          changeId: group.firstChangeId,
          ...(replay ? { replay: true } : {}),
        }),
      );
    }
    if (misses.length > 0)
      this.deps.decisions.insertMisses(group.firstChangeId, group.leadId, now, misses);
  }

  /**
   * A fired channel's effect in a savepoint: an effect refused (a Salesforce Id the
   * instances do not take, an Update channel's handler failing) is undone alone and said in
   * the decision, so one Lead cannot stop every later change from being decided.
   */
  #actOrExplain(
    channel: RunnableChannel,
    group: ChangeGroup,
    after: Readonly<Record<string, unknown>>,
    writes: InstanceWrites,
  ): Pick<NewDecision, 'effect' | 'instanceId' | 'reason'> {
    const own = new InstanceWrites();
    try {
      const effect = this.deps.db.transaction(() => this.#act(channel, group, after, own))();
      writes.adopt(own);
      return effect;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return {
        effect: 'none',
        instanceId: null,
        reason: `Fired, but nothing was changed: ${error.message}`,
      };
    }
  }

  /** What a fired channel does to the Lead's instances. */
  #act(
    channel: RunnableChannel,
    group: ChangeGroup,
    after: Readonly<Record<string, unknown>>,
    writes: InstanceWrites,
  ): Pick<NewDecision, 'effect' | 'instanceId' | 'reason'> {
    const { instances } = this.deps;
    const type = `“${channel.meetingTypeName}”`;
    const change: StatusChangeInput = {
      reason: `Fired on ${describeChange(group)}.`,
      cause: { kind: 'channel', id: String(channel.id), name: channel.name },
    };
    if (channel.kind === 'intercept') {
      const closed = instances.deactivateOpen(
        group.leadId,
        channel.interceptScope === 'all' ? 'all' : channel.meetingTypeId,
        change,
        writes,
      );
      if (closed.length === 0) {
        return {
          effect: 'nothing_open',
          instanceId: null,
          reason: 'Fired: the Lead had no open instance to deactivate.',
        };
      }
      return {
        effect: 'deactivated',
        instanceId: closed[0]!.id,
        reason: `Fired: deactivated ${closed.length} open instance(s).`,
      };
    }
    const activate = channel.action === 'initialize_and_activate';
    const { instance, created } = instances.openInstance(
      {
        ...change,
        recordId: group.leadId,
        email: typeof after.Email === 'string' ? after.Email : null,
        meetingTypeId: channel.meetingTypeId,
        status: activate ? 'activated' : 'initialized',
      },
      writes,
    );
    if (created) {
      return {
        effect: activate ? 'activated' : 'initialized',
        instanceId: instance.id,
        reason: `Fired: started an instance of ${type} (${activate ? 'activated' : 'initialized'}).`,
      };
    }
    if (activate && instance.status === 'initialized') {
      instances.transition(instance.id, 'activated', change, writes);
      return {
        effect: 'activated',
        instanceId: instance.id,
        reason: `Fired: activated the Lead's initialized instance of ${type}.`,
      };
    }
    return {
      effect: 'already_open',
      instanceId: instance.id,
      reason: `Fired: the Lead already has an open instance of ${type} (${instance.status}); it was left as it is.`,
    };
  }

  /** The same decision from every channel: nothing evaluated, for `reason`. */
  #decideAll(
    group: ChangeGroup,
    channels: readonly RunnableChannel[],
    replay: boolean,
    now: string,
    pending: Pending,
    reason: string,
  ): void {
    for (const channel of channels)
      this.#record({ ...this.#base(group, channel, replay, now), reason }, pending);
  }

  #base(group: ChangeGroup, channel: RunnableChannel, replay: boolean, now: string): NewDecision {
    return {
      at: now,
      channelId: channel.id,
      channelVersion: channel.version,
      changeId: group.firstChangeId,
      leadId: group.leadId,
      matched: false,
      fired: false,
      effect: 'none',
      instanceId: null,
      reason: '',
      replay,
    };
  }

  #record(decision: NewDecision, pending: Pending): void {
    pending.decisions.push(this.deps.decisions.insert(decision));
  }

  #pending(): Pending {
    return { writes: new InstanceWrites(), logEntries: [], fired: new Set(), decisions: [] };
  }

  /** After the commit: log entries, instance changes and fire counts become visible. */
  #publish(pending: Pending): void {
    this.deps.instances.publish(pending.writes);
    this.deps.log.announce(pending.logEntries);
    if (pending.fired.size > 0) this.deps.onFired([...pending.fired]);
  }

  #now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

const ECHO_REASON =
  "The change is Leadbridge's own write-back to Salesforce: channels do not run on it.";
