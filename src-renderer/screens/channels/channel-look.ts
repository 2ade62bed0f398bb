import type {
  Channel,
  ChannelAction,
  ChannelKind,
  ChannelRuleError,
  ChannelTrigger,
  InterceptScope,
} from '../../../src-preload/contract';
import { plural } from '../../format/plural';

export const KIND_LABELS: Record<ChannelKind, string> = {
  import: 'Import',
  intercept: 'Intercept',
};

export const KIND_HINTS: Record<ChannelKind, string> = {
  import: 'Starts an instance of the meeting type for a Lead that matches.',
  intercept: 'Stops the open instances of a Lead that matches.',
};

export const ACTION_LABELS: Record<ChannelAction, string> = {
  initialize: 'Initialize',
  initialize_and_activate: 'Initialize and activate',
  deactivate: 'Deactivate',
};

export const TRIGGER_LABELS: Record<ChannelTrigger, string> = {
  becomes_true: 'When the conditions become true',
  every_time: 'Every time a change matches',
};

export const SCOPE_LABELS: Record<InterceptScope, string> = {
  meeting_type: 'Only this meeting type',
  all: 'Every meeting type',
};

/** The actions a kind allows: Import opens instances, Intercept closes them. */
export function actionsFor(kind: ChannelKind): ChannelAction[] {
  return kind === 'import' ? ['initialize_and_activate', 'initialize'] : ['deactivate'];
}

/** "Initializes and activates an instance of “Intro call”": what the channel does. */
export function describeEffect(
  channel: Pick<Channel, 'action' | 'interceptScope'>,
  meetingTypeName: string,
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
  }
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

export function errorsByPath(errors: readonly ChannelRuleError[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const error of errors) {
    const key = pathKey(error.path);
    byPath.set(key, [...(byPath.get(key) ?? []), error.message]);
  }
  return byPath;
}
