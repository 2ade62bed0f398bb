import type { ChannelTrigger } from '../../../src-preload/contract';
import type { ConditionEvaluator, LeadValues } from './compile-conditions';

const NO_CHANGES: ReadonlySet<string> = new Set();

/**
 * Whether a channel fires, given whether its conditions held before the change and hold after:
 * "becomes true" only on the step from false to true, "every time" whenever they hold.
 */
export function firesOn(trigger: ChannelTrigger, heldBefore: boolean, holdsNow: boolean): boolean {
  return trigger === 'every_time' ? holdsNow : holdsNow && !heldBefore;
}

/**
 * Evaluates a channel for one timing event: whether its conditions hold after the change
 * (`matched`) and whether it fires. The conditions "before the change" are judged on the
 * previous Lead as it stood, with no change in view (so change operators are false there); a
 * created Lead held nothing before.
 */
export function channelOutcome(
  evaluate: ConditionEvaluator,
  trigger: ChannelTrigger,
  before: LeadValues | null,
  after: LeadValues,
  changedFields: ReadonlySet<string>,
): { matched: boolean; fired: boolean } {
  const matched = evaluate(before, after, changedFields);
  if (!matched || trigger === 'every_time') return { matched, fired: matched };
  const heldBefore = before !== null && evaluate(null, before, NO_CHANGES);
  return { matched, fired: firesOn(trigger, heldBefore, matched) };
}

/** Whether a channel fires for one timing event (see channelOutcome). */
export function channelFires(
  evaluate: ConditionEvaluator,
  trigger: ChannelTrigger,
  before: LeadValues | null,
  after: LeadValues,
  changedFields: ReadonlySet<string>,
): boolean {
  return channelOutcome(evaluate, trigger, before, after, changedFields).fired;
}
