import {
  channelDraftSchema,
  type ChannelDecision,
  type ConditionGroup,
  type ConditionRule,
} from '../../src-preload/contract';
import type { LeadbridgeCore } from '../../src-main/core/leadbridge-core';

export const WORKING = 'Working - Contacted';

/** A group of rules, `and` unless said. */
export function all(...rules: (ConditionRule | ConditionGroup)[]): ConditionGroup {
  return { combinator: 'and', rules };
}

/** Creates a meeting type (once per name) and an enabled channel on it, through the service. */
export function enabledChannel(
  core: LeadbridgeCore,
  draft: {
    name: string;
    kind?: 'import' | 'intercept';
    action?: 'initialize' | 'initialize_and_activate' | 'deactivate';
    conditions: ConditionGroup;
    trigger?: 'becomes_true' | 'every_time';
    meetingType?: string;
    interceptScope?: 'meeting_type' | 'all';
  },
) {
  const typeName = draft.meetingType ?? 'Intro call';
  const type =
    core.meetingTypes.list(false).find((existing) => existing.name === typeName) ??
    core.meetingTypes.create({ name: typeName, hosts: ['host@example.com'], calendar: null });
  const kind = draft.kind ?? 'import';
  const channel = core.channels.create(
    channelDraftSchema.parse({
      meetingTypeId: type.id,
      name: draft.name,
      kind,
      action: draft.action ?? (kind === 'import' ? 'initialize_and_activate' : 'deactivate'),
      interceptScope: draft.interceptScope ?? 'meeting_type',
      rules: {
        conditions: draft.conditions,
        trigger: draft.trigger ?? 'becomes_true',
        timeZone: 'UTC',
      },
    }),
  );
  return { type, channel: core.channels.setEnabled(channel.id, true) };
}

/** Every decision on one Lead, oldest first, as the timeline asks for them. */
export async function decisionsOf(
  core: LeadbridgeCore,
  leadId: string,
): Promise<ChannelDecision[]> {
  const { decisions } = await core.handlers['channels:decisions']({ leadId, limit: 500 });
  return decisions.reverse();
}
