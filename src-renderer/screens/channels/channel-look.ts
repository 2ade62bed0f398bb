import type {
  Channel,
  ChannelAction,
  ChannelKind,
  ChannelRuleError,
  ChannelTrigger,
  ConditionFieldInfo,
  InterceptScope,
  UpdateSpec,
} from '../../../src-preload/contract';
import { plural } from '../../format/plural';
import { summarizeConditions } from './condition-operators';
import { describeStatusTrigger, describeWrites } from './update-writes';

export const KIND_LABELS: Record<ChannelKind, string> = {
  import: 'Import',
  intercept: 'Intercept',
  update: 'Update',
};

export const KIND_COLORS: Record<ChannelKind, string> = {
  import: 'blue',
  intercept: 'orange',
  update: 'grape',
};

export const KIND_HINTS: Record<ChannelKind, string> = {
  import: 'Starts an instance of the meeting type for a Lead that matches.',
  intercept: 'Stops the open instances of a Lead that matches.',
  update: 'Writes Lead fields in Salesforce when an instance enters a status.',
};

export const ACTION_LABELS: Record<ChannelAction, string> = {
  initialize: 'Initialize',
  initialize_and_activate: 'Initialize and activate',
  deactivate: 'Deactivate',
  write_fields: 'Write fields',
};

export const TRIGGER_LABELS: Record<ChannelTrigger, string> = {
  becomes_true: 'When the conditions become true',
  every_time: 'Every time a change matches',
};

export const SCOPE_LABELS: Record<InterceptScope, string> = {
  meeting_type: 'Only this meeting type',
  all: 'Every meeting type',
};

/** The actions a kind allows: Import opens instances, Intercept closes them, Update writes. */
export function actionsFor(kind: ChannelKind): ChannelAction[] {
  switch (kind) {
    case 'import':
      return ['initialize_and_activate', 'initialize'];
    case 'intercept':
      return ['deactivate'];
    case 'update':
      return ['write_fields'];
  }
}

/**
 * "Initializes and activates an instance of “Intro call”", "Writes Status = “Meeting
 * Booked”": what the channel does (an Update channel's fields by label when `fields` has them).
 */
export function describeEffect(
  channel: Pick<Channel, 'action' | 'interceptScope'> & { update?: UpdateSpec | null },
  meetingTypeName: string,
  fields: readonly ConditionFieldInfo[] = [],
): string {
  switch (channel.action) {
    case 'initialize':
      return `Initializes an instance of “${meetingTypeName}”`;
    case 'initialize_and_activate':
      return `Initializes and activates an instance of “${meetingTypeName}”`;
    case 'deactivate':
      return channel.interceptScope === 'all'
        ? 'Deactivates the Lead’s open instances of every meeting type'
        : `Deactivates the Lead’s open instance of “${meetingTypeName}”`;
    case 'write_fields':
      return describeWrites(channel.update?.writes ?? [], fields);
  }
}

/**
 * A channel's conditions and trigger in a line each, for the list: an Update channel fires on
 * statuses, and without rules it writes for every Lead.
 */
export function channelRowLook(channel: Pick<Channel, 'kind' | 'rules' | 'update'>): {
  conditions: string;
  trigger: string;
} {
  const conditions = summarizeConditions(channel.rules.conditions);
  if (channel.kind !== 'update') {
    return { conditions, trigger: TRIGGER_LABELS[channel.rules.trigger] };
  }
  return {
    conditions: conditions === '' ? 'Every Lead' : `Leads where ${conditions}`,
    trigger: describeStatusTrigger(channel.update?.statuses ?? []),
  };
}

/**
 * Why a channel cannot be enabled as it stands, in words; null when it can. Leadbridge's
 * own reason for disabling it comes first: that is what the admin must fix.
 */
export function enableBlocker(channel: Pick<Channel, 'disabledReason' | 'errors'>): string | null {
  if (channel.errors.length === 0) return null;
  return `Fix ${plural(channel.errors.length, 'problem')} in the rules first: ${channel.errors[0]!.message}`;
}

export interface ChannelGroup {
  meetingTypeId: number;
  meetingTypeName: string;
  channels: Channel[];
}

/**
 * Channels under their meeting type, both by name, so a list reads the same every time.
 * Live meeting types without channels are there too, as places to add the first one.
 */
export function groupByMeetingType(
  channels: readonly Channel[],
  meetingTypes: readonly { id: number; name: string }[] = [],
): ChannelGroup[] {
  const groups = new Map<number, ChannelGroup>();
  for (const type of meetingTypes) {
    groups.set(type.id, { meetingTypeId: type.id, meetingTypeName: type.name, channels: [] });
  }
  for (const channel of channels) {
    const group = groups.get(channel.meetingTypeId) ?? {
      meetingTypeId: channel.meetingTypeId,
      meetingTypeName: channel.meetingTypeName,
      channels: [],
    };
    group.channels.push(channel);
    groups.set(channel.meetingTypeId, group);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return [...groups.values()]
    .map((group) => ({
      ...group,
      channels: group.channels.sort((a, b) => byName(a.name, b.name)),
    }))
    .sort((a, b) => byName(a.meetingTypeName, b.meetingTypeName));
}

/** `[0, 2]` → `"0.2"`: how errors are looked up by the rule or group they are about. */
export function pathKey(path: readonly number[]): string {
  return path.join('.');
}

/** Errors of the conditions, by path; an Update channel's write errors are shown at their write. */
export function errorsByPath(errors: readonly ChannelRuleError[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const error of errors) {
    if (error.write !== undefined) continue;
    const key = pathKey(error.path);
    byPath.set(key, [...(byPath.get(key) ?? []), error.message]);
  }
  return byPath;
}
