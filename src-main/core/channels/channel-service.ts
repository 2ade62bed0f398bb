import type {
  Channel,
  ChannelDraft,
  ChannelPreview,
  ChannelRuleError,
  ConditionFieldInfo,
  InstanceStatus,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { MeetingTypeRepository } from '../meetings/meeting-type-repository';
import type { CachedDescribe, LeadDescribe } from '../salesforce/lead-describe';
import type { LeadRepository } from '../store/lead-repository';
import type { LogRepository } from '../store/log-repository';
import { describeChange, type ChangeGroupReader } from './change-groups';
import type { ChannelRepository, StoredChannel } from './channel-repository';
import type { RunnableChannel } from './channel-runner';
import { channelOutcome } from './channel-trigger';
import { compileConditions, type ConditionEvaluator } from './compile-conditions';
import { conditionFields } from './field-kinds';
import { planWrites, type PlannedWrite } from './plan-writes';
import { validateChannel, type ChannelShape } from './validate-channel';

export interface ChannelServiceDependencies {
  channels: ChannelRepository;
  meetingTypes: MeetingTypeRepository;
  leads: LeadRepository;
  groups: ChangeGroupReader;
  log: LogRepository;
  clock: Clock;
  /** Lead's describe as the sync last cached it. */
  describe(): CachedDescribe | undefined;
  /** `channels:changed`. */
  changed(channelIds: number[]): void;
}

const PREVIEW_DAYS = 7;
const PREVIEW_EXAMPLES = 5;
const NO_CHANGES: ReadonlySet<string> = new Set();

/** A channel compiled for the current describe: its conditions, and an Update channel's writes. */
interface Compiled {
  evaluate: ConditionEvaluator;
  writes: PlannedWrite[];
}

/** An enabled Update channel, ready to fire on a status entered. */
export type RunnableUpdateChannel = StoredChannel & Compiled;

/**
 * Channels as the Channels screen and the runner see them: saved only when valid against the
 * cached describe, compiled once per version (and describe), and disabled — said in the log
 * and on the screen — when a schema change breaks them.
 */
export class ChannelService {
  readonly #compiled = new Map<string, Compiled>();
  #compiledFor: string | undefined;

  constructor(private readonly deps: ChannelServiceDependencies) {}

  list(): Channel[] {
    const describe = this.deps.describe()?.describe;
    return this.deps.channels
      .list()
      .map((channel) => toChannel(channel, describe ? validateChannel(channel, describe) : []));
  }

  get(id: number): Channel {
    const channel = this.deps.channels.require(id);
    return toChannel(channel, validateChannel(channel, this.#describe()));
  }

  fields(): ConditionFieldInfo[] {
    const describe = this.deps.describe()?.describe;
    if (!describe) return [];
    return [...conditionFields(describe).values()].map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      calculated: field.calculated,
      picklistValues: field.picklistValues,
      operators: [...field.operators],
      updateable: field.updateable,
      nillable: field.nillable,
      referenceTo: field.referenceTo,
      writeSources: [...field.writeSources],
    }));
  }

  validate(draft: ChannelDraft): ChannelRuleError[] {
    return validateChannel(draft, this.#describe());
  }

  create(draft: ChannelDraft): Channel {
    this.#assertSavable(draft);
    const saved = this.deps.channels.create(draft);
    this.deps.log.append('channel.created', null, logged(saved));
    return this.#announce(saved.id);
  }

  /**
   * Saves an example channel, disabled, before any describe is cached (the demo's first
   * start): it is checked against the describe when someone enables it.
   */
  createExample(draft: ChannelDraft): Channel {
    const saved = this.deps.channels.create(draft);
    this.deps.log.append('channel.created', null, logged(saved));
    return toChannel(saved, []);
  }

  update(id: number, draft: ChannelDraft): Channel {
    this.deps.channels.require(id);
    this.#assertSavable(draft);
    const saved = this.deps.channels.update(id, draft);
    this.deps.log.append('channel.updated', null, logged(saved));
    return this.#announce(id);
  }

  setEnabled(id: number, enabled: boolean): Channel {
    const channel = this.deps.channels.require(id);
    if (enabled) {
      const errors = validateChannel(channel, this.#describe());
      if (errors.length > 0) throw invalid(errors);
      if (this.deps.meetingTypes.requireRef(channel.meetingTypeId).archived)
        throw archived(channel.meetingTypeName);
    }
    if (channel.enabled === enabled && channel.disabledReason === null) return this.get(id);
    const saved = this.deps.channels.setEnabled(id, enabled);
    this.deps.log.append(enabled ? 'channel.enabled' : 'channel.disabled', null, logged(saved));
    return this.#announce(id);
  }

  delete(id: number): void {
    const channel = this.deps.channels.require(id);
    this.deps.channels.markDeleted(id);
    this.deps.log.append('channel.deleted', null, logged(channel));
    this.deps.changed([id]);
  }

  /**
   * The enabled Import and Intercept channels, compiled for the current describe, for the
   * runner. Any enabled channel (Update ones too) that no longer fits the describe is
   * disabled (with the reason, in the log and on the screen) rather than silently skipped.
   */
  runnable(): RunnableChannel[] {
    return this.#compiledLive(this.deps.channels.runnable(), true).filter(
      (channel) => channel.kind !== 'update',
    );
  }

  /**
   * The enabled Update channels of a meeting type that fire on `status`, compiled. Asked
   * inside the transaction of a status change: one that no longer fits the describe is
   * skipped here and disabled by the next check (`describeChanged`, the runner's next run).
   */
  updateChannelsFor(meetingTypeId: number, status: InstanceStatus): RunnableUpdateChannel[] {
    const firing = this.deps.channels
      .runnableUpdates()
      .filter(
        (channel) =>
          channel.meetingTypeId === meetingTypeId && channel.update?.statuses.includes(status),
      );
    return this.#compiledLive(firing, false);
  }

  /** After the sync cached a new describe: every enabled channel is checked against it. */
  describeChanged(): void {
    this.#compiled.clear();
    this.#compiledFor = undefined;
    this.#compiledLive(this.deps.channels.runnable(), true);
  }

  #compiledLive(channels: StoredChannel[], disableBroken: boolean): RunnableUpdateChannel[] {
    if (channels.length === 0) return [];
    // A status change asks on every instance it moves: reading the describe (hundreds of
    // KB of JSON) each time would cost more than the change. What it compiled stays valid
    // until the sync caches another describe (`describeChanged`).
    const ready = disableBroken ? undefined : this.#alreadyCompiled(channels);
    if (ready) return ready;
    const cached = this.deps.describe();
    if (!cached) return [];
    if (this.#compiledFor !== cached.fetchedAt) {
      this.#compiled.clear();
      this.#compiledFor = cached.fetchedAt;
    }
    const compiled: RunnableUpdateChannel[] = [];
    for (const channel of channels) {
      const key = `${channel.id}:${channel.version}`;
      let parts = this.#compiled.get(key);
      if (!parts) {
        const errors = validateChannel(channel, cached.describe);
        if (errors.length > 0) {
          if (disableBroken) this.#disableBroken(channel, errors);
          continue;
        }
        parts = {
          evaluate: this.#compile(channel, cached.describe),
          writes: channel.update
            ? planWrites(channel.update.writes, conditionFields(cached.describe)).planned
            : [],
        };
        this.#compiled.set(key, parts);
      }
      compiled.push({ ...channel, ...parts });
    }
    return compiled;
  }

  /**
   * How many cached Leads match the draft now (change operators are false: nothing is
   * changing), and how often it would have fired on the last 7 days' changes, as the
   * runner would have decided them, with a few examples. An Update channel fires on
   * statuses, not changes: only the Leads its filter lets through now are counted.
   */
  preview(draft: ChannelDraft): ChannelPreview {
    const describe = this.#describe();
    const errors = validateChannel(draft, describe);
    const preview: ChannelPreview = {
      cachedLeads: 0,
      matchingNow: 0,
      wouldHaveFired: 0,
      eventsScanned: 0,
      examples: [],
      errors,
    };
    if (errors.length > 0) return preview;
    const evaluate = this.#compile(draft, describe);
    const nowExamples: ChannelPreview['examples'] = [];
    for (const lead of this.deps.leads.iterateLive()) {
      preview.cachedLeads += 1;
      if (!evaluate(null, lead.fields, NO_CHANGES)) continue;
      preview.matchingNow += 1;
      if (nowExamples.length < PREVIEW_EXAMPLES) {
        nowExamples.push({ ...lead.summary, at: null, summary: 'Matches now.' });
      }
    }
    if (draft.kind === 'update') {
      preview.examples = nowExamples;
      return preview;
    }
    const since = new Date(this.deps.clock.now() - PREVIEW_DAYS * 86_400_000).toISOString();
    const { groups, events } = this.deps.groups.detectedSince(since);
    preview.eventsScanned = events;
    for (const group of groups) {
      if (group.closedBy || !group.after) continue;
      const { fired } = channelOutcome(
        evaluate,
        draft.rules.trigger,
        group.before,
        group.after,
        group.changedFields,
      );
      if (!fired) continue;
      preview.wouldHaveFired += 1;
      if (preview.examples.length < PREVIEW_EXAMPLES) {
        preview.examples.push({
          leadId: group.leadId,
          name: text(group.after.Name),
          email: text(group.after.Email),
          at: group.detectedAt,
          summary: `Would have fired on ${describeChange(group)}.`,
        });
      }
    }
    preview.examples.push(...nowExamples.slice(0, PREVIEW_EXAMPLES - preview.examples.length));
    return preview;
  }

  #alreadyCompiled(channels: StoredChannel[]): RunnableUpdateChannel[] | undefined {
    const compiled: RunnableUpdateChannel[] = [];
    for (const channel of channels) {
      const parts = this.#compiled.get(`${channel.id}:${channel.version}`);
      if (!parts) return undefined;
      compiled.push({ ...channel, ...parts });
    }
    return compiled;
  }

  #compile(channel: ChannelShape, describe: LeadDescribe): ConditionEvaluator {
    return compileConditions(channel.rules.conditions, describe, {
      timeZone: channel.rules.timeZone,
      now: () => this.deps.clock.now(),
      purpose: channel.kind === 'update' ? 'filter' : 'change',
    });
  }

  #disableBroken(channel: StoredChannel, errors: ChannelRuleError[]): void {
    const reason = `Salesforce's Lead fields changed and this channel no longer fits them: ${errors[0]!.message} Fix the rule, save, and enable the channel again.`;
    const saved = this.deps.channels.setEnabled(channel.id, false, reason);
    this.deps.log.append('channel.disabled', null, {
      ...logged(saved),
      reason,
      errors: errors.map((error) => error.code),
    });
    this.deps.changed([channel.id]);
  }

  #assertSavable(draft: ChannelDraft): void {
    const type = this.deps.meetingTypes.requireRef(draft.meetingTypeId);
    if (type.archived) throw archived(type.name);
    const errors = validateChannel(draft, this.#describe());
    if (errors.length > 0) throw invalid(errors);
  }

  #announce(id: number): Channel {
    this.deps.changed([id]);
    return this.get(id);
  }

  #describe(): LeadDescribe {
    const cached = this.deps.describe();
    if (!cached) {
      throw new AppError(
        'LEAD_FIELDS_UNKNOWN',
        'Leadbridge has not read the Lead fields from Salesforce yet. Connect and let the first sync finish, then try again.',
      );
    }
    return cached.describe;
  }
}

function toChannel(channel: StoredChannel, errors: ChannelRuleError[]): Channel {
  const { meetingTypeArchived: _archived, ...shown } = channel;
  return { ...shown, errors };
}

function logged(channel: StoredChannel): Record<string, unknown> {
  return {
    channel: channel.name,
    channelId: channel.id,
    version: channel.version,
    meetingType: channel.meetingTypeName,
    kind: channel.kind,
  };
}

function invalid(errors: ChannelRuleError[]): AppError {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s))` : '';
  return new AppError('CHANNEL_INVALID', `${errors[0]!.message}${more}`);
}

function archived(name: string): AppError {
  return new AppError(
    'MEETING_TYPE_ARCHIVED',
    `“${name}” is archived: its channels cannot run. Choose another meeting type.`,
  );
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
